"""Adding and removing room members: colleagues, and contacts of the room's client who
have portal access (authorised users of an entity, a co-owner invited after the room was
made). Adding moves the room's member map, their login's seat (a portal user's) and a feed
item together, and the member's own copy (their room-list item) follows from the stream;
removing moves the map, the copy and the seat, and the feed item follows."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.core import clock
from chalicelib.core.errors import BadRequest, BusinessRule, Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.rooms import feed
from chalicelib.rooms.access import ROOM_ARCHIVED, no_room
from chalicelib.rooms.models import MemberAdd, MemberView
from chalicelib.rooms.people import colleague_login, colleague_seat, contact_seat, not_a_colleague, staff_seat
from chalicelib.rooms.records import ACTIVE, MAX_MEMBERS, seat_logins, unseat_login
from chalicelib.rooms.service import load
from chalicelib.notifications.records import clear_room
from chalicelib.store import Attr, FirmStore, Work, at_version, exists, keys

MEMBER_ADDED, MEMBER_REMOVED = "member_added", "member_removed"


def _stale(old: dict[str, Any] | None) -> Exception:
    if old is None:
        return no_room()
    if old["status"] != ACTIVE:
        return Conflict(ROOM_ARCHIVED)
    return Conflict("The room's members changed meanwhile; reload and try again.")


def _not_addable(user_id: str) -> Callable[[dict[str, Any] | None], Exception]:
    """Why the room, as it stood, refused a seat it was not read for."""
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or old["status"] != ACTIVE:
            return _stale(old)
        if user_id in old.get("members", {}):
            return _already_member()
        return _full()
    return refused


def _already_member() -> Conflict:
    return Conflict("That person is already a member of this room.")


def _full() -> BusinessRule:
    return BusinessRule(f"A room holds at most {MAX_MEMBERS} members.")


def add(me: Principal, room_id: str, body: MemberAdd) -> MemberView:
    """A colleague whose name the principal carries is seated in one transaction and no
    read (`_seat_colleague`); a contact, whose login only their own item names, after the
    room and the contact are read in one batch. The member's own room-list item follows
    from the stream (`copies.py`)."""
    if (body.user_id is None) == (body.contact_id is None):
        raise BadRequest("Give either user_id (a colleague) or contact_id (a contact of the client).",
                         [{"loc": "body", "msg": "exactly one of user_id, contact_id"}])
    if body.user_id and body.user_id in me.colleague_names:
        return _seat_colleague(me, room_id, body.user_id)
    return _seat_after_reading(me, room_id, body)


def _seat_colleague(me: Principal, room_id: str, user_id: str) -> MemberView:
    """The room's conditions (there, active, the colleague not in it, room left) and a
    ConditionCheck that the login is still an active colleague stand in for reading them."""
    seat = colleague_seat(me.colleague_names[user_id])
    work = FirmStore.of(me).work()
    work.update(keys.room(room_id), set={f"members.{user_id}": seat}, refused=_not_addable(user_id),
                when=Attr("status").eq(ACTIVE) & Attr(f"members.{user_id}").not_exists()
                & Attr("members").size().lt(MAX_MEMBERS))
    work.check(keys.user(user_id), exists() & colleague_login(), refused=lambda _: not_a_colleague("body.user_id"))
    _tell_added(work, room_id, user_id, seat, {"id": me.user_id, "name": me.name})
    work.commit()
    return MemberView(user_id=user_id, **seat)


def _seat_after_reading(me: Principal, room_id: str, body: MemberAdd) -> MemberView:
    db = FirmStore.of(me)
    other = keys.user(body.user_id) if body.user_id else keys.contact(body.contact_id)
    loaded = load(db, me, room_id, other).writable()
    room, who, found = loaded.room, loaded.actor, loaded.other(other)
    if body.user_id:
        user_id, seat = body.user_id, staff_seat(found, "body.user_id")
    else:
        user_id, seat = contact_seat(found, room["client_id"], "body.contact_id")
    if user_id in room["members"]:
        raise _already_member()
    if len(room["members"]) >= MAX_MEMBERS:
        raise _full()
    work = db.work()
    work.update(keys.room(room_id), set={f"members.{user_id}": seat},
                when=at_version(room["v"]) & Attr("status").eq(ACTIVE), refused=_stale)
    seat_logins(work, {**room, "members": {**room["members"], user_id: seat}}, [user_id])
    _tell_added(work, room_id, user_id, seat, who)
    work.commit()
    return MemberView(user_id=user_id, **seat)


def _tell_added(work: Work, room_id: str, user_id: str, seat: dict[str, Any], who: dict[str, str]) -> None:
    feed.append(work, room_id, MEMBER_ADDED, feed.CLIENT_VISIBLE,
                {"user_id": user_id, "name": seat["name"], "side": seat["side"]}, actor=who)


def _not_removable(user_id: str) -> Callable[[dict[str, Any] | None], Exception]:
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None:
            return no_room()
        if user_id not in old.get("members", {}):
            return NotFound("That person is not a member of this room.")
        return Conflict(ROOM_ARCHIVED)
    return refused


def remove(me: Principal, room_id: str, user_id: str) -> None:
    """One transaction and no read: the member leaves the map (on condition they are in
    it and the room is active), their list item and unread count go, and their login
    loses its seat (a colleague's login has none, and removing nothing is harmless). The
    feed item that says so follows from the stream, from the room as it was (`copies.py`)."""
    change = {"id": new_id(), "kind": MEMBER_REMOVED, "by": me.user_id, "at": clock.now_iso(), "user_id": user_id}
    work = FirmStore.of(me).work()
    work.update(keys.room(room_id), set={f"members.{user_id}": None, "last_change": change},
                when=Attr(f"members.{user_id}").exists() & Attr("status").eq(ACTIVE), refused=_not_removable(user_id))
    work.delete(keys.room_member(room_id, user_id))
    unseat_login(work, room_id, user_id)
    clear_room(work, user_id, room_id)  # a person who leaves stops counting its unread items
    work.commit()
