"""Services and rooms. The world's room belongs to the member's client, so the member
is in it by default and the outsider is not; the member routes add and remove a
colleague who is none of the personas (the staff module's target)."""
from __future__ import annotations

from tests.security.world import World

ORDER = 60  # after clients (the member's client) and staff (the target colleague)

ANON = 401
MANAGERS = {"anonymous": ANON, "other_owner": 404, "client_outsider": 403, "client_member": 403,
            "staff": 403, "admin": 200, "owner": 200}
STAFF_ONLY = {**MANAGERS, "staff": 200}
ROOM_READ = {**STAFF_ONLY, "client_outsider": 404, "client_member": 200}
CREATED = {**STAFF_ONLY, "staff": 201, "admin": 201, "owner": 201}

EXPECTED = {
    ("GET", "/services"): {**STAFF_ONLY, "other_owner": 200},
    ("POST", "/services"): {**MANAGERS, "other_owner": 201, "admin": 201, "owner": 201},
    ("PATCH", "/services/{service_id}"): dict(MANAGERS),
    ("POST", "/services/{service_id}/retire"): dict(MANAGERS),
    ("POST", "/services/{service_id}/restore"): dict(MANAGERS),
    ("POST", "/rooms"): dict(CREATED),
    ("POST", "/clients/{client_id}/rooms"): dict(CREATED),
    ("GET", "/rooms"): {**dict.fromkeys(("other_owner", "client_outsider", "client_member", "staff", "admin",
                                         "owner"), 200), "anonymous": ANON},
    ("GET", "/rooms/{room_id}"): dict(ROOM_READ),
    ("PATCH", "/rooms/{room_id}"): dict(STAFF_ONLY),
    ("POST", "/rooms/{room_id}/archive"): dict(STAFF_ONLY),
    ("POST", "/rooms/{room_id}/restore"): dict(STAFF_ONLY),
    ("POST", "/rooms/{room_id}/members"): dict(CREATED),
    ("DELETE", "/rooms/{room_id}/members/{user_id}"): {**STAFF_ONLY, "staff": 204, "admin": 204, "owner": 204},
    ("GET", "/rooms/{room_id}/feed"): dict(ROOM_READ),
}


def _ok(resp):
    assert resp.status in (200, 201, 204), resp.text
    return resp.json


RESTORE_SERVICE = ("POST", "/services/{service_id}/restore")  # its world has the service retired
REMOVE_MEMBER = ("DELETE", "/rooms/{room_id}/members/{user_id}")  # its world has the colleague in the room
OWN_WORLDS = (RESTORE_SERVICE, REMOVE_MEMBER)


def setup(api, world: World) -> None:
    owner = world.firm.token
    service_id = _ok(api.post("/services", {"name": "Tax return"}, token=owner))["id"]
    room = _ok(api.post("/rooms", {"client_id": world.ids["client_id"], "service_id": service_id,
                                   "name": "Matrix room"}, token=owner))
    world.pump()  # the client's contacts join the new room from the stream
    world.ids.update(service_id=service_id, room_id=room["id"])
    if world.route == RESTORE_SERVICE:
        _ok(api.post(f"/services/{service_id}/retire", token=owner))
    # The room to restore is archived by `prepare`, after the later domains' setups used it.
    if world.route == REMOVE_MEMBER:
        _ok(api.post(f"/rooms/{room['id']}/members", {"user_id": world.ids["user_id"]}, token=owner))


def prepare(world: World, method: str, path: str) -> None:
    """Puts back what the previous persona's successful request changed."""
    ids, owner = world.ids, world.firm.token
    room = f"/rooms/{ids.get('room_id')}"
    undo = {
        ("POST", "/services/{service_id}/retire"): ("POST", f"/services/{ids.get('service_id')}/restore", None),
        ("POST", "/services/{service_id}/restore"): ("POST", f"/services/{ids.get('service_id')}/retire", None),
        ("POST", "/rooms/{room_id}/archive"): ("POST", f"{room}/restore", None),
        ("POST", "/rooms/{room_id}/restore"): ("POST", f"{room}/archive", None),
        ("POST", "/rooms/{room_id}/members"): ("DELETE", f"{room}/members/{ids.get('user_id')}", None),
        ("DELETE", "/rooms/{room_id}/members/{user_id}"): ("POST", f"{room}/members",
                                                            {"user_id": ids.get("user_id")}),
    }.get((method, path))
    if undo:
        world.api.request(undo[0], undo[1], json=undo[2], token=owner)


def body(world: World, method: str, path: str):
    if (method, path) == ("POST", "/services"):
        return {"name": world.unique("Service ")}
    if (method, path) == ("PATCH", "/services/{service_id}"):
        return {"name": world.unique("Renamed ")}
    if (method, path) == ("POST", "/rooms"):
        return {"client_id": world.ids["client_id"], "service_id": world.ids["service_id"],
                "name": world.unique("Room ")}
    if (method, path) == ("POST", "/clients/{client_id}/rooms"):
        return {"service_id": world.ids["service_id"], "name": world.unique("Room ")}
    if (method, path) == ("PATCH", "/rooms/{room_id}"):
        return {"name": world.unique("Renamed room ")}
    if (method, path) == ("POST", "/rooms/{room_id}/members"):
        return {"user_id": world.ids["user_id"]}
    return None
