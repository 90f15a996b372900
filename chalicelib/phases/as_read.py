"""What a phase move takes from its caller instead of reading it first (core.sealed):
the room's move state, sealed into staff's answer of the room's timeline, and each phase
as a move reads it (the phase item the stream copies from the definition, copies.py),
sealed into the definition's answer.

The move is pinned to both: the room to the version sealed (moves, edits, members, job
status and event dates bump it; messages and uploads do not), and the phase item, by a
ConditionCheck, to not having been copied from a later definition than the one sealed.
A phase item still missing or older (the stream has not yet followed the edit the
caller saw) passes: the definition's answer is the API's own word on the phase. A phase
never changes its service (an edit keeps only ids its definition has), so the sealed
service stands for the stored one."""
from __future__ import annotations

from typing import Any

from chalicelib.core import sealed
from chalicelib.phases.copies import DEFINED_AT
from chalicelib.phases.models import SEALED_MAX
from chalicelib.store import Attr
from chalicelib.store.conditions import ConditionBase

ROOM_SEALED, PHASE_SEALED = "body.sealed", "body.phase_sealed"

# What a move reads of its room: where it stands, whether it may move, the version it pins.
_MOVE_STATE = ("id", "v", "service_id", "status", "phase", "timeline")


def _room_scope(firm_id: str, room_id: str) -> str:
    return f"room:{firm_id}:{room_id}"


def _phase_scope(firm_id: str, phase_id: str) -> str:
    return f"phase:{firm_id}:{phase_id}"


def _within_max(value: str) -> str | None:
    """A value too long to be given back is not handed out: the move reads then."""
    return value if len(value) <= SEALED_MAX else None


def seal_room(firm_id: str, room: dict[str, Any]) -> str | None:
    state = {k: room[k] for k in _MOVE_STATE if k in room}
    return _within_max(sealed.seal_item(state, _room_scope(firm_id, room["id"])))


def seal_phase(firm_id: str, phase: dict[str, Any]) -> str | None:
    return _within_max(sealed.seal_item(phase, _phase_scope(firm_id, phase["id"])))


def room_as_read(firm_id: str, room_id: str, value: str | None) -> dict[str, Any] | None:
    return sealed.opened_item(value, _room_scope(firm_id, room_id), ROOM_SEALED, "room")


def phase_as_read(firm_id: str, phase_id: str, value: str | None) -> dict[str, Any] | None:
    return sealed.opened_item(value, _phase_scope(firm_id, phase_id), PHASE_SEALED, "phase")


def copied_no_later(phase: dict[str, Any]) -> ConditionBase | None:
    """The phase item was not copied from a later definition than `phase` (None: a phase
    item copied before the copies named their definition pins nothing)."""
    if DEFINED_AT not in phase:
        return None
    return Attr(DEFINED_AT).not_exists() | Attr(DEFINED_AT).lte(phase[DEFINED_AT])
