"""The opportunities board, for staff only: a client never sees it, its counts or notes."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.core.models import Input, MultilineText, Name, View, shown_text
from chalicelib.core.pagination import PageQuery
from chalicelib.opportunities.as_read import sealed_field
from chalicelib.rooms.models import RoomStaffView

Status = Literal["open", "contacted", "converted", "dismissed"]


class BoardRow(View):
    service_id: str
    service_name: str
    service_status: str
    open_count: int
    has_open: bool = Field(description="The red dot: the service has open opportunities.")


class Board(View):
    items: list[BoardRow]


class OpportunityQuery(PageQuery):
    status: Status | None = None
    professional_id: str | None = Field(None, min_length=1, max_length=100)
    with_active_rooms: bool = Field(True, description="false: hide open and contacted opportunities whose client "
                                                      "already has an active room of this service (converted and "
                                                      "dismissed ones are then not listed)")


class OpportunitySummary(View):
    id: str
    client_id: str
    client_name: str
    service_id: str
    service_name: str
    status: Status
    survey_date: str
    survey_version: int
    professional_id: str | None = None
    answered_by_name: str
    sealed: str | None = Field(None, description="The opportunity as answered, signed: give it back with a "
                                                 "reopen or a room made from it, and that write reads nothing "
                                                 "first. Absent where a list answers the pair's copy "
                                                 "(with_active_rooms=false), or for a very long history.")


class NoteView(View):
    at: str
    by: str
    kind: str
    text: str | None = None


class OpportunityStaffView(OpportunitySummary):
    answered_by: str
    notes: list[NoteView]
    room_id: str | None = None
    created_at: str
    version: int


class ContactedNote(Input):
    note: shown_text(2000)


class DismissReason(Input):
    reason: shown_text(2000)


class ReopenNote(Input):
    note: MultilineText | None = Field(None, max_length=2000)
    sealed: str | None = sealed_field()


class OpportunityRoom(Input):
    name: Name
    description: MultilineText | None = Field(None, max_length=2000)
    sealed: str | None = sealed_field()


class ConvertedOpportunity(View):
    """What converting changed; the opportunity itself is GET /opportunities/{id}."""
    id: str
    status: Literal["converted"]
    room_id: str


class Converted(View):
    opportunity: ConvertedOpportunity
    room: RoomStaffView


def opportunity_view(item: dict, sealed: str | None) -> OpportunityStaffView:
    return OpportunityStaffView(**{**item, "version": item["v"], "sealed": sealed})


def summary_view(item: dict, sealed: str | None) -> OpportunitySummary:
    """From an opportunity or from a pair item's copy of its live one."""
    return OpportunitySummary(**{**item, "id": item.get("live_id") or item["id"], "sealed": sealed})
