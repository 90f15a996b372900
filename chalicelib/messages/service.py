"""Conversations in a room. Staff and client members start threads and reply; staff
also write internal notes (threads no client sees) and tag any feed item internally.
Each post is one batch read (the room, the author's name, the thread replied to) and
one transaction: the message, the room's activity, each recipient's notification and
unread count, and the push hand-off to the outbox. Email and SMS digests are scheduled
after the commit (see notifications.digests).

The firm option "clients may start threads" is a ConditionCheck on the firm item, so a
portal user's new thread costs no extra read; replies are always allowed."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, Forbidden, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.documents import attachments
from chalicelib.messages.models import MessageEdit, NoteCreate, ReplyCreate, TagsSet, ThreadCreate
from chalicelib.notifications import digests
from chalicelib.notifications.records import notify, preview
from chalicelib.outbox.push import queue_push
from chalicelib.rooms import feed
from chalicelib.portal.lockout import check_client_write, ensure_open, lockout_refusal, open_condition
from chalicelib.portal.tools import require_tool
from chalicelib.rooms.access import member_condition, members_who_see
from chalicelib.rooms.models import FeedStaffView, feed_client_view, feed_staff_view
from chalicelib.rooms.service import Loaded, load
from chalicelib.store import Attr, FirmStore, Work, at_version, exists, keys

MESSAGE, REPLY, NOTE = "message", "reply", "note"
THREADS = (MESSAGE, NOTE)
EDIT_WINDOW = timedelta(minutes=15)
THREADS_OFF = ("Your firm has turned off new threads from clients; reply to one of the existing threads "
               "instead.")
TITLES = {MESSAGE: "New message", REPLY: "New reply", NOTE: "New internal note"}


def start_thread(me: Principal, room_id: str, body: ThreadCreate):
    if body.welcome and not me.is_staff:
        raise Forbidden("Only the firm's staff choose a room's welcome message.")
    return _post(me, room_id, MESSAGE, feed.CLIENT_VISIBLE, body.body, welcome=body.welcome,
                 attached=body.attachments)


def write_note(me: Principal, room_id: str, body: NoteCreate):
    return _post(me, room_id, NOTE, feed.INTERNAL, body.body, attached=body.attachments)


def reply(me: Principal, room_id: str, thread_id: str, body: ReplyCreate):
    return _post(me, room_id, REPLY, None, body.body, thread_id=thread_id, attached=body.attachments)


def _thread_of(me: Principal, loaded: Loaded, room_id: str, thread_id: str) -> dict[str, Any]:
    thread = loaded.other(keys.feed_item(room_id, thread_id))
    if thread is None or thread["kind"] not in THREADS or not _may_read(me, thread):
        raise NotFound("No such thread in this room.")
    return thread


def _may_read(me: Principal, item: dict[str, Any]) -> bool:
    return me.is_staff or item["visibility"] == feed.CLIENT_VISIBLE


def _post(me: Principal, room_id: str, kind: str, visibility: str | None, text: str,
          thread_id: str | None = None, welcome: bool = False, attached: list[str] | None = None):
    require_tool(me, "messages")
    db = FirmStore.of(me)
    more = [keys.feed_item(room_id, thread_id)] if thread_id else []
    loaded = load(db, me, room_id, *more, *attachments.keys_of(attached or [])).writable()
    ensure_open(me, loaded.room)
    thread = _thread_of(me, loaded, room_id, thread_id) if thread_id else None
    visibility = thread["visibility"] if thread else visibility
    files = attachments.attach(me, room_id, attached or [], visibility == feed.CLIENT_VISIBLE, loaded.other)
    work = db.work()
    item_id = new_id()
    # A thread heads its own list (GSI2) and its replies follow in order, so reading it is
    # one Query; a reply names the thread it belongs to.
    extra = {"thread_id": thread_id or item_id, "GSI2PK": keys.thread(thread_id or item_id), "GSI2SK": item_id}
    item = feed.append(work, room_id, kind, visibility, {}, actor=loaded.actor, item_id=item_id, body=text,
                       author_id=me.user_id, welcome=welcome or None, **({"attachments": files} if files else {}),
                       **extra)
    if thread:
        work.count(keys.feed_item(room_id, thread["id"]), {"reply_count": 1}, set={"last_reply_at": item["at"]},
                   when=exists(), refused=lambda _: NotFound("No such thread in this room."))
    _touch_room(work, me, loaded.room, item, welcome)
    if kind == MESSAGE and not me.is_staff:
        work.check(keys.firm(), Attr("settings.clients_may_start_threads").ne(False),
                   refused=lambda _: Forbidden(THREADS_OFF))
    recipients = members_who_see(loaded.room, visibility, besides=me.user_id)
    _tell(work, loaded.room, item, recipients)
    work.commit()
    digests.schedule(me.firm_id, recipients)
    return feed_staff_view(item) if me.is_staff else feed_client_view(item)


def _touch_room(work: Work, me: Principal, room: dict[str, Any], item: dict[str, Any], welcome: bool) -> None:
    """The room's activity moves; its version does not (a rename in progress stays valid)."""
    changes = {"last_activity_at": item["at"], **({"welcome_thread_id": item["id"]} if welcome else {})}
    lock = open_condition(me)
    member = member_condition(me, writing=True)
    work.count(keys.room(room["id"]), {"message_count": 1}, set=changes,
               when=member if lock is None else member & lock, refused=lockout_refusal(me))


def _tell(work: Work, room: dict[str, Any], item: dict[str, Any], recipients: list[str]) -> None:
    if not recipients:
        return
    title = f"{TITLES[item['kind']]} from {item['actor_name']} in {room['name']}"
    notify(work, recipients, room_id=room["id"], room_name=room["name"], kind=item["kind"], item_id=item["id"],
           title=title, text=item["body"], thread_id=item.get("thread_id"))
    queue_push(work, recipients, title, preview(item["body"]), {"room_id": room["id"], "item_id": item["id"]})


# --- editing, deleting, tagging -----------------------------------------------------------

def _own_message(db: FirmStore, me: Principal, room_id: str, message_id: str) -> dict[str, Any]:
    """The caller's own message, still changeable; 404 unless they may see the room."""
    item = load(db, me, room_id, keys.feed_item(room_id, message_id)).other(keys.feed_item(room_id, message_id))
    if item is None or item["kind"] not in (MESSAGE, REPLY, NOTE) or not _may_read(me, item):
        raise NotFound("No such message in this room.")
    if item.get("author_id") != me.user_id:
        raise Forbidden("You can change only your own messages.")
    if item.get("deleted_at"):
        raise Conflict("This message was deleted.")
    if clock.now() - _time(item["at"]) > EDIT_WINDOW:
        raise BusinessRule("Messages can be changed for 15 minutes after they are sent.")
    return item


def _time(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def _rewrite(me: Principal, room_id: str, message_id: str, changes: dict[str, Any]):
    """Keeps the previous text in the edit history (staff see it), in one transaction
    with the check that the caller still may write in the room."""
    require_tool(me, "messages")
    db = FirmStore.of(me)
    item = _own_message(db, me, room_id, message_id)
    history = [*item.get("edits", []), {"at": item.get("edited_at") or item["at"], "body": item["body"]}]
    changes = {**changes, "edits": history}
    work = db.work()
    work.update(keys.feed_item(room_id, message_id), set=changes, when=at_version(item["v"]),
                refused=lambda _: Conflict("The message changed meanwhile; reload it."))
    check_client_write(work, me, room_id)
    work.commit()
    after = {k: v for k, v in {**item, **changes}.items() if v is not None}
    return feed_staff_view(after) if me.is_staff else feed_client_view(after)


def edit(me: Principal, room_id: str, message_id: str, body: MessageEdit):
    return _rewrite(me, room_id, message_id, {"body": body.body, "edited_at": clock.now_iso()})


def delete(me: Principal, room_id: str, message_id: str) -> None:
    _rewrite(me, room_id, message_id, {"body": None, "deleted_at": clock.now_iso()})


def set_tags(me: Principal, room_id: str, item_id: str, body: TagsSet) -> FeedStaffView:
    """Internal tags on any feed item; one UpdateItem, which returns the item as now stored."""
    work = FirmStore.of(me).work()
    work.update(keys.feed_item(room_id, item_id), set={"tags": sorted(set(body.tags))},
                refused=lambda _: NotFound("No such item in this room."))
    return feed_staff_view(work.commit())
