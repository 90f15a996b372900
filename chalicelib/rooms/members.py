"""Adding and removing room members: colleagues, and contacts of the room's client who
have portal access (authorised users of an entity, a co-owner invited after the room was
made). Adding moves the room's member map, their login's seat (a portal user's) and a feed
item together, and the member's own copy (their room-list item) follows from the stream;
removing moves the map, the copy and the seat, and the feed item follows."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.contacts.as_read import person_as_read
from chalicelib.core import clock
from chalicelib.core.errors import BadRequest, BusinessRule, Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.core.sealed import Outdated, outdated_or
from chalicelib.rooms import feed
from chalicelib.rooms.access import ROOM_ARCHIVED, no_room, visible_room
from chalicelib.rooms.models import MemberAdd, MemberView
from chalicelib.rooms.people import colleague_login, colleague_seat, contact_seat, not_a_colleague, not_the_clients
from chalicelib.rooms.records import ACTIVE, MAX_MEMBERS, seat_login, unseat_login
from chalicelib.rooms.service import load
from chalicelib.notifications.records import clear_room
from chalicelib.store import Attr, FirmStore, Work, at_version, exists, keys
from chalicelib.store.conditions import ConditionBase
from chalicelib.store.work import Refusal

MEMBER_ADDED, MEMBER_REMOVED = "member_added", "member_removed"
SEALED, CONTACT = "body.sealed", "body.contact_id"


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
    """A colleague is seated from the principal's copy of their name, a contact from their
    `sealed` answer given back, each in one transaction and no read; a contact named
    without it after the room and the contact are read in one batch. The member's own
    room-list item follows from the stream (`copies.py`)."""
    if (body.user_id is None) == (body.contact_id is None):
        raise BadRequest("Give either user_id (a colleague) or contact_id (a contact of the client).",
                         [{"loc": "body", "msg": "exactly one of user_id, contact_id"}])
    if body.user_id:
        if body.sealed is not None:
            raise BadRequest("sealed goes with contact_id.", [{"loc": SEALED, "msg": "only with contact_id"}])
        return _seat_colleague(me, room_id, body.user_id)
    known = person_as_read(me.firm_id, body.contact_id, body.sealed, SEALED)
    if known is None:
        return _seat_after_reading(me, room_id, body.contact_id)
    return _seat_sealed_contact(me, room_id, known)


def _seat_colleague(me: Principal, room_id: str, user_id: str) -> MemberView:
    """The room's conditions and a ConditionCheck that the login is still an active
    colleague stand in for reading them. The principal's copy names every open colleague
    (sign-up, the stream, the upgrade backfill `staff/name_copies.py`): one it lacks is
    none, or was invited a moment ago and is named once the stream has followed; the room
    is read only to say 404 before 422, as for any other body."""
    if user_id not in me.colleague_names:
        visible_room(FirmStore.of(me), me, room_id, writing=True)
        raise not_a_colleague("body.user_id")
    seat = colleague_seat(me.colleague_names[user_id])
    work = FirmStore.of(me).work()
    _seat_in_room(work, room_id, user_id, seat, _not_addable(user_id))
    work.check(keys.user(user_id), exists() & colleague_login(), refused=lambda _: not_a_colleague("body.user_id"))
    return _added(work, room_id, user_id, seat, _me(me))


def _seat_in_room(work: Work, room_id: str, user_id: str, seat: dict[str, Any], refused: Refusal,
                  also: ConditionBase | None = None) -> None:
    """The seat on condition the room is there, active, without them and not full."""
    when = Attr("status").eq(ACTIVE) & Attr(f"members.{user_id}").not_exists() \
        & Attr("members").size().lt(MAX_MEMBERS)
    work.update(keys.room(room_id), set={f"members.{user_id}": seat}, refused=refused,
                when=when if also is None else when & also)


def _added(work: Work, room_id: str, user_id: str, seat: dict[str, Any], who: dict[str, str]) -> MemberView:
    """The feed item that tells of the seat joins its transaction, which commits."""
    feed.append(work, room_id, MEMBER_ADDED, feed.CLIENT_VISIBLE,
                {"user_id": user_id, "name": seat["name"], "side": seat["side"]}, actor=who)
    work.commit()
    return MemberView(user_id=user_id, **seat)


def _me(me: Principal) -> dict[str, str]:
    return {"id": me.user_id, "name": me.name}


class _OtherClient(Exception):
    """The room is a client's the sealed person also belongs to, not the one guessed."""

    def __init__(self, client_id: str) -> None:
        super().__init__("the room is another of the person's clients")
        self.client_id = client_id


def _seat_sealed_contact(me: Principal, room_id: str, contact: dict[str, Any], client_id: str = "",
                         as_sealed: bool = True) -> MemberView:
    """The seat (login, name, the room's client, portal access) from the person as sealed:
    a ConditionCheck pins their version and the room's condition names its client (a
    person of several clients: the first, and the refusal says which). A person changed
    since is refused and returned, and seated again from as they stand; a sealed person
    who could not sit is read, as they may have gained access since."""
    client_id = client_id or next(iter(contact.get("client_ids", [])), "")
    try:
        user_id, seat = contact_seat(contact, client_id, CONTACT)
    except BusinessRule:
        if not as_sealed:
            raise
        return _seat_after_reading(me, room_id, contact["id"])
    work = FirmStore.of(me).work()
    work.check(keys.contact(contact["id"]), at_version(contact["v"]),
               refused=outdated_or(lambda _: not_the_clients(CONTACT)))
    _seat_in_room(work, room_id, user_id, seat, _not_addable_contact(user_id, contact, client_id),
                  also=Attr("client_id").eq(client_id))
    seat_login(work, room_id, client_id, user_id)
    try:
        return _added(work, room_id, user_id, seat, _me(me))
    except Outdated as outdated:
        if not as_sealed:
            raise Conflict("The contact changed meanwhile; reload and try again.") from None
        return _seat_sealed_contact(me, room_id, outdated.item, as_sealed=False)
    except _OtherClient as other:
        return _seat_sealed_contact(me, room_id, contact, other.client_id, as_sealed)


def _not_addable_contact(user_id: str, contact: dict[str, Any], client_id: str) -> Refusal:
    """The room's refusal of a contact's seat: as a colleague's, or the room is not the
    client's guessed (another of the person's: seat them for it; else not theirs)."""
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or old["status"] != ACTIVE or old["client_id"] == client_id:
            return _not_addable(user_id)(old)
        if old["client_id"] in contact.get("client_ids", []):
            return _OtherClient(old["client_id"])
        return not_the_clients(CONTACT)
    return refused


def _seat_after_reading(me: Principal, room_id: str, contact_id: str) -> MemberView:
    db = FirmStore.of(me)
    loaded = load(db, me, room_id, keys.contact(contact_id)).writable()
    room, who = loaded.room, loaded.actor
    user_id, seat = contact_seat(loaded.other(keys.contact(contact_id)), room["client_id"], CONTACT)
    if user_id in room["members"]:
        raise _already_member()
    if len(room["members"]) >= MAX_MEMBERS:
        raise _full()
    work = db.work()
    work.update(keys.room(room_id), set={f"members.{user_id}": seat},
                when=at_version(room["v"]) & Attr("status").eq(ACTIVE), refused=_stale)
    seat_login(work, room_id, room["client_id"], user_id)
    return _added(work, room_id, user_id, seat, who)


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
