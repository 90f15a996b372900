"""Conversations in a room. Staff and client members start threads and reply; staff
also write internal notes (threads no client sees) and tag any feed item internally.

Each post is one transaction and no read: the message, the room's activity (its
condition proves the room, the caller's seat and the lock-out), for a reply the thread's
count (its condition proves the thread and its visibility), a ConditionCheck per attached
document and, for a portal user's new thread, one on the firm's "clients may start
threads". The author is named from the principal. Who is told (notifications, unread
counts, the push hand-off, digests) and the attached documents' names follow from the
table stream (`copies.py`), which reads the room's members.

A reply takes its thread's visibility without reading the thread: a note's id says it is
one (`NOTE_MARK`; notes from before the mark were given it once, `note_ids.py`), so every
other thread is a client thread, and the thread's condition holds the reply to it."""
from __future__ import annotations

from datetime import timedelta
from typing import Any, Callable

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, Forbidden, NotFound
from chalicelib.core.ids import ID_LENGTH, new_id
from chalicelib.core.principal import Principal
from chalicelib.documents import attachments
from chalicelib.messages.models import MessageEdit, NoteCreate, ReplyCreate, TagsSet, ThreadCreate
from chalicelib.portal.lockout import check_client_write, lockout_refusal, open_condition
from chalicelib.portal.tools import require_tool
from chalicelib.rooms import feed
from chalicelib.rooms.access import member_condition, require_seat
from chalicelib.rooms.models import FeedStaffView, feed_client_view, feed_staff_view
from chalicelib.store import Attr, FirmStore, Work, exists, keys
from chalicelib.store.conditions import ConditionBase

MESSAGE, REPLY, NOTE = "message", "reply", "note"
THREADS = (MESSAGE, NOTE)
POSTS = (MESSAGE, REPLY, NOTE)
NOTE_MARK = "N"
EDIT_WINDOW = timedelta(minutes=15)
THREADS_OFF = ("Your firm has turned off new threads from clients; reply to one of the existing threads "
               "instead.")
NO_THREAD = "No such thread in this room."


def start_thread(me: Principal, room_id: str, body: ThreadCreate):
    if body.welcome and not me.is_staff:
        raise Forbidden("Only the firm's staff choose a room's welcome message.")
    return _post(me, room_id, MESSAGE, feed.CLIENT_VISIBLE, body.body, welcome=body.welcome,
                 attached=body.attachments)


def write_note(me: Principal, room_id: str, body: NoteCreate):
    return _post(me, room_id, NOTE, feed.INTERNAL, body.body, attached=body.attachments)


def reply(me: Principal, room_id: str, thread_id: str, body: ReplyCreate):
    # A portal user replies only in client threads, whatever the id says.
    visibility = feed.INTERNAL if me.is_staff and is_note_id(thread_id) else feed.CLIENT_VISIBLE
    return _post(me, room_id, REPLY, visibility, body.body, thread_id=thread_id, attached=body.attachments)


def is_note_id(item_id: str) -> bool:
    return len(item_id) == ID_LENGTH + len(NOTE_MARK) and item_id.endswith(NOTE_MARK)


def _new_post_id(kind: str) -> str:
    return new_id() + (NOTE_MARK if kind == NOTE else "")


def _may_read(me: Principal, item: dict[str, Any]) -> bool:
    return me.is_staff or item["visibility"] == feed.CLIENT_VISIBLE


def _post(me: Principal, room_id: str, kind: str, visibility: str, text: str,
          thread_id: str | None = None, welcome: bool = False, attached: list[str] | None = None):
    require_tool(me, "messages")
    require_seat(me, room_id)
    attached = attached or []
    attachments.refuse_repeats(attached)
    work = FirmStore.of(me).work()
    item_id = _new_post_id(kind)
    # A thread heads its own list (GSI2) and its replies follow in order, so reading it is
    # one Query; a reply names the thread it belongs to.
    extra = {"thread_id": thread_id or item_id, "GSI2PK": keys.thread(thread_id or item_id), "GSI2SK": item_id}
    item = feed.append(work, room_id, kind, visibility, {}, actor={"id": me.user_id, "name": me.name},
                       item_id=item_id, body=text, author_id=me.user_id, welcome=welcome or None,
                       **({"attachments": [{"id": d} for d in attached]} if attached else {}), **extra)
    _touch_room(work, me, room_id, item, welcome)
    if thread_id:
        _count_reply(work, room_id, thread_id, visibility, item["at"])
    if kind == MESSAGE and not me.is_staff:
        work.check(keys.firm(), Attr("settings.clients_may_start_threads").ne(False),
                   refused=lambda _: Forbidden(THREADS_OFF))
    attachments.check(work, me, room_id, attached, visibility == feed.CLIENT_VISIBLE)
    work.commit()
    return feed_staff_view(item) if me.is_staff else feed_client_view(item)


def _touch_room(work: Work, me: Principal, room_id: str, item: dict[str, Any], welcome: bool) -> None:
    """The room's activity moves; its version does not (a rename in progress stays valid).
    Its condition is the caller's right to write there: a member, an active room, no lock-out."""
    changes = {"last_activity_at": item["at"], **({"welcome_thread_id": item["id"]} if welcome else {})}
    lock = open_condition(me)
    member = member_condition(me, writing=True)
    work.count(keys.room(room_id), {"message_count": 1}, set=changes,
               when=member if lock is None else member & lock, refused=lockout_refusal(me))


def _count_reply(work: Work, room_id: str, thread_id: str, visibility: str, at: str) -> None:
    """The thread's count, on condition that it is a thread of this visibility (a portal
    user replies only in client threads)."""
    work.count(keys.feed_item(room_id, thread_id), {"reply_count": 1}, set={"last_reply_at": at},
               when=exists() & Attr("kind").is_in(list(THREADS)) & Attr("visibility").eq(visibility),
               refused=lambda _: NotFound(NO_THREAD))


# --- editing, deleting, tagging -----------------------------------------------------------

def _changeable(me: Principal) -> ConditionBase:
    """The caller's own message, one they may read, not deleted, sent within the window."""
    since = clock.iso(clock.now() - EDIT_WINDOW)
    condition = (Attr("kind").is_in(list(POSTS)) & Attr("author_id").eq(me.user_id)
                 & Attr("deleted_at").not_exists() & Attr("at").gte(since))
    return condition if me.is_staff else condition & Attr("visibility").eq(feed.CLIENT_VISIBLE)


def _unchangeable(me: Principal) -> Callable[[dict[str, Any] | None], Exception]:
    """Why the message as it stood may not be changed by the caller."""
    def refused(item: dict[str, Any] | None) -> Exception:
        if item is None or item.get("kind") not in POSTS or not _may_read(me, item):
            return NotFound("No such message in this room.")
        if item.get("author_id") != me.user_id:
            return Forbidden("You can change only your own messages.")
        if item.get("deleted_at"):
            return Conflict("This message was deleted.")
        return BusinessRule("Messages can be changed for 15 minutes after they are sent.")
    return refused


def _rewrite(me: Principal, room_id: str, message_id: str, changes: dict[str, Any]) -> Work:
    """The change as one update of the message, on its own conditions; the previous text
    goes to the edit history from the stream (`copies.py`: the old image holds it)."""
    require_tool(me, "messages")
    require_seat(me, room_id)
    work = FirmStore.of(me).work()
    work.update(keys.feed_item(room_id, message_id), set=changes, when=_changeable(me), refused=_unchangeable(me))
    return work


def edit(me: Principal, room_id: str, message_id: str, body: MessageEdit):
    """One UpdateItem, whose answer is the message as stored."""
    after = _rewrite(me, room_id, message_id, {"body": body.body, "edited_at": clock.now_iso()}).commit()
    return feed_staff_view(after) if me.is_staff else feed_client_view(after)  # type: ignore[arg-type]


def delete(me: Principal, room_id: str, message_id: str) -> None:
    """Answers nothing, so the room's own rule (active, not locked) rides along as a check."""
    work = _rewrite(me, room_id, message_id, {"body": None, "deleted_at": clock.now_iso()})
    check_client_write(work, me, room_id)
    work.commit()


def set_tags(me: Principal, room_id: str, item_id: str, body: TagsSet) -> FeedStaffView:
    """Internal tags on any feed item; one UpdateItem, which returns the item as now stored."""
    work = FirmStore.of(me).work()
    work.update(keys.feed_item(room_id, item_id), set={"tags": sorted(set(body.tags))},
                refused=lambda _: NotFound("No such item in this room."))
    return feed_staff_view(work.commit())
