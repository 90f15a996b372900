"""Lock-out before an event (seed 004): a firm sets N days (0 = off); a room carries an
event date, and so may its client (the wedding every room of the couple leads up to);
from N days before the earlier of the two every client write to the room answers 422
with the day the lock-out began and whom to contact. Staff are never locked out.

The client's date is copied onto each of its rooms (`client_event_date`, written with
the client's date and when a room is made), so the rule stays one condition on the room.

Client writes of every domain call `check_client_write` instead of rooms'
`check_member`: one ConditionCheck on the room that says "a member, the room is active,
and it is not locked", so the rule costs no read (the firm's N comes with the principal)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule
from chalicelib.core.principal import Principal
from chalicelib.rooms.access import member_condition, refusal
from chalicelib.rooms.board import CLIENT_EVENT_DATE
from chalicelib.store import Attr, Work, keys
from chalicelib.store.conditions import ConditionBase


def lock_starts(event_date: str, days: int) -> str:
    """`days` before the event, or the calendar's first day for an event closer to it than
    that (any date is a valid event date; the lock-out of one in year 1 has always run)."""
    day = date.fromisoformat(event_date)
    return (day - min(timedelta(days=days), day - date.min)).isoformat()


def is_locked(event_date: str | None, days: int, today: date | None = None) -> bool:
    if not event_date or days <= 0:
        return False
    return (today or clock.now().date()).isoformat() >= lock_starts(event_date, days)


# The room's own event date, then its client's: the dates a room's lock-out counts back from.
DATES = ("event_date", CLIENT_EVENT_DATE)


def locking_date(room: dict[str, Any], days: int) -> str | None:
    """The event date whose lock-out starts first (None: no date set, or no lock-out)."""
    dates = [room[d] for d in DATES if room.get(d)]
    return min(dates) if dates and days > 0 else None


def room_lock_starts(room: dict[str, Any], days: int) -> str | None:
    date = locking_date(room, days)
    return lock_starts(date, days) if date else None


def room_locked(room: dict[str, Any], days: int) -> bool:
    return is_locked(locking_date(room, days), days)


def open_condition(me: Principal) -> ConditionBase | None:
    """The room is not inside its lock-out window (None: nothing to check)."""
    if me.is_staff or me.lockout_days <= 0:
        return None
    cutoff = (clock.now().date() + timedelta(days=me.lockout_days)).isoformat()
    first, second = (Attr(d).not_exists() | Attr(d).gt(cutoff) for d in DATES)
    return first & second


def contact_name(room: dict[str, Any]) -> str:
    seat = room.get("members", {}).get(room.get("professional_id", ""))
    return seat["name"] if seat else "your professional"


def locked_out(room: dict[str, Any], days: int) -> BusinessRule:
    date = locking_date(room, days)
    began, contact = lock_starts(date, days), contact_name(room)
    whose = "the event" if date == room.get("event_date") else \
        f"{room['client_name']}'s event" if room.get("client_name") else "the client's event"
    loc = "room.event_date" if date == room.get("event_date") else "client.event_date"
    return BusinessRule(f"Changes to this room were locked on {began}, {days} days before {whose} on "
                        f"{date}. Please contact {contact}.",
                        [{"loc": loc, "msg": f"locked since {began}; contact {contact}"}])


def lockout_refusal(me: Principal) -> Callable[[dict[str, Any] | None], Exception]:
    not_member = refusal(me)

    def refused(old: dict[str, Any] | None) -> Exception:
        if old is not None and room_locked(old, me.lockout_days) and old.get("status") == "active":
            return locked_out(old, me.lockout_days)
        return not_member(old)
    return refused


def check_client_write(work: Work, me: Principal, room_id: str) -> None:
    """The ConditionCheck a write to a room adds: a member (or staff), an active room and,
    for a portal user, outside the lock-out window. 404 / 409 / 422 accordingly."""
    condition = member_condition(me, writing=True)
    lock = open_condition(me)
    work.check(keys.room(room_id), condition if lock is None else condition & lock, refused=lockout_refusal(me))


def ensure_open(me: Principal, room: dict[str, Any]) -> None:
    """The same rule for code that already read the room."""
    if not me.is_staff and room_locked(room, me.lockout_days):
        raise locked_out(room, me.lockout_days)
