"""Phases (internal, ordered) and client-facing timeline steps of a service, the
mapping between them, and a room's place on them."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from chalicelib.core.models import Input, Integer, Ref, View, shown
from chalicelib.core.sealed import sealed_field

Label = shown(100)
# A move's sealed room or phase (as_read.py): twenty-one step names and a phase name of 100
# characters, JSON-escaped (up to 12 bytes a character), with ids and dates, in base64.
SEALED_MAX = 65536
SEALED_USE = "give it back with a move (POST /rooms/{room_id}/phase) so it reads nothing first."


class StepIn(Input):
    id: Ref | None = Field(None, description="An existing step's id to keep it; leave out for a new step.")
    name: Label


class PhaseIn(Input):
    id: Ref | None = Field(None, description="An existing phase's id to keep it; leave out for a new phase.")
    name: Label
    step_id: Ref | None = Field(None, description="The client-facing step this phase shows as; null: none.")
    step: Integer | None = Field(None, ge=0, lt=20, description="Or the position of a step given in this request.")


class TimelineDefinition(Input):
    """The whole definition, in order. Phases and steps left out are retired: rooms in
    them keep them, nobody can move a room into them."""
    steps: list[StepIn] = Field(max_length=20)
    phases: list[PhaseIn] = Field(min_length=1, max_length=40)


class StepView(View):
    id: str
    name: str
    retired: bool = False


class PhaseView(View):
    id: str
    name: str
    step_id: str | None = None
    retired: bool = False
    sealed: str | None = Field(None, description=f"The phase as a move reads it, signed: {SEALED_USE}")


class TimelineDefinitionView(View):
    service_id: str
    steps: list[StepView]
    phases: list[PhaseView]
    version: int


class PhaseMove(Input):
    phase_id: Ref
    sealed: str | None = sealed_field("the room's timeline (GET /rooms/{room_id}/timeline)", SEALED_MAX)
    phase_sealed: str | None = sealed_field("the phase in its service's timeline definition", SEALED_MAX)


class RoomPhaseView(View):
    """Where a room stands, as staff see it."""
    room_id: str
    phase_id: str
    phase_name: str
    step_id: str | None = None
    step_name: str | None = None
    moved_at: str
    job_status: str | None = Field(None, description="The job status an automation rule set, if one did.")


class TimelineStepView(View):
    name: str
    state: Literal["past", "current", "next"]
    reached_at: str | None = None


class TimelineClientView(View):
    """The client-facing timeline: steps only, never the internal phases."""
    room_id: str
    current: str | None = None
    steps: list[TimelineStepView]


class TimelineStaffView(TimelineClientView):
    phase_id: str | None = None
    phase_name: str | None = None
    sealed: str | None = Field(None, description=f"Where the room stands, signed: {SEALED_USE}")
