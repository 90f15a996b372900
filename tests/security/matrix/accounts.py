"""Sign-in: the auth routes are open to anyone (the body carries the proof); /me answers
every signed-in persona about itself."""
from tests.security.world import World, challenge_session, invite_staff, open_to_everyone
from tests.support import PASSWORD


EXPECTED = {
    ("POST", "/auth/login"): open_to_everyone(),
    ("POST", "/auth/challenge"): open_to_everyone(),
    ("POST", "/auth/refresh"): open_to_everyone(),
    ("GET", "/me"): {"anonymous": 401, "other_owner": 200, "client_outsider": 200, "client_member": 200,
                     "staff": 200, "admin": 200, "owner": 200},
    # Each signed-in persona sets up, turns on and turns off two-step sign-in for its own
    # login only; none of the matrix firms requires it.
    ("POST", "/me/mfa/setup"): {**open_to_everyone(), "anonymous": 401},
    ("POST", "/me/mfa/enable"): {**open_to_everyone(), "anonymous": 401},
    ("DELETE", "/me/mfa"): {**open_to_everyone(), "anonymous": 401},
}


def body(world: World, method: str, path: str):
    if path == "/auth/login":
        return {"slug": world.firm.slug, "email": world.firm.owner_email, "password": PASSWORD}
    if path == "/me/mfa/enable":
        return {"code": "123456"}  # the local pool checks codes only where a test asks it to
    if path in ("/me/mfa/setup", "/me/mfa"):
        return None
    if path == "/auth/refresh":
        return {"refresh_token": world.firm.tokens["refresh_token"]}
    # A challenge session is good for one answer: each request gets a newly invited login.
    email = f"{world.unique('newcomer')}@northwind.example"
    invite_staff(world, "Newcomer", email)
    return {"slug": world.firm.slug, "email": email, "session": challenge_session(world, email),
            "new_password": "Newcomer-Pass-2026"}
