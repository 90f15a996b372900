"""Work in progress (seed 002): client-facing job statuses a firm defines ("Waiting for
your documents", "In preparation", "Ready to sign"), set on a room by staff or by
automation rules."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from chalicelib.core.models import Input, Integer, Ref, View, ref_map, schema_rules, shown, together

Label = shown(100)


class StatusIn(Input):
    id: Ref | None = Field(None, description="An existing status's id to keep it; leave out for a new one.")
    name: Label


class Rules(Input):
    """Automation: which status a room gets when something happens (null: no rule)."""
    model_config = schema_rules(together("idle_days", "on_idle"))
    on_phase: dict[Ref, Ref] = ref_map(default_factory=dict, max_length=40,
                                       description="phase id -> status id, applied when a room enters the phase")
    on_done_uploading: Ref | None = Field(None, description="status id set when the client is done uploading")
    idle_days: Integer | None = Field(None, ge=1, le=365, description="A room idle this many days gets...")
    on_idle: Ref | None = Field(None, description="...this status id.")

    @model_validator(mode="after")
    def _idle_rule_is_whole(self) -> "Rules":
        if (self.idle_days is None) != (self.on_idle is None):
            raise ValueError("idle_days and on_idle go together: give both or neither")
        return self


class JobStatusesUpdate(Input):
    """The whole list in order (left-out statuses are retired) and the rules."""
    statuses: list[StatusIn] = Field(max_length=30)
    rules: Rules = Field(default_factory=Rules)


class StatusView(View):
    id: str
    name: str
    retired: bool = False


class RulesView(View):
    on_phase: dict[str, str] = {}
    on_done_uploading: str | None = None
    idle_days: int | None = None
    on_idle: str | None = None


class JobStatusesView(View):
    statuses: list[StatusView]
    rules: RulesView
    version: int


class JobStatusSet(Input):
    status_id: Ref


class RoomStatusView(View):
    room_id: str
    status_id: str
    name: str
    at: str
    cause: str


class StatusChangeView(View):
    id: str
    status_id: str
    name: str
    at: str
    cause: str
    by: str | None = None
