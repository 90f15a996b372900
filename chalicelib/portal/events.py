"""Event dates (the wedding, the filing deadline): staff set or clear one on a room, or
one on a client that every room of the client counts back from; the lock-out counts back
from the earlier of the two and the client's home shows both ahead of time."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.models import Input, View
from chalicelib.core.principal import Principal
from chalicelib.rooms import board
from chalicelib.portal.lockout import room_lock_starts, room_locked
from chalicelib.rooms.access import ROOM_ARCHIVED, no_room
from chalicelib.rooms.records import ACTIVE
from chalicelib.clients.records import PORTAL_ROOMS, PORTAL_STATUS
from chalicelib.store import Attr, FirmStore, Work, keys
from chalicelib.store.projection import copy_onto_each


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
    """One UpdateItem of the client's portal item (made with the client, which its home
    reads), on condition the client is active as the item keeps it; the item answers with
    how many rooms the client has. The rooms take the date from the stream (`follow_client_date`)."""
    date = body.event_date.isoformat() if body.event_date else None
    work = FirmStore.of(me).work()
    active = Attr(PORTAL_STATUS).not_exists() | Attr(PORTAL_STATUS).eq("active")
    work.update(keys.client_portal(client_id), set={"event_date": date}, when=active, refused=_client_refused)
    stored = work.commit()
    return client_event_date_view(client_id, date, me.lockout_days, stored.get(PORTAL_ROOMS, 0))


def follow_client_date(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """The client's new date onto each of its rooms on its board, on condition the room
    still carries the date it replaces, so a record delivered again finds its rooms moved
    on. A room made meanwhile is not on the board yet: its furnishing reads the client's
    date as it then is (rooms/furnishing.py)."""
    before, after = (old or {}).get("event_date"), (new or {}).get("event_date")
    if old is None or new is None or before == after:
        return
    db = FirmStore.trusted(work.firm_id)
    carried = Attr(board.CLIENT_EVENT_DATE)
    was = carried.not_exists() if before is None else carried.eq(before)
    rooms = board.room_ids(db.get(keys.client_board(new["client_id"])))
    copy_onto_each(db, (keys.room(r) for r in rooms), {board.CLIENT_EVENT_DATE: after}, was)


def client_event_date_view(client_id: str, date: str | None, days: int, rooms: int) -> ClientEventDateView:
    as_room = {board.CLIENT_EVENT_DATE: date}
    return ClientEventDateView(client_id=client_id, event_date=date, lockout_days=days,
                               locked_from=room_lock_starts(as_room, days), locked=room_locked(as_room, days),
                               rooms=rooms)
