"""Done uploading (a firm option, on by default): a portal user tells the firm they have
sent everything. Staff in the room get one notification and the room one feed item;
saying it again changes nothing until the client uploads something new (an upload
removes the mark), so the same batch is never announced twice. The portal options may
withhold it from a client, a lock-out refuses it, and a job-status rule may answer it.

Saying it is one transaction and no read: the mark, the feed item, the room's activity
(its condition proves the seat, the active room, its client and the lock-out) and a
ConditionCheck on the client's portal overrides (the firm's option and the room's client
come with the principal). Telling the staff and the job-status rule follow from the
stream, from the feed item's INSERT (`follow_said`, called by messages.copies)."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.principal import Principal
from chalicelib.core.models import View
from chalicelib.documents.models import firm_rules
from chalicelib.jobstatus.records import ON_DONE_UPLOADING, rule_status, set_status
from chalicelib.notifications.records import notify
from chalicelib.portal.lockout import lockout_refusal, open_condition
from chalicelib.rooms import feed
from chalicelib.rooms.access import member_condition, may_see, no_room, refusal
from chalicelib.rooms.records import STAFF_SIDE
from chalicelib.store import Attr, FirmStore, Work, exists, keys
from chalicelib.store.conditions import ConditionBase, all_of

DONE_UPLOADING = "done_uploading"
OPTION = f"option_{DONE_UPLOADING}"  # the client's override, as core.portal_item stores it


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


def _not_offered(_: dict[str, Any] | None) -> Exception:
    return NotFound("No such resource.")


def _offered(me: Principal) -> ConditionBase:
    """On the client's portal item: its override, if any, leaves the option on."""
    return Attr(OPTION).ne(False) if DONE_UPLOADING in me.features_on else Attr(OPTION).eq(True)


def _room_condition(me: Principal, client_id: str) -> ConditionBase:
    return all_of(member_condition(me, writing=True), Attr("client_id").eq(client_id), open_condition(me))


def _refuse_rules(me: Principal, room_id: str) -> None:
    """The firm takes no notices: refused once the room is known to be the caller's (else
    404, or 409 when archived)."""
    work = FirmStore.of(me).work()
    work.check(keys.room(room_id), member_condition(me, writing=True), refused=refusal(me))
    work.commit()
    raise BusinessRule("This firm does not take 'done uploading' notices.")


def say_done(me: Principal, room_id: str) -> DoneView:
    client_id = me.client_of(room_id)
    if client_id is None:  # no seat in the room
        raise no_room()
    if not firm_rules(me).done_uploading:
        _refuse_rules(me, room_id)
    at = clock.now_iso()
    mark = {**keys.done_uploading(room_id), "type": "done_uploading", "room_id": room_id, "said_by": me.user_id,
            "said_by_name": me.name, "received_at": at}
    work = FirmStore.of(me).work()
    work.count(keys.room(room_id), {}, set={"last_activity_at": at}, when=_room_condition(me, client_id),
               refused=lockout_refusal(me))
    work.check(keys.client_portal(client_id), _offered(me), refused=_not_offered)
    work.create(mark, refused=_AlreadySaid)
    feed.append(work, room_id, DONE_UPLOADING, feed.CLIENT_VISIBLE, {}, actor={"id": me.user_id, "name": me.name},
                at=at)
    try:
        work.commit()
    except _AlreadySaid as said:
        mark = said.mark or mark
    return DoneView(**mark)


def follow_said(work: Work, item: dict[str, Any]) -> None:
    """From the feed item's INSERT: the room's staff are told, and the firm's rule sets the
    room's job status, as the room and the rules stand when the record is followed."""
    db = FirmStore.trusted(work.firm_id)
    room = db.get(keys.room(item["room_id"]), consistent=True)
    if room is None:
        return
    who = {"id": item["actor_id"], "name": item["actor_name"]}
    staff = [uid for uid, seat in room["members"].items() if seat["side"] == STAFF_SIDE]
    notify(work, staff, room_id=room["id"], room_name=room["name"], kind=DONE_UPLOADING, item_id=item["id"],
           title="Done uploading", text=f"{who['name']} has finished uploading documents.")
    status = rule_status(db.get(keys.job_statuses()), ON_DONE_UPLOADING)
    if status is not None:
        work.count(keys.room(room["id"]), {}, set={"job_status": set_status(work, room, status, ON_DONE_UPLOADING, who)},
                   when=exists())


def read_done(me: Principal, room_id: str) -> DoneView:
    """The room and its mark in one batch: the room says whether the caller may ask."""
    found = {i["SK"]: i for i in FirmStore.of(me).get_many([keys.room(room_id), keys.done_uploading(room_id)])}
    if "ROOM" not in found or not may_see(me, found["ROOM"]):
        raise no_room()
    if "DONEUPLOADING" not in found:
        raise NotFound("Nobody has said they are done uploading since the last upload.")
    return DoneView(**found["DONEUPLOADING"])
