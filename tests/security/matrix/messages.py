"""Threads, replies, notes, edits, tags and "Email members" in the world's room (the
member's client's room). The message edited and deleted is the owner's own, so every
other persona is refused; the owner comes last."""
from __future__ import annotations

from tests.security.world import World

ORDER = 70  # after rooms (the world's room)

ANON = 401
IN_ROOM = {"anonymous": ANON, "other_owner": 404, "client_outsider": 404, "client_member": 200,
           "staff": 200, "admin": 200, "owner": 200}
POSTED = {**IN_ROOM, "client_member": 201, "staff": 201, "admin": 201, "owner": 201}
STAFF_ONLY = {**IN_ROOM, "client_outsider": 403, "client_member": 403}
OWN = {**IN_ROOM, "client_member": 403, "staff": 403, "admin": 403}

EXPECTED = {
    ("POST", "/rooms/{room_id}/threads"): dict(POSTED),
    ("GET", "/rooms/{room_id}/threads/{thread_id}"): dict(IN_ROOM),
    ("POST", "/rooms/{room_id}/threads/{thread_id}/replies"): dict(POSTED),
    ("POST", "/rooms/{room_id}/notes"): {**STAFF_ONLY, "staff": 201, "admin": 201, "owner": 201},
    ("PATCH", "/rooms/{room_id}/messages/{message_id}"): dict(OWN),
    ("DELETE", "/rooms/{room_id}/messages/{message_id}"): {**OWN, "owner": 204},
    ("PUT", "/rooms/{room_id}/items/{item_id}/tags"): dict(STAFF_ONLY),
    ("POST", "/rooms/{room_id}/email-members"): {**STAFF_ONLY, "staff": 202, "admin": 202, "owner": 202},
}


def _ok(resp):
    assert resp.status in (200, 201), resp.text
    return resp.json


def setup(api, world: World) -> None:
    owner, room = world.firm.token, world.ids["room_id"]
    thread = _ok(api.post(f"/rooms/{room}/threads", {"body": "Welcome to your room"}, token=owner))
    mine = _ok(api.post(f"/rooms/{room}/threads", {"body": "The owner's own message"}, token=owner))
    members = _ok(api.get(f"/rooms/{room}", token=owner))["members"]
    world.ids.update(thread_id=thread["id"], item_id=thread["id"], message_id=mine["id"],
                     client_user_id=next(m["user_id"] for m in members if m["side"] == "client"))


def body(world: World, method: str, path: str):
    if path.endswith("/tags"):
        return {"tags": ["matrix"]}
    if path.endswith("/email-members"):
        return {"user_ids": [world.ids["client_user_id"]], "message": "Please upload your W-2."}
    if method in ("POST", "PATCH") and not path.endswith("/read"):
        return {"body": world.unique("Matrix message ")}
    return None
