"""What a message, reply or note moves besides itself, followed from the table stream
(chalicelib.store.projection); other feed items move nothing here:
- a new post: the members who may see it are told (a notification and an unread count
  each, the push hand-off, a digest scheduled), as the room names them when the record is
  followed; its attached documents' names, types and sizes join their ids;
- an edit or a deletion: the text it replaced joins the edit history (staff see it),
  taken from the item as it stood before the change;
- an "email members": the emails and texts it asks for (`announcements.send`);
- a client's "done uploading": what it asks of the staff and the rules (`documents.done`)."""
from __future__ import annotations

from typing import Any

from chalicelib.documents import attachments
from chalicelib.documents.done import DONE_UPLOADING, follow_said
from chalicelib.messages.announcements import MEMBERS_EMAILED, send
from chalicelib.messages.note_ids import REMARKED_FROM
from chalicelib.messages.service import POSTS
from chalicelib.notifications import digests
from chalicelib.notifications.records import notify, preview
from chalicelib.outbox.push import queue_push
from chalicelib.rooms.access import members_who_see
from chalicelib.store import FirmStore, Work, exists, keys

TITLES = {"message": "New message", "reply": "New reply", "note": "New internal note"}


def follow_feed_item(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    kind = (new or {}).get("kind")
    if old is None and kind == DONE_UPLOADING:
        return follow_said(work, new)  # type: ignore[arg-type]
    if new is None or (kind not in POSTS and kind != MEMBERS_EMAILED) or REMARKED_FROM in new:
        return  # a note moved to its marked id (note_ids.py) was told of when written
    if old is None and kind == MEMBERS_EMAILED:
        send(work, new)
    elif old is None:
        _fill_attachments(work, new)
        _tell(work, new)
    elif _rewritten(old, new):
        work.update(_key(new), append={"edits": [{"at": old.get("edited_at") or old["at"], "body": old["body"]}]})


def _key(item: dict[str, Any]) -> dict[str, str]:
    return keys.feed_item(item["room_id"], item["id"])


def _rewritten(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """The author changed or deleted the text (this projector's own writes keep it)."""
    return old.get("body") is not None and (old.get("body"), old.get("edited_at")) != (new.get("body"),
                                                                                     new.get("edited_at"))


def _fill_attachments(work: Work, item: dict[str, Any]) -> None:
    named = [a["id"] for a in item.get("attachments", [])]
    if named:
        work.count(_key(item), {}, set={"attachments": attachments.kept(FirmStore.trusted(work.firm_id), named)},
                   when=exists())


def _tell(work: Work, item: dict[str, Any]) -> None:
    room = FirmStore.trusted(work.firm_id).get(keys.room(item["room_id"]))
    recipients = members_who_see(room, item["visibility"], besides=item["author_id"]) if room else []
    if not room or not recipients:
        return
    title = f"{TITLES[item['kind']]} from {item['actor_name']} in {room['name']}"
    notify(work, recipients, room_id=room["id"], room_name=room["name"], kind=item["kind"], item_id=item["id"],
           title=title, text=item["body"], thread_id=item.get("thread_id"))
    queue_push(work, recipients, title, preview(item["body"]), {"room_id": room["id"], "item_id": item["id"]})
    # A digest already due absorbs these; one scheduled for a record followed twice finds
    # its schedule there (or nothing unread) and sends nothing more.
    digests.schedule(work.firm_id, recipients)
