"""A room's event date (the wedding, the filing deadline): staff set or clear it; the
lock-out counts back from it and the client's home shows it."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from chalicelib.core.models import Input, View
from chalicelib.core.principal import Principal
from chalicelib.rooms import board
from chalicelib.portal.lockout import is_locked, lock_starts
from chalicelib.rooms.access import visible_room
from chalicelib.rooms.service import stale_room
from chalicelib.store import FirmStore, at_version, keys


class EventDate(Input):
    event_date: dt.date | None = Field(description="The day of the event; null clears it.")


class EventDateView(View):
    room_id: str
    event_date: str | None = None
    lockout_days: int
    locked_from: str | None = None
    locked: bool


def event_date_view(room: dict[str, Any], days: int) -> EventDateView:
    date = room.get("event_date")
    return EventDateView(room_id=room["id"], event_date=date, lockout_days=days,
                         locked_from=lock_starts(date, days) if date and days else None,
                         locked=is_locked(date, days))


def set_event_date(me: Principal, room_id: str, body: EventDate) -> EventDateView:
    db = FirmStore.of(me)
    room = visible_room(db, me, room_id, writing=True)
    date = body.event_date.isoformat() if body.event_date else None
    after = {**room, "event_date": date}
    work = db.work()
    work.update(keys.room(room_id), set={"event_date": date}, when=at_version(room["v"]), refused=stale_room)
    board.refresh(work, after)
    work.commit()
    return event_date_view(after, me.lockout_days)
