"""What renaming, describing, archiving or restoring a room moves besides the room,
followed from the table stream (chalicelib.store.projection): its list entries, search
words and member items, its name and status on the client's board, the active-room count
of its (client, service) pair, and the feed item that tells its members, named by the
change's own id and time."""
from __future__ import annotations

from typing import Any

from chalicelib.rooms import board, feed
from chalicelib.rooms.records import ACTIVE, count_active_room, write_copies
from chalicelib.store import FirmStore, Work, keys

PAYLOADS = {"room_renamed": lambda room: {"name": room["name"]},
            "room_described": lambda room: {"description_changed": True}}


def _actor(work: Work, room: dict[str, Any], user_id: str) -> dict[str, str]:
    """As the room names its members, else as the login is named."""
    seat = room.get("members", {}).get(user_id)
    user = None if seat else FirmStore.trusted(work.firm_id).get(keys.user(user_id))
    return {"id": user_id, "name": seat["name"] if seat else (user or {}).get("name", "")}


def follow_room(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    change = (new or {}).get("last_change")
    if old is None or new is None or not change or change == old.get("last_change"):
        return
    write_copies(work, old, new)
    if old["status"] != new["status"]:
        count_active_room(work, new, +1 if new["status"] == ACTIVE else -1)
    board.rename(work, new)
    payload = PAYLOADS.get(change["kind"], lambda room: {})(new)
    feed.append(work, new["id"], change["kind"], feed.CLIENT_VISIBLE, payload, actor=_actor(work, new, change["by"]),
                item_id=change["id"], at=change["at"])
