"""Event dates (the wedding, the filing deadline): staff set or clear one on a room, or
one on a client that every room of the client counts back from; the lock-out counts back
from the earlier of the two and the client's home shows both ahead of time."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from chalicelib.core.errors import BusinessRule, Conflict, NotFound
from chalicelib.core.models import Input, View
from chalicelib.core.principal import Principal
from chalicelib.store.batch import Batch
from chalicelib.rooms import board
from chalicelib.portal.lockout import room_lock_starts, room_locked
from chalicelib.rooms.access import ROOM_ARCHIVED, no_room
from chalicelib.rooms.records import ACTIVE
from chalicelib.store import Attr, FirmStore, exists, keys

# One transaction holds the client's items and its rooms: DynamoDB's limit is 100.
MAX_CLIENT_ROOMS = 95


class EventDate(Input):
    event_date: dt.date | None = Field(description="The day of the event; null clears it.")


class EventDateView(View):
    room_id: str
    event_date: str | None = None
    client_event_date: str | None = Field(None, description="The client's event date, which the room's lock-out "
                                                            "also counts back from.")
    lockout_days: int
    locked_from: str | None = None
    locked: bool


class ClientEventDateView(View):
    client_id: str
    event_date: str | None = None
    lockout_days: int
    locked_from: str | None = None
    locked: bool
    rooms: int = Field(description="How many of the client's rooms count back from it.")


def event_date_view(room: dict[str, Any], days: int) -> EventDateView:
    return EventDateView(room_id=room["id"], event_date=room.get("event_date"),
                         client_event_date=room.get(board.CLIENT_EVENT_DATE), lockout_days=days,
                         locked_from=room_lock_starts(room, days), locked=room_locked(room, days))


def set_event_date(me: Principal, room_id: str, body: EventDate) -> EventDateView:
    """One UpdateItem of an active room, which returns it; the client's board takes the
    date from the stream (rooms/copies.py)."""
    date = body.event_date.isoformat() if body.event_date else None
    work = FirmStore.of(me).work()
    work.update(keys.room(room_id), set={"event_date": date}, when=Attr("status").eq(ACTIVE),
                refused=lambda old: no_room() if old is None else Conflict(ROOM_ARCHIVED))
    return event_date_view(work.commit(), me.lockout_days)


def _client_refused(old: dict[str, Any] | None) -> Exception:
    if old is None:
        return NotFound("No such client.")
    return Conflict("The client is archived; restore it before setting its event date.")


def set_client_event_date(me: Principal, client_id: str, body: EventDate) -> ClientEventDateView:
    """Stores the date with the client's portal settings (its home reads them) and copies
    it onto every room on the client's board, pinned so that a room made meanwhile makes
    this 409 rather than miss the date: a batch read and one transaction."""
    db = FirmStore.of(me)
    found = Batch(db, [keys.client(client_id), keys.client_board(client_id)])
    client = found.get(keys.client(client_id))
    if client is None or client["status"] != "active":
        raise _client_refused(client)
    rooms = board.room_ids(found.get(keys.client_board(client_id)))
    if len(rooms) > MAX_CLIENT_ROOMS:
        raise BusinessRule(f"A client's event date reaches at most {MAX_CLIENT_ROOMS} rooms; set it on each room.")
    date = body.event_date.isoformat() if body.event_date else None
    work = db.work()
    work.check(keys.client(client_id), exists() & Attr("status").eq("active"), refused=_client_refused)
    work.count(keys.client_portal(client_id), {}, set={"type": "client_portal", "client_id": client_id,
                                                        "event_date": date})
    board.pin_rooms(work, client_id, found.get(keys.client_board(client_id)))
    for room_id in rooms:
        work.update(keys.room(room_id), set={board.CLIENT_EVENT_DATE: date}, when=exists())
    work.commit()
    return client_event_date_view(client_id, date, me.lockout_days, len(rooms))


def client_event_date_view(client_id: str, date: str | None, days: int, rooms: int = 0) -> ClientEventDateView:
    as_room = {board.CLIENT_EVENT_DATE: date}
    return ClientEventDateView(client_id=client_id, event_date=date, lockout_days=days,
                               locked_from=room_lock_starts(as_room, days), locked=room_locked(as_room, days),
                               rooms=rooms)
