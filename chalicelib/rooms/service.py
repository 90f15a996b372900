"""Room use cases: create (staff only), read, rename, archive and restore. A change is
one UpdateItem of the room (guarded by If-Match, or by the status it leaves) that
returns the room as stored; its list copies, board entry, pair count and the feed item
that tells the members follow from the table stream (`copies.py`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from chalicelib.core import clock
from chalicelib.core.errors import Conflict, PreconditionFailed
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.notifications.records import clear_room
from chalicelib.rooms.access import ROOM_ARCHIVED, check_member, may_see, no_room, visible_room
from chalicelib.rooms.creation import Creator, NewRoom, create_room
from chalicelib.rooms.models import (ClientRoomCreate, RoomClientView, RoomCreate, RoomStaffView, RoomUpdate,
                                     client_view, staff_view)
from chalicelib.rooms.records import ACTIVE, ARCHIVED
from chalicelib.store import Attr, FirmStore, at_version, keys
from chalicelib.store.conditions import ConditionBase
from chalicelib.store.keys import Key


def create(me: Principal, body: RoomCreate | ClientRoomCreate, client_id: str | None = None) -> RoomStaffView:
    """One transaction and no read: the room answers with its creator as its one member
    and without its client's and service's names, which follow (`furnishing.py`)."""
    fields = body.model_dump(exclude={"client_id"})
    new = NewRoom(client_id=client_id or body.client_id, **fields)  # type: ignore[union-attr]
    work = FirmStore.of(me).work()
    room = create_room(work, Creator(me.user_id, me.name), new)
    work.commit()
    return staff_view(room)


def read(me: Principal, room_id: str) -> RoomStaffView | RoomClientView:
    room = visible_room(FirmStore.of(me), me, room_id)
    return staff_view(room) if me.is_staff else client_view(room)


def actor(me: Principal, room: dict[str, Any], user: dict[str, Any] | None) -> dict[str, str]:
    """Who a feed item names: the member's name in the room, else the login's."""
    seat = room.get("members", {}).get(me.user_id)
    name = seat["name"] if seat else (user or {}).get("name", "")
    return {"id": me.user_id, "name": name}


def load(db: FirmStore, me: Principal, room_id: str, *more: Key) -> Loaded:
    """The room (404 unless the caller may see it), the caller as a feed actor and any
    `more` items a use case needs: one batch read."""
    found = {(i["PK"], i["SK"]): i for i in db.get_many([keys.room(room_id), keys.user(me.user_id), *more])}
    room = found.get(_at(keys.room(room_id)))
    if room is None or not may_see(me, room):
        raise no_room()
    return Loaded(room, actor(me, room, found.get(_at(keys.user(me.user_id)))),
                  {_at(k): found[_at(k)] for k in more if _at(k) in found})


def _at(key: Key) -> tuple[str, str]:
    return key["PK"], key["SK"]


@dataclass(frozen=True)
class Loaded:
    room: dict[str, Any]
    actor: dict[str, str]
    others: dict[tuple[str, str], dict[str, Any]]

    def other(self, key: Key) -> dict[str, Any] | None:
        return self.others.get(_at(key))

    def writable(self) -> "Loaded":
        if self.room["status"] != ACTIVE:
            raise Conflict(ROOM_ARCHIVED)
        return self


def _stale(old: dict[str, Any] | None) -> Exception:
    return no_room() if old is None else PreconditionFailed("The room was changed by someone else; "
                                                            "reload it and try again.")


stale_room = _stale  # for other domains that write a room they read


def _change(me: Principal, room_id: str, changes: dict[str, Any], kind: str, when: ConditionBase | None,
            refused: Callable[[dict[str, Any] | None], Exception]) -> RoomStaffView:
    """One UpdateItem that names the change (`last_change`, for the feed item that tells
    the members) and returns the room as stored; its copies follow (`copies.py`)."""
    change = {"id": new_id(), "kind": kind, "by": me.user_id, "at": clock.now_iso()}
    work = FirmStore.of(me).work()
    work.update(keys.room(room_id), set={**changes, "last_change": change}, when=when, refused=refused)
    return staff_view(work.commit())


def update(me: Principal, room_id: str, body: RoomUpdate, if_match: int | None) -> RoomStaffView:
    changes = body.model_dump(exclude_unset=True)
    kind = "room_renamed" if "name" in changes else "room_described"
    return _change(me, room_id, changes, kind, None if if_match is None else at_version(if_match), _stale)


def _already(status: str) -> Callable[[dict[str, Any] | None], Exception]:
    return lambda old: no_room() if old is None else Conflict(f"The room is already {status}.")


def set_status(me: Principal, room_id: str, status: str) -> RoomStaffView:
    kind = "room_archived" if status == ARCHIVED else "room_restored"
    return _change(me, room_id, {"status": status}, kind, Attr("status").ne(status), _already(status))


def mark_read(me: Principal, room_id: str) -> None:
    """Everything in the room is read for the caller: one transaction, no read first."""
    work = FirmStore.of(me).work()
    clear_room(work, me.user_id, room_id)
    check_member(work, me, room_id, writing=False)
    work.commit()
