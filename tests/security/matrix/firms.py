"""Firms: sign-up and the public sign-in page are open; the firm itself is for its staff,
and only managers change it. Another firm's owner reaches its own firm, never this one
(the firm id comes from the token, not the path)."""
from tests.security.world import World


EXPECTED = {
    ("POST", "/signup"): {"anonymous": 201, "other_owner": 201, "client_outsider": 201, "client_member": 201,
                          "staff": 201, "admin": 201, "owner": 201},
    ("GET", "/firms/{slug}/public"): {"anonymous": 200, "other_owner": 200, "client_outsider": 200,
                                      "client_member": 200, "staff": 200, "admin": 200, "owner": 200},
    ("GET", "/firm"): {"anonymous": 401, "other_owner": 200, "client_outsider": 403, "client_member": 403,
                       "staff": 200, "admin": 200, "owner": 200},
    ("PATCH", "/firm"): {"anonymous": 401, "other_owner": 200, "client_outsider": 403, "client_member": 403,
                         "staff": 403, "admin": 200, "owner": 200},
}


def setup(api, world: World) -> None:
    world.ids["slug"] = world.firm.slug


def body(world: World, method: str, path: str):
    if path == "/signup":
        slug = world.unique("eastgate-")
        return {"firm_name": "Eastgate Law", "slug": slug,
                "owner": {"name": "Eve East", "email": f"eve@{slug}.example", "password": "Eastgate-Law-2026"}}
    return {"name": "Renamed Partners LLP", "settings": {"invitation_days": 10}}
