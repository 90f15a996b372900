"""Lock-out before an event (seed 004): a firm sets N days (0 = off); a room (or its
client) carries an event date; from N days before that date every client write to the
room answers 422 with the day the lock-out began and whom to contact. Staff are never
locked out.

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
from chalicelib.store import Attr, Work, keys
from chalicelib.store.conditions import ConditionBase


def lock_starts(event_date: str, days: int) -> str:
    return (date.fromisoformat(event_date) - timedelta(days=days)).isoformat()


def is_locked(event_date: str | None, days: int, today: date | None = None) -> bool:
    if not event_date or days <= 0:
        return False
    return (today or clock.now().date()).isoformat() >= lock_starts(event_date, days)


def open_condition(me: Principal) -> ConditionBase | None:
    """The room is not inside its lock-out window (None: nothing to check)."""
    if me.is_staff or me.lockout_days <= 0:
        return None
    cutoff = (clock.now().date() + timedelta(days=me.lockout_days)).isoformat()
    return Attr("event_date").not_exists() | Attr("event_date").gt(cutoff)


def contact_name(room: dict[str, Any]) -> str:
    seat = room.get("members", {}).get(room.get("professional_id", ""))
    return seat["name"] if seat else "your professional"


def locked_out(room: dict[str, Any], days: int) -> BusinessRule:
    began, contact = lock_starts(room["event_date"], days), contact_name(room)
    return BusinessRule(f"Changes to this room were locked on {began}, {days} days before the event on "
                        f"{room['event_date']}. Please contact {contact}.",
                        [{"loc": "room.event_date", "msg": f"locked since {began}; contact {contact}"}])


def lockout_refusal(me: Principal) -> Callable[[dict[str, Any] | None], Exception]:
    not_member = refusal(me)

    def refused(old: dict[str, Any] | None) -> Exception:
        if old is not None and is_locked(old.get("event_date"), me.lockout_days) and old.get("status") == "active":
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
    if not me.is_staff and is_locked(room.get("event_date"), me.lockout_days):
        raise locked_out(room, me.lockout_days)
