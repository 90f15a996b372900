from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import FIRM_ROLES, MANAGERS
from chalicelib.jobstatus import service
from chalicelib.jobstatus.models import (JobStatusesUpdate, JobStatusesView, JobStatusSet, RoomStatusView,
                                         StatusChangeView)

api = Api(__name__, "Job status")


@api.route("GET", "/job-statuses", roles=FIRM_ROLES, response=JobStatusesView,
           summary="The firm's client-facing job statuses and their automation rules")
def read_statuses(call: Call):
    return service.read_statuses(call.me)


@api.route("PUT", "/job-statuses", roles=MANAGERS, body=JobStatusesUpdate, response=JobStatusesView,
           summary="Define job statuses in order (left-out ones are retired) and the rules that set them",
           errors=(400, 412, 422))
def put_statuses(call: Call):
    return service.put_statuses(call.me, call.body, call.if_match)


@api.route("POST", "/rooms/{room_id}/job-status", roles=FIRM_ROLES, body=JobStatusSet, response=RoomStatusView,
           summary="Set the room's client-facing job status", errors=(400, 404, 409, 422))
def set_room_status(call: Call, room_id: str):
    return service.set_room_status(call.me, room_id, call.body)


@api.route("GET", "/rooms/{room_id}/job-status/history", roles=FIRM_ROLES, query=PageQuery,
           response=ListOf[StatusChangeView], summary="Every job status the room had, newest first",
           errors=(400, 404))
def history(call: Call, room_id: str):
    return service.history(call.me, room_id, call.query)
