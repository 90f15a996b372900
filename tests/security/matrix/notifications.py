"""Notifications and devices belong to each login: every persona reads and writes its
own; the notification and the device named in a path are the owner's, so everyone
else gets 404 for them. Marking a room read needs the room."""
from __future__ import annotations

from tests.security.world import World

ORDER = 80  # after messages (the owner's notification comes from the member's reply)

ANON = 401
OWN = {"anonymous": ANON, "other_owner": 200, "client_outsider": 200, "client_member": 200, "staff": 200,
       "admin": 200, "owner": 200}
NO_CONTENT = dict.fromkeys(OWN, 204) | {"anonymous": ANON}
OWNERS_ONLY = {**dict.fromkeys(OWN, 404), "anonymous": ANON, "owner": 204}

EXPECTED = {
    ("GET", "/me/notifications"): dict(OWN),
    ("GET", "/me/notifications/summary"): dict(OWN),
    ("POST", "/me/notifications/{notification_id}/read"): dict(OWNERS_ONLY),
    ("POST", "/me/notifications/read-all"): dict(NO_CONTENT),
    ("POST", "/rooms/{room_id}/read"): {**NO_CONTENT, "other_owner": 404, "client_outsider": 404},
    ("GET", "/me/notification-settings"): dict(OWN),
    ("PUT", "/me/notification-settings"): dict(OWN),
    ("POST", "/me/devices"): {**dict.fromkeys(OWN, 201), "anonymous": ANON},
    ("GET", "/me/devices"): dict(OWN),
    ("DELETE", "/me/devices/{device_id}"): dict(OWNERS_ONLY),
}


def _ok(resp):
    assert resp.status in (200, 201), resp.text
    return resp.json


def setup(api, world: World) -> None:
    owner, room = world.firm.token, world.ids["room_id"]
    member = world.tokens["client_member"]
    _ok(api.post(f"/rooms/{room}/threads/{world.ids['thread_id']}/replies", {"body": "Thanks!"}, token=member))
    world.pump()  # the owner is told of the reply from the stream
    world.ids["notification_id"] = _ok(api.get("/me/notifications", token=owner))["items"][0]["id"]
    world.ids["device_id"] = _ok(api.post("/me/devices", {"platform": "ios", "token": "matrix-device-token-1"},
                                          token=owner))["id"]


def body(world: World, method: str, path: str):
    if path == "/me/notification-settings":
        return {"channel": "email"}
    if path == "/me/devices":
        return {"platform": "android", "token": world.unique("matrix-device-token-")}
    return None
