from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.principal import FIRM_ROLES
from chalicelib.opportunities import service
from chalicelib.opportunities.models import (Board, ContactedNote, Converted, DismissReason, OpportunityQuery,
                                             OpportunityRoom, OpportunityStaffView, OpportunitySummary, ReopenNote)

api = Api(__name__, "Opportunities")


@api.route("GET", "/opportunities/board", roles=FIRM_ROLES, response=Board,
           summary="Every service with its count of open opportunities (the red dot: a count above zero)")
def board(call: Call):
    return service.board(call.me)


@api.route("GET", "/services/{service_id}/opportunities", roles=FIRM_ROLES, query=OpportunityQuery, response=ListOf[OpportunitySummary],
           summary="A service's opportunities, newest first; filter by status and professional, "
                   "optionally hiding those whose client has an active room of the service", errors=(400,))
def list_opportunities(call: Call, service_id: str):
    return service.list_opportunities(call.me, service_id, call.query)


@api.route("GET", "/opportunities/{opportunity_id}", roles=FIRM_ROLES, response=OpportunityStaffView,
           summary="One opportunity with its notes", errors=(404,))
def read(call: Call, opportunity_id: str):
    return service.read(call.me, opportunity_id)


@api.route("POST", "/opportunities/{opportunity_id}/contacted", roles=FIRM_ROLES, body=ContactedNote,
           response=OpportunityStaffView, summary="Mark an open opportunity contacted, with a note",
           errors=(400, 404, 409, 412))
def mark_contacted(call: Call, opportunity_id: str):
    return service.mark_contacted(call.me, opportunity_id, call.body.note, call.if_match)


@api.route("POST", "/opportunities/{opportunity_id}/dismiss", roles=FIRM_ROLES, body=DismissReason,
           response=OpportunityStaffView, summary="Dismiss an open or contacted opportunity, with a reason",
           errors=(400, 404, 409, 412))
def dismiss(call: Call, opportunity_id: str):
    return service.dismiss(call.me, opportunity_id, call.body.reason, call.if_match)


@api.route("POST", "/opportunities/{opportunity_id}/reopen", roles=FIRM_ROLES, body=ReopenNote,
           response=OpportunityStaffView, summary="Reopen a contacted or dismissed opportunity",
           errors=(400, 404, 409, 412, 422))
def reopen(call: Call, opportunity_id: str):
    return service.reopen(call.me, opportunity_id, call.body, call.if_match)


@api.route("POST", "/opportunities/{opportunity_id}/room", roles=FIRM_ROLES, body=OpportunityRoom,
           response=Converted, status=201, idempotent=True,
           summary="Create a room from an opportunity; the opportunity is converted in the same transaction",
           errors=(400, 404, 409, 422))
def convert(call: Call, opportunity_id: str):
    return service.convert(call.me, opportunity_id, call.body)
