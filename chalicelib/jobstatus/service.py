"""The firm's job statuses and rules (one item), setting a room's status and its history."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import BusinessRule, Conflict, PreconditionFailed
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import Principal
from chalicelib.jobstatus.models import (JobStatusesUpdate, JobStatusesView, JobStatusSet, RoomStatusView,
                                         StatusChangeView)
from chalicelib.jobstatus.records import STAFF, active_status, set_status
from chalicelib.portal.ordered import merge_ordered, unknown
from chalicelib.rooms.access import ROOM_ARCHIVED, no_room
from chalicelib.rooms.records import ACTIVE
from chalicelib.store import Attr, FirmStore, Work, at_version, exists, keys, missing

def statuses_view(item: dict[str, Any] | None) -> JobStatusesView:
    item = item or {}
    return JobStatusesView(statuses=item.get("statuses", []), rules=item.get("rules") or {}, version=item.get("v", 0))


def read_statuses(me: Principal) -> JobStatusesView:
    return statuses_view(FirmStore.of(me).get(keys.job_statuses()))


def _rules(body: JobStatusesUpdate, statuses: list[dict[str, Any]]) -> dict[str, Any]:
    active = {s["id"] for s in statuses if not s["retired"]}
    rules = body.rules.model_dump()
    named = [(f"body.rules.on_phase.{p}", s) for p, s in rules["on_phase"].items()]
    named += [(f"body.rules.{k}", rules[k]) for k in ("on_done_uploading", "on_idle") if rules[k]]
    for loc, status_id in named:
        if status_id not in active:
            raise unknown(loc, "status")
    return rules


def _changed(old: dict[str, Any] | None) -> Exception:
    return PreconditionFailed("The job statuses were changed by someone else; reload them and try again.")


def put_statuses(me: Principal, body: JobStatusesUpdate, if_match: int | None) -> JobStatusesView:
    """Merges into the list the principal carries; the write is guarded by its version."""
    db = FirmStore.of(me)
    old = me.job_statuses or None
    version = (old or {}).get("v", 0)
    if if_match is not None and if_match != version:
        raise _changed(old)
    statuses = merge_ordered([s.model_dump() for s in body.statuses], (old or {}).get("statuses", []),
                             "body.statuses", "status")
    statuses = [{"id": s["id"], "name": s["name"], "retired": s["retired"]} for s in statuses]
    item = {**keys.job_statuses(), "type": "job_statuses", "statuses": statuses, "rules": _rules(body, statuses),
            "v": version + 1}
    work = db.work()
    work.put(item, when=at_version(version) if old else missing(), refused=_changed)
    for phase_id in item["rules"]["on_phase"]:
        work.check(keys.phase(phase_id), exists(),
                   refused=lambda _: BusinessRule("A rule names a phase this firm does not have.",
                                                  [{"loc": "body.rules.on_phase", "msg": "no such phase"}]))
    work.commit()
    return statuses_view(item)


def _room_refused(old: dict[str, Any] | None) -> Exception:
    return no_room() if old is None else Conflict(ROOM_ARCHIVED)


def _room_changed(old: dict[str, Any] | None) -> Exception:
    return no_room() if old is None else Conflict("The room changed meanwhile; try again.")


def _statuses_moved(old: dict[str, Any] | None) -> Exception:
    return Conflict("The job statuses changed meanwhile; try again.")


_WRITABLE = Attr("status").eq(ACTIVE)


def _refuse_status(work: Work, room_id: str) -> None:
    """A status the firm does not have, refused once the room is known (another firm's
    room, or none, is still a 404; an archived one a 409)."""
    work.check(keys.room(room_id), _WRITABLE, refused=_room_refused)
    work.commit()
    raise BusinessRule("That is not one of the firm's job statuses.",
                       [{"loc": "body.status_id", "msg": "no such active status"}])


def set_room_status(me: Principal, room_id: str, body: JobStatusSet) -> RoomStatusView:
    """One transaction and no read: the status comes from the list the principal carries
    (still at its version when the write commits), the room must exist and be active, and
    the client's board follows from the stream (rooms.copies)."""
    status = active_status(me.job_statuses, body.status_id)
    work = FirmStore.of(me).work()
    if status is None:
        _refuse_status(work, room_id)
    value = set_status(work, {"id": room_id}, status, STAFF, {"id": me.user_id, "name": me.name})
    work.update(keys.room(room_id), set={"job_status": value}, when=_WRITABLE, refused=_room_refused)
    work.check(keys.job_statuses(), at_version(me.job_statuses["v"]), refused=_statuses_moved)
    work.commit()
    return RoomStatusView(room_id=room_id, status_id=value["id"], name=value["name"], at=value["at"],
                          cause=value["cause"])


def history(me: Principal, room_id: str, query: PageQuery) -> ListOf[StatusChangeView]:
    """Newest first, in one Query whose range ends with the room's own item: a first page
    without it is a room that does not exist (404)."""
    page = FirmStore.of(me).query(keys.room_partition(room_id), sk_between=keys.room_and_status_changes(),
                                  newest_first=True, limit=query.limit, cursor=query.cursor)
    if not page.items and not query.cursor:
        raise no_room()
    changes = [StatusChangeView(**i) for i in page.items if i["SK"].startswith(keys.STATUS)]
    return ListOf[StatusChangeView](items=changes, next_cursor=page.next_cursor)
