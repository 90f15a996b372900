"""Making a room. `create_room` adds its writes to a unit of work the caller owns, so a
room can be born in the same transaction as something else (an opportunity converted
into a room, say). Creating a room notifies nobody: staff use "Email members" for that.

The room is written with what its creator knows, and ConditionChecks stand for the reads
it does not make (the client is active, the service offered, the professional a
colleague). The feed item that says the room was made commits with it, so a new room's
feed is never empty (an empty first page is a 404). Its client's and service's names, its
other members and its copies follow from the table stream (`furnishing.py`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.accounts.users import check_staff_member
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.ids import new_id
from chalicelib.rooms import feed
from chalicelib.rooms.furnishing import FURNISHED
from chalicelib.rooms.people import seat
from chalicelib.rooms.records import ACTIVE, STAFF_SIDE, count_active_room, stored_room
from chalicelib.services.records import check_active_service
from chalicelib.store import Attr, Work, exists, keys

ROOM_CREATED = "room_created"


@dataclass(frozen=True)
class NewRoom:
    client_id: str
    service_id: str
    name: str
    description: str | None = None
    professional_id: str | None = None
    # Names a caller already holds (an opportunity copies both); else they follow.
    client_name: str = ""
    service_name: str = ""


@dataclass(frozen=True)
class Creator:
    id: str
    name: str


def create_room(work: Work, creator: Creator, new: NewRoom, room_id: str | None = None) -> dict[str, Any]:
    """Adds the room, its lists' head and its pair's active-room count to `work`, with
    the checks that stand for reads; returns the room as it will be stored. The caller
    commits. The creation is the room's first change (`last_change`): its feed item
    follows with the room's copies, under this id and time. `room_id`: the id a caller
    minted to name the room in a write it added before (whose refusal then comes first)."""
    now = clock.now_iso()
    room = {"id": room_id or new_id(), "name": new.name, "description": new.description, "client_id": new.client_id,
            "client_name": new.client_name, "service_id": new.service_id, "service_name": new.service_name,
            "professional_id": new.professional_id or creator.id, "status": ACTIVE,
            "members": {creator.id: seat(STAFF_SIDE, creator.name)}, "created_by": creator.id, "created_at": now,
            "last_activity_at": now, "last_change": {"id": new_id(), "kind": ROOM_CREATED, "by": creator.id,
                                                     "at": now}, FURNISHED: False}
    stored = work.create(stored_room(room))
    work.create_head(keys.room_lists_head(room["id"]))
    _tell_created(work, room, creator)
    count_active_room(work, room, +1)
    _checks(work, room)
    return stored


def _tell_created(work: Work, room: dict[str, Any], creator: Creator) -> None:
    """The creation's feed item, under the id and time its `last_change` names; the
    service's name joins it with the furnishing when the caller did not hold it."""
    change = room["last_change"]
    feed.append(work, room["id"], ROOM_CREATED, feed.CLIENT_VISIBLE,
                {"name": room["name"], "service_name": room["service_name"]},
                actor={"id": creator.id, "name": creator.name}, item_id=change["id"], at=change["at"])


def _checks(work: Work, room: dict[str, Any]) -> None:
    """What the room names must hold when it commits; an unknown client (another firm's,
    say) is refused first, as a 404, whatever else is wrong."""
    work.check(keys.client(room["client_id"]), exists() & Attr("status").eq(ACTIVE), refused=_client_refused)
    check_active_service(work, room["service_id"], "body.service_id")
    if room["professional_id"] != room["created_by"]:
        check_staff_member(work, room["professional_id"], "body.professional_id")


def _client_refused(old: dict[str, Any] | None) -> Exception:
    if old is None:
        return NotFound("No such client.")
    return BusinessRule("Rooms are for active clients; restore the client first.",
                        [{"loc": "client_id", "msg": "the client is archived"}])
