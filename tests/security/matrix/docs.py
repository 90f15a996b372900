"""The API's description and its viewer are public."""
from tests.security.world import World, open_to_everyone


EXPECTED = {
    ("GET", "/openapi.json"): open_to_everyone(),
    ("GET", "/docs"): open_to_everyone(),
    ("GET", "/docs/assets/{name}"): open_to_everyone(),
}


def setup(api, world: World) -> None:
    world.ids["name"] = "viewer.js"
