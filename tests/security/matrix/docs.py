"""The API's description and its viewer are public."""
from tests.security.world import World

_OPEN = {"anonymous": 200, "other_owner": 200, "client_outsider": 200, "client_member": 200,
         "staff": 200, "admin": 200, "owner": 200}

EXPECTED = {
    ("GET", "/openapi.json"): dict(_OPEN),
    ("GET", "/docs"): dict(_OPEN),
    ("GET", "/docs/assets/{name}"): dict(_OPEN),
}


def setup(api, world: World) -> None:
    world.ids["name"] = "viewer.js"
