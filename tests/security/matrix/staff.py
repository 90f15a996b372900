"""Staff: every firm role sees the team; only managers invite and change colleagues.
The target of the id routes is a colleague who is none of the personas, so changing it
locks nobody out; another firm's owner gets 404 for it, never 403."""
from tests.security.world import World, invite_staff

_TARGETED = {"anonymous": 401, "other_owner": 404, "client_outsider": 403, "client_member": 403,
             "staff": 403, "admin": 200, "owner": 200}

EXPECTED = {
    ("POST", "/staff"): {"anonymous": 401, "other_owner": 201, "client_outsider": 403, "client_member": 403,
                         "staff": 403, "admin": 201, "owner": 201},
    ("GET", "/staff"): {"anonymous": 401, "other_owner": 200, "client_outsider": 403, "client_member": 403,
                        "staff": 200, "admin": 200, "owner": 200},
    ("PATCH", "/staff/{user_id}"): dict(_TARGETED),
    ("POST", "/staff/{user_id}/deactivate"): dict(_TARGETED),
    ("POST", "/staff/{user_id}/reactivate"): dict(_TARGETED),
    # The target never signs in, so its invitation can be sent again by each manager.
    ("POST", "/staff/{user_id}/resend-invitation"): dict(_TARGETED),
}


OWN_WORLDS = (("POST", "/staff/{user_id}/reactivate"),)


def setup(api, world: World) -> None:
    target = invite_staff(world, "Tara Target", "tara.target@northwind.example")
    world.ids["user_id"] = target
    if world.route in OWN_WORLDS:
        # Reactivating an open login is a no-op; a closed one exercises the real change.
        resp = api.post(f"/staff/{target}/deactivate", token=world.firm.token)
        assert resp.status == 200, resp.text


def body(world: World, method: str, path: str):
    if method == "POST":
        return {"name": "New Colleague", "email": f"{world.unique('colleague')}@colleagues.example"}
    return {"name": "Tara Renamed"}
