"""Editing a service's timeline definition, moving a room between phases, and reading
a room's timeline. A move takes the room and the phase from the sealed answers its
caller gives back (as_read.py), reading in one batch only what it was not given (the
caller's name and the firm's job status rules come with the principal), and writes the
room and its feed in one transaction; the client's board follows from the stream
(rooms.board), and the client hears of it later (notices), only if the step still
differs then."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, NotFound, PreconditionFailed
from chalicelib.core.principal import Principal
from chalicelib.core.sealed import Outdated, outdated_or
from chalicelib.jobstatus.records import ON_PHASE, rule_status, set_status
from chalicelib.phases import notices
from chalicelib.phases.models import (PhaseMove, RoomPhaseView, TimelineClientView, TimelineDefinition,
                                      TimelineDefinitionView, TimelineStaffView)
from chalicelib.phases.as_read import copied_no_later, phase_as_read, room_as_read, seal_phase, seal_room
from chalicelib.phases.copies import phase_copy
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


def definition_view(firm_id: str, service_id: str, item: dict[str, Any] | None) -> TimelineDefinitionView:
    """The definition, each phase sealed as a move reads it (the phase item it is copied to)."""
    steps = entries(item, STEP)
    phases = [{**p, "sealed": seal_phase(firm_id, phase_copy(item, p, steps))} for p in entries(item, PHASE)]
    return TimelineDefinitionView(service_id=service_id, steps=steps, phases=phases, version=(item or {}).get("v", 0))


def _service_and_definition(db: FirmStore, service_id: str) -> dict[str, Any] | None:
    found = Batch(db, [keys.service(service_id), keys.service_timeline(service_id)])
    if found.get(keys.service(service_id)) is None:
        raise _no_service()
    return found.get(keys.service_timeline(service_id))


def read_definition(me: Principal, service_id: str) -> TimelineDefinitionView:
    return definition_view(me.firm_id, service_id, _service_and_definition(FirmStore.of(me), service_id))


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
    return definition_view(me.firm_id, service_id, work.commit())


def _loaded(db: FirmStore, room_id: str, phase_id: str, room: dict[str, Any] | None,
            phase: dict[str, Any] | None) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The room and the phase, reading in one batch whichever the request did not seal."""
    wanted = [k for k, known in ((keys.room(room_id), room), (keys.phase(phase_id), phase)) if known is None]
    found = Batch(db, wanted)
    return room or found.get(keys.room(room_id)), phase or found.get(keys.phase(phase_id))


def _checked(me: Principal, room: dict[str, Any] | None, phase: dict[str, Any] | None) -> tuple[dict, dict]:
    """The room and the phase, if the room may move into it."""
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
    if (room.get("phase") or {}).get("id") == phase["id"]:
        raise Conflict("The room is already in that phase.")
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


class _RoomMoved(Outdated):
    """The room moved on since it was sealed."""


class _PhaseRedefined(Outdated):
    """The phase was copied from a later definition since it was sealed."""


def move(me: Principal, room_id: str, body: PhaseMove) -> RoomPhaseView:
    """With the room and the phase sealed (as_read.py), one transaction and no read; a
    refusal returns the one that changed as it stands, and the move is made once more
    from it. Without both, what is missing is read first, and a refusal is final."""
    db = FirmStore.of(me)
    room = room_as_read(me.firm_id, room_id, body.sealed)
    phase = phase_as_read(me.firm_id, body.phase_id, body.phase_sealed)
    if room is None or phase is None:
        return _move(me, db, *_loaded(db, room_id, body.phase_id, room, phase), stale_room, _redefined)
    try:
        return _move(me, db, room, phase, outdated_or(lambda _: no_room(), _RoomMoved),
                     outdated_or(_redefined, _PhaseRedefined))
    except _RoomMoved as moved:
        return _move(me, db, moved.item, phase, stale_room, _redefined)
    except _PhaseRedefined as redefined:
        return _move(me, db, room, redefined.item, stale_room, _redefined)


def _redefined(_: dict[str, Any] | None) -> Exception:
    return _edited_meanwhile()


def _move(me: Principal, db: FirmStore, room: dict[str, Any] | None, phase: dict[str, Any] | None,
          room_refused: Refusal, phase_refused: Refusal) -> RoomPhaseView:
    """One transaction: the room pinned to its version, the phase item to its copy, the feed."""
    room, phase = _checked(me, room, phase)
    room_id, who, at = room["id"], {"id": me.user_id, "name": me.name}, clock.now_iso()
    timeline = moved_timeline(room, phase, at)
    step_moved = timeline["step_id"] != (room.get("timeline") or {}).get("step_id")
    changes = {"phase": {"id": phase["id"], "name": phase["name"], "at": at}, "timeline": timeline,
               "last_activity_at": at}
    work = db.work()
    feed.append(work, room_id, PHASE_CHANGED, feed.INTERNAL,
                {"from": (room.get("phase") or {}).get("name"), "to": phase["name"]}, actor=who)
    if step_moved:
        feed.append(work, room_id, TIMELINE_MOVED, feed.CLIENT_VISIBLE, {"step": _step_name(timeline)}, actor=who)
    status = rule_status(me.job_statuses, ON_PHASE, phase["id"])
    if status is not None:
        changes["job_status"] = set_status(work, room, status, ON_PHASE, who)
    pinned = copied_no_later(phase)
    if pinned is not None:
        work.check(keys.phase(phase["id"]), pinned, refused=phase_refused)
    work.update(keys.room(room_id), set=changes, when=at_version(room["v"]), refused=room_refused)
    work.commit()
    if step_moved:
        notices.schedule(me.firm_id, room_id)
    return RoomPhaseView(room_id=room_id, phase_id=phase["id"], phase_name=phase["name"],
                         step_id=timeline["step_id"], step_name=_step_name(timeline), moved_at=at,
                         job_status=(changes.get("job_status") or {}).get("name"))


def timeline_view(room: dict[str, Any], me: Principal) -> TimelineClientView:
    """The client's view, or staff's with the phase and the room sealed for a move."""
    timeline = room.get("timeline") or {}
    order = [s["id"] for s in timeline.get("steps", [])]
    here = order.index(timeline["step_id"]) if timeline.get("step_id") in order else -1
    steps = [{"name": s["name"], "reached_at": (timeline.get("reached") or {}).get(s["id"]) if n <= here else None,
              "state": "past" if n < here else "current" if n == here else "next"}
             for n, s in enumerate(timeline.get("steps", []))]
    fields = {"room_id": room["id"], "current": _step_name(timeline), "steps": steps}
    if me.is_staff:
        phase = room.get("phase") or {}
        return TimelineStaffView(**fields, phase_id=phase.get("id"), phase_name=phase.get("name"),
                                 sealed=seal_room(me.firm_id, room))
    return TimelineClientView(**fields)


def read_timeline(me: Principal, room_id: str) -> TimelineClientView:
    require_tool(me, "timeline")
    return timeline_view(visible_room(FirmStore.of(me), me, room_id), me)
