"""Notifications and unread counts, written in the same unit of work as what causes
them (a message, a document), so the summary a screen polls is always exact.

Per person:
- one notification item per event (`NOTES#<user>`, newest first), expiring after 90 days;
- one summary item (`unread`) holding an unread count per room (`r_<room>`), the read
  marks of "mark the room read" (`w_<room>`) and "mark all read" (`all_to`), and `rev`,
  which moves on every change and is the summary's ETag. The principal lookup reads it
  with the login (`core.unread_summary`, which names its attributes), so the routes that
  show it read nothing more.

A notification is read when it was marked read itself, or when its id (ids sort by
time) is at or below its room's mark or the all mark. Marking a room read is so one
UpdateItem however many notifications it covers.

A notification's id is a time-sorted id followed by its room (`R<room>`, or
`A<announcement>` for an announcement's): it sorts by time as any id, and it names the
room whose count marking it read moves, so that write needs no read first. Letters and
digits only, as every id a path may carry."""
from __future__ import annotations

from typing import Any, Iterable

from chalicelib.core import clock
from chalicelib.core.ids import ID_LENGTH, new_id
from chalicelib.core.unread_summary import ALL_MARK, COUNT, KEEP_SECONDS, room_count, room_mark
from chalicelib.store import Work, keys

PREVIEW_CHARS = 140

# A firm announcement's notifications count under a room of their own, one per
# announcement, so "is it still unread?" is one look at the summary, and reading,
# "mark all read" and dismissing work on them as on any room's.
ANNOUNCEMENT_ROOM = "announcement-"


def announcement_room(announcement_id: str) -> str:
    return f"{ANNOUNCEMENT_ROOM}{announcement_id}"


def is_announcement_room(room_id: str) -> bool:
    return room_id.startswith(ANNOUNCEMENT_ROOM)


def preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS - 1] + "…"


def notify(work: Work, recipients: Iterable[str], *, room_id: str, room_name: str, kind: str, item_id: str,
           title: str, text: str = "", thread_id: str | None = None) -> list[dict[str, Any]]:
    """One notification and one unread count per recipient, in `work`. The caller picks
    the recipients: only people who may see the item (never a client for an internal one)."""
    made = []
    for user_id in recipients:
        note_id = note_id_in(room_id)
        made.append(work.create({**keys.notification(user_id, note_id), "type": "notification", "id": note_id,
                                 "user_id": user_id, "room_id": room_id, "room_name": room_name, "kind": kind,
                                 "item_id": item_id, "thread_id": thread_id, "title": title,
                                 "preview": preview(text), "at": clock.now_iso(),
                                 "ttl": clock.epoch() + KEEP_SECONDS}))
        work.count(keys.unread(user_id), {room_count(room_id): 1, "rev": 1})
    return made


def note_id_in(room_id: str) -> str:
    if is_announcement_room(room_id):
        return f"{new_id()}A{room_id.removeprefix(ANNOUNCEMENT_ROOM)}"
    return f"{new_id()}R{room_id}"


def room_of(note_id: str) -> str | None:
    """The room a notification id names; None for what is no notification id."""
    kind, named = note_id[ID_LENGTH:ID_LENGTH + 1], note_id[ID_LENGTH + 1:]
    if not named:
        return None
    return {"R": named, "A": announcement_room(named)}.get(kind)


def clear_room(work: Work, user_id: str, room_id: str) -> None:
    """Zero one person's unread count for a room (they read it, or left it)."""
    work.count(keys.unread(user_id), {"rev": 1}, set={room_count(room_id): None, room_mark(room_id): new_id()})


def unread_counts(summary: dict[str, Any] | None) -> dict[str, int]:
    """Room id -> unread count, from a summary item (rooms at zero left out)."""
    return {k[len(COUNT):]: v for k, v in (summary or {}).items() if k.startswith(COUNT) and v > 0}


def is_read(note: dict[str, Any], summary: dict[str, Any] | None) -> bool:
    marks = [(summary or {}).get(ALL_MARK, ""), (summary or {}).get(room_mark(note["room_id"]), "")]
    return bool(note.get("read")) or any(note["id"] <= m for m in marks if m)
