from chalicelib.core.api import Api, Call
from chalicelib.core.principal import FIRM_ROLES, MANAGERS
from chalicelib.phases import service
from chalicelib.phases.models import (PhaseMove, RoomPhaseView, TimelineClientView, TimelineDefinition,
                                      TimelineDefinitionView, TimelineStaffView)

api = Api(__name__, "Timeline")


@api.route("GET", "/services/{service_id}/timeline", roles=FIRM_ROLES, response=TimelineDefinitionView,
           summary="A service's internal phases, client-facing steps and the mapping between them", errors=(404,))
def read_definition(call: Call, service_id: str):
    return service.read_definition(call.me, service_id)


@api.route("PUT", "/services/{service_id}/timeline", roles=MANAGERS, body=TimelineDefinition,
           response=TimelineDefinitionView,
           summary="Define phases and steps in order (left-out ones are retired; If-Match: the version)",
           errors=(400, 404, 412, 422))
def put_definition(call: Call, service_id: str):
    return service.put_definition(call.me, service_id, call.body, call.if_match)


@api.route("POST", "/rooms/{room_id}/phase", roles=FIRM_ROLES, body=PhaseMove, response=RoomPhaseView,
           summary="Move the room to a phase (clients are told of a new step after a grace period)",
           errors=(400, 404, 409, 412, 422))
def move(call: Call, room_id: str):
    return service.move(call.me, room_id, call.body)


@api.route("GET", "/rooms/{room_id}/timeline", response=TimelineStaffView, client_response=TimelineClientView,
           summary="The room's client-facing timeline: past, current and next steps with dates", errors=(404,))
def read_timeline(call: Call, room_id: str):
    return service.read_timeline(call.me, room_id)
