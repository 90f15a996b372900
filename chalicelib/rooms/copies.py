"""What a room's change moves besides the room, followed from the table stream
(chalicelib.store.projection): for a rename, description, archive or restore, its list
entries, search words and member items, the active-room count of its (client, service)
pair and the feed item that tells its members (named by the change's own id and time); a
member's joining, their own copy of the room (their room-list item); a member's leaving,
its feed item; its name, status and event date on the client's board;
for a new room, what it gains after it is made (`furnishing.py`)."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.copies import count_room
from chalicelib.rooms import board, feed, furnishing
from chalicelib.rooms.members import MEMBER_REMOVED
from chalicelib.rooms.records import ACTIVE, count_active_room, member_item, write_copies
from chalicelib.store import FirmStore, Work, keys

PAYLOADS = {"room_renamed": lambda room: {"name": room["name"]},
            "room_described": lambda room: {"description_changed": True}}


def _actor(work: Work, room: dict[str, Any], user_id: str) -> dict[str, str]:
    """As the room names its members, else as the login is named."""
    seat = room.get("members", {}).get(user_id)
    user = None if seat else FirmStore.trusted(work.firm_id).get(keys.user(user_id))
    return {"id": user_id, "name": seat["name"] if seat else (user or {}).get("name", "")}


def follow_room(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    count_room(old, new, work)
    if new is None:
        return
    if old is None:
        furnishing.furnish(new, work)
        return
    if any(old.get(field) != new.get(field) for field in board.FOLLOWED):
        board.follow(work, new)
    change = new.get("last_change")
    moved = bool(change) and change != old.get("last_change")
    if moved and change["kind"] == MEMBER_REMOVED:
        _tell_removed(work, old, new, change)
        return
    joined = set(new.get("members", {})) - set(old.get("members", {}))
    if moved or furnishing.unfurnished(new):  # a member added before the furnishing moves no `last_change`
        write_copies(work, old, furnishing.as_it_stands(work, new), joined)
    else:
        for user_id in joined:  # a member added: their own copy of the room, for their room list
            work.put(member_item(new, user_id))
    if not moved:
        return
    if old["status"] != new["status"]:
        count_active_room(work, new, +1 if new["status"] == ACTIVE else -1)
    payload = PAYLOADS.get(change["kind"], lambda room: {})(new)
    feed.append(work, new["id"], change["kind"], feed.CLIENT_VISIBLE, payload, actor=_actor(work, new, change["by"]),
                item_id=change["id"], at=change["at"])


def _tell_removed(work: Work, old: dict[str, Any], new: dict[str, Any], change: dict[str, Any]) -> None:
    """Who left, as the room named them before. Their copy went with them; it goes again
    in case their joining's record, followed late, had put it back."""
    seat = old["members"][change["user_id"]]
    work.delete(keys.room_member(new["id"], change["user_id"]))
    feed.append(work, new["id"], MEMBER_REMOVED, feed.CLIENT_VISIBLE,
                {"user_id": change["user_id"], "name": seat["name"], "side": seat["side"]},
                actor=_actor(work, old, change["by"]), item_id=change["id"], at=change["at"])
