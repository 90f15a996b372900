"""Done uploading (a firm option, on by default): a portal user tells the firm they have
sent everything. Staff in the room get one notification and the room one feed item;
saying it again changes nothing until the client uploads something new (an upload
removes the mark), so the same batch is never announced twice."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.principal import Principal
from chalicelib.core.models import View
from chalicelib.documents.uploads import load_room
from chalicelib.notifications.records import notify
from chalicelib.rooms import feed
from chalicelib.rooms.access import check_member, may_see, no_room
from chalicelib.rooms.records import STAFF_SIDE
from chalicelib.store import FirmStore, keys


class DoneView(View):
    room_id: str
    said_by: str
    said_by_name: str
    received_at: str
    received: bool = True


class _AlreadySaid(Exception):
    def __init__(self, mark: dict[str, Any] | None) -> None:
        super().__init__("already said")
        self.mark = mark


def say_done(me: Principal, room_id: str) -> DoneView:
    db = FirmStore.of(me)
    room, who, rules = load_room(db, me, room_id)
    if not rules.done_uploading:
        raise BusinessRule("This firm does not take 'done uploading' notices.")
    mark = {**keys.done_uploading(room_id), "type": "done_uploading", "room_id": room_id, "said_by": who["id"],
            "said_by_name": who["name"], "received_at": clock.now_iso()}
    work = db.work()
    check_member(work, me, room_id)
    work.create(mark, refused=_AlreadySaid)
    item = feed.append(work, room_id, "done_uploading", feed.CLIENT_VISIBLE, {}, actor=who)
    staff = [uid for uid, seat in room["members"].items() if seat["side"] == STAFF_SIDE]
    notify(work, staff, room_id=room_id, room_name=room["name"], kind="done_uploading", item_id=item["id"],
           title="Done uploading", text=f"{who['name']} has finished uploading documents.")
    try:
        work.commit()
    except _AlreadySaid as said:
        mark = said.mark or mark
    return DoneView(**mark)


def read_done(me: Principal, room_id: str) -> DoneView:
    """The room and its mark in one batch: the room says whether the caller may ask."""
    found = {i["SK"]: i for i in FirmStore.of(me).get_many([keys.room(room_id), keys.done_uploading(room_id)])}
    if "ROOM" not in found or not may_see(me, found["ROOM"]):
        raise no_room()
    if "DONEUPLOADING" not in found:
        raise NotFound("Nobody has said they are done uploading since the last upload.")
    return DoneView(**found["DONEUPLOADING"])
