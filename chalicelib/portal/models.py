"""Portal options: which features and tools a firm's clients see, per firm with
per-client overrides of the features, and the lock-out before an event."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.core.models import Input, View

OPTIONS = ("prepayment", "done_uploading", "appointments", "announcements", "client_threads",
           "self_service_organizers", "work_in_progress")
TOOLS = ("messages", "documents", "timeline", "todos", "invoices", "organizers")
Tool = Literal["messages", "documents", "timeline", "todos", "invoices", "organizers"]
MAX_LOCKOUT_DAYS = 365


class Options(Input):
    """Each feature on (true) or off (false); leave one out to keep it as it is."""
    prepayment: bool | None = None
    done_uploading: bool | None = None
    appointments: bool | None = None
    announcements: bool | None = None
    client_threads: bool | None = Field(None, description="Clients may start new threads.")
    self_service_organizers: bool | None = None
    work_in_progress: bool | None = Field(None, description="Clients see their job status.")


class Tools(Input):
    """Each tool visible to clients (true) or hidden (false)."""
    messages: bool | None = None
    documents: bool | None = None
    timeline: bool | None = None
    todos: bool | None = None
    invoices: bool | None = None
    organizers: bool | None = None


class PortalOptionsUpdate(Input):
    options: Options | None = None
    tools: Tools | None = None
    lockout_days: int | None = Field(None, ge=0, le=MAX_LOCKOUT_DAYS,
                                     description="Client changes to a room lock this many days before its "
                                                 "event date; 0 turns the lock-out off.")


class ClientOptionsUpdate(Input):
    """Overrides for one client: true or false overrides the firm, null follows it again."""
    options: dict[Literal["prepayment", "done_uploading", "appointments", "announcements", "client_threads",
                          "self_service_organizers", "work_in_progress"], bool | None] = Field(max_length=7)


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
