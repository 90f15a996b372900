"""Editing a service's timeline definition, moving a room between phases, and reading
a room's timeline. A move reads the room and the phase in one batch (the caller's name
and the firm's job status rules come with the principal) and writes the room and its
feed in one transaction; the client's board follows from the stream (rooms.board), and
the client hears of it later (notices), only if the step still differs then."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, NotFound, PreconditionFailed
from chalicelib.core.principal import Principal
from chalicelib.jobstatus.records import ON_PHASE, rule_status, set_status
from chalicelib.phases import notices
from chalicelib.phases.models import (PhaseMove, RoomPhaseView, TimelineClientView, TimelineDefinition,
                                      TimelineDefinitionView, TimelineStaffView)
from chalicelib.phases.records import PHASE, STEP, edit, entries, first_unknown, given, kept_known
from chalicelib.store.batch import Batch
from chalicelib.portal.tools import require_tool
from chalicelib.rooms import feed
from chalicelib.rooms.access import ROOM_ARCHIVED, may_see, no_room, visible_room
from chalicelib.rooms.records import ACTIVE
from chalicelib.rooms.service import stale_room
from chalicelib.store import FirmStore, at_version, keys
from chalicelib.store.conditions import all_of
from chalicelib.store.work import Refusal

PHASE_CHANGED, TIMELINE_MOVED = "phase_changed", "timeline_moved"


def _no_service() -> NotFound:
    return NotFound("No such service.")


def definition_view(service_id: str, item: dict[str, Any] | None) -> TimelineDefinitionView:
    return TimelineDefinitionView(service_id=service_id, steps=entries(item, STEP), phases=entries(item, PHASE),
                                  version=(item or {}).get("v", 0))


def _service_and_definition(db: FirmStore, service_id: str) -> dict[str, Any] | None:
    found = Batch(db, [keys.service(service_id), keys.service_timeline(service_id)])
    if found.get(keys.service(service_id)) is None:
        raise _no_service()
    return found.get(keys.service_timeline(service_id))


def read_definition(me: Principal, service_id: str) -> TimelineDefinitionView:
    return definition_view(service_id, _service_and_definition(FirmStore.of(me), service_id))


def _edited_meanwhile() -> PreconditionFailed:
    return PreconditionFailed("The timeline was changed by someone else; reload it and try again.")


def _why_not_edited(body: TimelineDefinition, if_match: int | None) -> Refusal:
    """From the definition as it stood: none (no such service, which makes an empty one
    with itself), another version, or an id it does not have."""
    def refused(item: dict[str, Any] | None) -> Exception:
        if item is None:
            return _no_service()
        if if_match is not None and item.get("v", 0) != if_match:
            return _edited_meanwhile()
        return first_unknown(body, item) or _edited_meanwhile()
    return refused


def put_definition(me: Principal, service_id: str, body: TimelineDefinition,
                   if_match: int | None) -> TimelineDefinitionView:
    """One UpdateItem and no read: the entries given and their order, on condition of the
    version the caller saw and of every id kept being known; it answers with the whole
    definition as stored. The phase items a move reads follow from the stream."""
    steps, phases = given(body)
    when = all_of(kept_known(body), None if if_match is None else at_version(if_match))
    work = FirmStore.of(me).work()
    work.update(keys.service_timeline(service_id), set=edit(steps, phases), when=when,
                refused=_why_not_edited(body, if_match))
    return definition_view(service_id, work.commit())


def _load_move(db: FirmStore, me: Principal, room_id: str, phase_id: str) -> tuple[dict, dict]:
    found = Batch(db, [keys.room(room_id), keys.phase(phase_id)])
    room, phase = found.get(keys.room(room_id)), found.get(keys.phase(phase_id))
    if room is None or not may_see(me, room):
        raise no_room()
    if room["status"] != ACTIVE:
        raise Conflict(ROOM_ARCHIVED)
    if phase is None or phase["service_id"] != room["service_id"]:
        raise BusinessRule("That is not a phase of this room's service.",
                           [{"loc": "body.phase_id", "msg": "not a phase of the room's service"}])
    if phase["retired"]:
        raise BusinessRule("That phase is retired; rooms can no longer move into it.",
                           [{"loc": "body.phase_id", "msg": "retired phase"}])
    return room, phase


def moved_timeline(room: dict[str, Any], phase: dict[str, Any], at: str) -> dict[str, Any]:
    """The room's client timeline after entering `phase`: an unmapped phase leaves the
    client's step where it was; steps after the new one lose their dates."""
    old = room.get("timeline") or {}
    step_id = phase.get("step_id") or old.get("step_id")
    steps = phase["steps"]
    order = [s["id"] for s in steps]
    if step_id is not None and step_id not in order:  # a step retired since: keep it readable
        steps = [*steps, *(s for s in old.get("steps", []) if s["id"] == step_id)]
        order.append(step_id)
    reached = dict(old.get("reached") or {})
    if step_id is not None:
        upto = order.index(step_id)
        reached = {s: d for s, d in reached.items() if s in order and order.index(s) < upto}
        reached[step_id] = (old.get("reached") or {}).get(step_id) if step_id == old.get("step_id") else at
    return {"steps": steps, "step_id": step_id, "reached": reached}


def _step_name(timeline: dict[str, Any]) -> str | None:
    return next((s["name"] for s in timeline.get("steps", []) if s["id"] == timeline.get("step_id")), None)


def move(me: Principal, room_id: str, body: PhaseMove) -> RoomPhaseView:
    db = FirmStore.of(me)
    room, phase = _load_move(db, me, room_id, body.phase_id)
    who = {"id": me.user_id, "name": me.name}
    current = room.get("phase") or {}
    if current.get("id") == phase["id"]:
        raise Conflict("The room is already in that phase.")
    at = clock.now_iso()
    timeline = moved_timeline(room, phase, at)
    step_moved = timeline["step_id"] != (room.get("timeline") or {}).get("step_id")
    changes = {"phase": {"id": phase["id"], "name": phase["name"], "at": at}, "timeline": timeline,
               "last_activity_at": at}
    work = db.work()
    feed.append(work, room_id, PHASE_CHANGED, feed.INTERNAL, {"from": current.get("name"), "to": phase["name"]},
                actor=who)
    if step_moved:
        feed.append(work, room_id, TIMELINE_MOVED, feed.CLIENT_VISIBLE, {"step": _step_name(timeline)}, actor=who)
    status = rule_status(me.job_statuses, ON_PHASE, phase["id"])
    if status is not None:
        changes["job_status"] = set_status(work, room, status, ON_PHASE, who)
    work.update(keys.room(room_id), set=changes, when=at_version(room["v"]), refused=stale_room)
    work.commit()
    if step_moved:
        notices.schedule(me.firm_id, room_id)
    return RoomPhaseView(room_id=room_id, phase_id=phase["id"], phase_name=phase["name"],
                         step_id=timeline["step_id"], step_name=_step_name(timeline), moved_at=at,
                         job_status=(changes.get("job_status") or {}).get("name"))


def timeline_view(room: dict[str, Any], staff: bool) -> TimelineClientView:
    timeline = room.get("timeline") or {}
    order = [s["id"] for s in timeline.get("steps", [])]
    here = order.index(timeline["step_id"]) if timeline.get("step_id") in order else -1
    steps = [{"name": s["name"], "reached_at": (timeline.get("reached") or {}).get(s["id"]) if n <= here else None,
              "state": "past" if n < here else "current" if n == here else "next"}
             for n, s in enumerate(timeline.get("steps", []))]
    fields = {"room_id": room["id"], "current": _step_name(timeline), "steps": steps}
    if staff:
        phase = room.get("phase") or {}
        return TimelineStaffView(**fields, phase_id=phase.get("id"), phase_name=phase.get("name"))
    return TimelineClientView(**fields)


def read_timeline(me: Principal, room_id: str) -> TimelineClientView:
    require_tool(me, "timeline")
    return timeline_view(visible_room(FirmStore.of(me), me, room_id), me.is_staff)
