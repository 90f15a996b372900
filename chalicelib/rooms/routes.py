from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import FIRM_ROLES
from chalicelib.rooms import listing, members, service, timeline
from chalicelib.rooms.models import (ClientRoomCreate, FeedClientView, FeedStaffView, MemberAdd, MemberView,
                                     RoomClientView, RoomCreate, RoomListQuery, RoomRowView, RoomStaffView,
                                     RoomUpdate)
from chalicelib.rooms.records import ACTIVE, ARCHIVED

api = Api(__name__, "Rooms")


@api.route("POST", "/rooms", roles=FIRM_ROLES, body=RoomCreate, response=RoomStaffView, status=201,
           idempotent=True, summary="Create a room for a client and a service (notifies nobody)",
           errors=(400, 404, 422))
def create(call: Call):
    return service.create(call.me, call.body)


@api.route("POST", "/clients/{client_id}/rooms", roles=FIRM_ROLES, body=ClientRoomCreate, response=RoomStaffView,
           status=201, idempotent=True, summary="Create a room for this client (notifies nobody)",
           errors=(400, 404, 422))
def create_for_client(call: Call, client_id: str):
    return service.create(call.me, call.body, client_id)


@api.route("GET", "/rooms", query=RoomListQuery, response=ListOf[RoomRowView],
           summary="Staff: every room of the firm, filtered (client, service, professional, mine, status) or "
                   "searched by name as you type. Portal user: the rooms they are in. Each row: your unread count",
           errors=(400,))
def list_rooms(call: Call):
    return listing.list_rooms(call.me, call.query)


@api.route("GET", "/rooms/{room_id}", response=RoomStaffView, client_response=RoomClientView,
           summary="A room and its members (portal users: their own rooms, no internal fields)", errors=(404,))
def read(call: Call, room_id: str):
    return service.read(call.me, room_id)


@api.route("PATCH", "/rooms/{room_id}", roles=FIRM_ROLES, body=RoomUpdate, response=RoomStaffView,
           summary="Rename a room or change its description (If-Match: the version from its ETag)",
           errors=(400, 404, 412))
def update(call: Call, room_id: str):
    return service.update(call.me, room_id, call.body, call.if_match)


@api.route("POST", "/rooms/{room_id}/archive", roles=FIRM_ROLES, response=RoomStaffView,
           summary="Archive a room: read-only until restored", errors=(404, 409))
def archive(call: Call, room_id: str):
    return service.set_status(call.me, room_id, ARCHIVED)


@api.route("POST", "/rooms/{room_id}/restore", roles=FIRM_ROLES, response=RoomStaffView,
           summary="Restore an archived room", errors=(404, 409))
def restore(call: Call, room_id: str):
    return service.set_status(call.me, room_id, ACTIVE)


@api.route("POST", "/rooms/{room_id}/members", roles=FIRM_ROLES, body=MemberAdd, response=MemberView, status=201,
           summary="Add a colleague or a contact of the room's client with portal access",
           errors=(400, 404, 409, 422))
def add_member(call: Call, room_id: str):
    return members.add(call.me, room_id, call.body)


@api.route("DELETE", "/rooms/{room_id}/members/{user_id}", roles=FIRM_ROLES, status=204,
           summary="Remove a member from a room", errors=(404, 409))
def remove_member(call: Call, room_id: str, user_id: str):
    return members.remove(call.me, room_id, user_id)


@api.route("GET", "/rooms/{room_id}/feed", query=PageQuery, response=ListOf[FeedStaffView],
           client_response=ListOf[FeedClientView],
           summary="The room's activity, newest first (portal users: client-visible items only)",
           errors=(400, 404))
def feed(call: Call, room_id: str):
    return timeline.read_feed(call.me, room_id, call.query)


@api.route("POST", "/rooms/{room_id}/read", status=204, summary="Mark everything in a room read for you",
           errors=(404,))
def mark_read(call: Call, room_id: str):
    return service.mark_read(call.me, room_id)
