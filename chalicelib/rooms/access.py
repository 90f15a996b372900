"""Who may see and act in a room, usable by every domain that hangs things on rooms.

Staff of the firm see every room of it. A portal user sees a room when they are one of
its members and the room's client is still one of theirs (a person unlinked from a
client loses its rooms on the next request, whatever the member list says).

Reads that need the room go through `visible_room` (one GetItem); reads that need only
to know the caller is in it ask `require_seat`, which the principal answers (a portal
user's login holds a seat per room, core.room_seats). Writes of other domains (a document, a
phase change) add `check_member` to their own unit of work: a ConditionCheck on the
room, so "the caller may act in this active room" costs no read."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.principal import Principal
from chalicelib.rooms.records import ACTIVE
from chalicelib.store import Attr, FirmStore, Work, exists, keys
from chalicelib.store.conditions import ConditionBase

ROOM_ARCHIVED = "The room is archived; restore it before adding to it."


def no_room() -> NotFound:
    return NotFound("No such room.")


def member_condition(me: Principal, writing: bool) -> ConditionBase:
    """The room exists, the caller may see it, and (when writing) it is active."""
    condition = exists()
    if not me.is_staff:
        if not me.client_ids:
            condition = condition & Attr("id").not_exists()  # can hold for nobody
        else:
            condition = condition & Attr(f"members.{me.user_id}").exists() & Attr("client_id").is_in(list(me.client_ids))
    return condition & Attr("status").eq(ACTIVE) if writing else condition


def refusal(me: Principal) -> Callable[[dict[str, Any] | None], Exception]:
    """Turns a failed room condition into 404 (not the caller's room) or 409 (archived)."""
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or not may_see(me, old):
            return no_room()
        return Conflict(ROOM_ARCHIVED)
    return refused


def check_member(work: Work, me: Principal, room_id: str, writing: bool = True) -> None:
    """A ConditionCheck on the room in the caller's unit of work (see module docs)."""
    work.check(keys.room(room_id), member_condition(me, writing), refused=refusal(me))


def require_seat(me: Principal, room_id: str) -> None:
    """404 unless the caller may see the room, decided with no read: staff see every room
    (the route's own query must still find it), a portal user the rooms they sit in."""
    if not me.sits_in(room_id):
        raise no_room()


def may_see(me: Principal, room: dict[str, Any]) -> bool:
    if me.is_staff:
        return True
    return me.user_id in room.get("members", {}) and room.get("client_id") in me.client_ids


def visible_room(db: FirmStore, me: Principal, room_id: str, writing: bool = False) -> dict[str, Any]:
    """The room as the caller may see it, or 404; 409 when `writing` to an archived room."""
    room = db.get(keys.room(room_id))
    if room is None or not may_see(me, room):
        raise no_room()
    if writing and room["status"] != ACTIVE:
        raise Conflict(ROOM_ARCHIVED)
    return room


def members_who_see(room: dict[str, Any], visibility: str, besides: str | None = None) -> list[str]:
    """The members an item of this visibility may reach (never a client for an internal
    one), leaving out `besides` (its author): who a notification goes to."""
    from_staff_only = visibility != "client"
    return [uid for uid, seat in room.get("members", {}).items()
            if uid != besides and not (from_staff_only and seat["side"] != "staff")]
