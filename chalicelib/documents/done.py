"""Done uploading (a firm option, on by default): a portal user tells the firm they have
sent everything. Staff in the room get one notification and the room one feed item;
saying it again changes nothing until the client uploads something new (an upload
removes the mark), so the same batch is never announced twice. The portal options may
withhold it from a client, a lock-out refuses it, and a job-status rule may answer it."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, NotFound
from chalicelib.core.principal import Principal
from chalicelib.core.models import View
from chalicelib.documents.models import firm_rules
from chalicelib.jobstatus import service as jobstatus
from chalicelib.notifications.records import notify
from chalicelib.rooms import feed
from chalicelib.store.batch import Batch
from chalicelib.rooms.access import ROOM_ARCHIVED, may_see, no_room
from chalicelib.rooms.records import ACTIVE, STAFF_SIDE
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


def _load(db: FirmStore, me: Principal, room_id: str) -> tuple[dict[str, Any], dict[str, str], Batch]:
    """The room and what the job-status rule and the client's portal options say: one
    batch (the caller's name and the firm's rules come with the principal)."""
    found = Batch(db, [keys.room(room_id), *jobstatus.done_uploading_keys(me)])
    room = found.get(keys.room(room_id))
    if room is None or not may_see(me, room):
        raise no_room()
    if room["status"] != ACTIVE:
        raise Conflict(ROOM_ARCHIVED)
    return room, {"id": me.user_id, "name": me.name}, found


def say_done(me: Principal, room_id: str) -> DoneView:
    db = FirmStore.of(me)
    room, who, found = _load(db, me, room_id)
    if not firm_rules(me).done_uploading:
        raise BusinessRule("This firm does not take 'done uploading' notices.")
    status = jobstatus.check_done_uploading(found, me, room)
    mark = {**keys.done_uploading(room_id), "type": "done_uploading", "room_id": room_id, "said_by": who["id"],
            "said_by_name": who["name"], "received_at": clock.now_iso()}
    work = db.work()
    work.create(mark, refused=_AlreadySaid)
    item = feed.append(work, room_id, "done_uploading", feed.CLIENT_VISIBLE, {}, actor=who)
    staff = [uid for uid, seat in room["members"].items() if seat["side"] == STAFF_SIDE]
    notify(work, staff, room_id=room_id, room_name=room["name"], kind="done_uploading", item_id=item["id"],
           title="Done uploading", text=f"{who['name']} has finished uploading documents.")
    jobstatus.record_done_uploading(work, room, status, who, item["at"])
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
