from chalicelib.core.api import Api, Call
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import FIRM_ROLES
from chalicelib.messages import announcements, service, threads
from chalicelib.messages.models import (EmailMembers, EmailMembersView, MessageEdit, NoteCreate, ReplyCreate,
                                        TagsSet, ThreadCreate)
from chalicelib.rooms.models import FeedClientView, FeedStaffView

api = Api(__name__, "Messages")


@api.route("POST", "/rooms/{room_id}/threads", body=ThreadCreate, response=FeedStaffView, client_response=FeedClientView, status=201, idempotent=True,
           summary="Start a thread (portal users: unless the firm turned that off); staff may make it the "
                   "welcome message", errors=(400, 403, 404, 409))
def start_thread(call: Call, room_id: str):
    return service.start_thread(call.me, room_id, call.body)


@api.route("GET", "/rooms/{room_id}/threads/{thread_id}", query=PageQuery, response=threads.ThreadStaffView, client_response=threads.ThreadClientView,
           summary="A thread and its replies, oldest first", errors=(400, 404))
def read_thread(call: Call, room_id: str, thread_id: str):
    return threads.read_thread(call.me, room_id, thread_id, call.query)


@api.route("POST", "/rooms/{room_id}/threads/{thread_id}/replies", body=ReplyCreate, response=FeedStaffView, client_response=FeedClientView,
           status=201, idempotent=True, summary="Reply in a thread", errors=(400, 404, 409))
def reply(call: Call, room_id: str, thread_id: str):
    return service.reply(call.me, room_id, thread_id, call.body)


@api.route("POST", "/rooms/{room_id}/notes", roles=FIRM_ROLES, body=NoteCreate, response=FeedStaffView,
           status=201, idempotent=True, summary="Write an internal note (never shown to portal users)",
           errors=(400, 404, 409))
def write_note(call: Call, room_id: str):
    return service.write_note(call.me, room_id, call.body)


@api.route("PATCH", "/rooms/{room_id}/messages/{message_id}", body=MessageEdit, response=FeedStaffView, client_response=FeedClientView,
           summary="Edit your own message within 15 minutes (staff keep its history)",
           errors=(400, 403, 404, 409, 422))
def edit(call: Call, room_id: str, message_id: str):
    return service.edit(call.me, room_id, message_id, call.body)


@api.route("DELETE", "/rooms/{room_id}/messages/{message_id}", status=204,
           summary="Delete your own message within 15 minutes", errors=(403, 404, 409, 422))
def delete(call: Call, room_id: str, message_id: str):
    return service.delete(call.me, room_id, message_id)


@api.route("PUT", "/rooms/{room_id}/items/{item_id}/tags", roles=FIRM_ROLES, body=TagsSet, response=FeedStaffView,
           summary="Set the internal tags of any feed item (never shown to portal users)", errors=(400, 404))
def set_tags(call: Call, room_id: str, item_id: str):
    return service.set_tags(call.me, room_id, item_id, call.body)


@api.route("POST", "/rooms/{room_id}/email-members", roles=FIRM_ROLES, body=EmailMembers,
           response=EmailMembersView, status=202, idempotent=True,
           summary="Email members: a branded email (or text) with a link to the room, to the members picked",
           errors=(400, 404, 409, 422))
def email_members(call: Call, room_id: str):
    return announcements.email_members(call.me, room_id, call.body)
