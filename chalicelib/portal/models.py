"""Portal options: which features and tools a firm's clients see, per firm with
per-client overrides of the features, and the lock-out before an event."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.core.models import Flag, Input, Integer, PartialUpdate, View, kept_if_absent

Tool = Literal["messages", "documents", "timeline", "todos", "invoices", "organizers"]
MAX_LOCKOUT_DAYS = 365


class Options(PartialUpdate):
    """Each feature on (true) or off (false); leave one out to keep it as it is."""
    prepayment: Flag = kept_if_absent()
    done_uploading: Flag = kept_if_absent()
    appointments: Flag = kept_if_absent()
    announcements: Flag = kept_if_absent()
    client_threads: Flag = kept_if_absent(description="Clients may start new threads.")
    self_service_organizers: Flag = kept_if_absent()
    work_in_progress: Flag = kept_if_absent(description="Clients see their job status.")


class Tools(PartialUpdate):
    """Each tool visible to clients (true) or hidden (false); leave one out to keep it."""
    messages: Flag = kept_if_absent()
    documents: Flag = kept_if_absent()
    timeline: Flag = kept_if_absent()
    todos: Flag = kept_if_absent()
    invoices: Flag = kept_if_absent()
    organizers: Flag = kept_if_absent()


class PortalOptionsUpdate(PartialUpdate):
    options: Options = kept_if_absent()
    tools: Tools = kept_if_absent()
    lockout_days: Integer = kept_if_absent(ge=0, le=MAX_LOCKOUT_DAYS,
                                     description="Client changes to a room lock this many days before its "
                                                 "event date; 0 turns the lock-out off.")


class ClientOptionsUpdate(Input):
    """Overrides for one client: true or false overrides the firm, null follows it again."""
    options: dict[Literal["prepayment", "done_uploading", "appointments", "announcements", "client_threads",
                          "self_service_organizers", "work_in_progress"], Flag | None] = Field(min_length=1, max_length=7)


class OptionsView(View):
    prepayment: bool
    done_uploading: bool
    appointments: bool
    announcements: bool
    client_threads: bool
    self_service_organizers: bool
    work_in_progress: bool


class PortalOptionsView(View):
    options: OptionsView
    visible_tools: list[Tool]
    lockout_days: int


class ClientOptionsView(View):
    client_id: str
    overrides: dict[str, bool]
    options: OptionsView
    event_date: str | None = Field(None, description="The client's event date (PUT /clients/{id}/event-date).")
