from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.principal import CLIENT, FIRM_ROLES, MANAGERS
from chalicelib.announcements import service
from chalicelib.announcements.models import AnnouncementClientView, AnnouncementCreate, AnnouncementView

api = Api(__name__, "Announcements")


@api.route("POST", "/announcements", roles=MANAGERS, body=AnnouncementCreate, response=AnnouncementView,
           status=201, summary="Announce something to all clients or those of chosen services",
           errors=(400, 422))
def create(call: Call):
    return service.create(call.me, call.body)


@api.route("GET", "/announcements", roles=FIRM_ROLES, response=ListOf[AnnouncementView],
           summary="Announcements that are live or scheduled")
def list_live(call: Call):
    return service.list_live(call.me)


@api.route("GET", "/announcements/{announcement_id}/preview", roles=FIRM_ROLES, response=AnnouncementClientView,
           summary="An announcement exactly as a client sees it", errors=(404,))
def preview(call: Call, announcement_id: str):
    return service.preview(call.me, announcement_id)


@api.route("DELETE", "/announcements/{announcement_id}", roles=MANAGERS, status=204,
           summary="Withdraw an announcement", errors=(404,))
def remove(call: Call, announcement_id: str):
    return service.remove(call.me, announcement_id)


@api.route("POST", "/me/announcements/{announcement_id}/dismiss", roles=(CLIENT,), status=204,
           summary="Stop showing an announcement among my notifications", errors=(404,))
def dismiss(call: Call, announcement_id: str):
    return service.dismiss(call.me, announcement_id)
