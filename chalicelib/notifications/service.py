"""A person's notifications: the list, the unread summary (one GetItem, cacheable with
If-None-Match), and marking read one notification, one room or everything."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.notifications.models import (NotificationQuery, NotificationView, NotifySettings, NotifySettingsView,
                                             UnreadSummary)
from chalicelib.notifications.records import (ALL_MARK, is_announcement_room, is_read, room_count, room_mark,
                                              room_of, unread_counts)
from chalicelib.store import Attr, FirmStore, keys



def summary(me: Principal) -> UnreadSummary:
    found = FirmStore.of(me).get(keys.unread(me.user_id))
    counts = unread_counts(found)
    rooms = {r: n for r, n in counts.items() if not is_announcement_room(r)}
    total = sum(counts.values())
    return UnreadSummary(total=total, rooms=rooms, announcements=total - sum(rooms.values()),
                         version=(found or {}).get("rev", 0))


def notification_view(note: dict[str, Any], marks: dict[str, Any] | None) -> NotificationView:
    """An announcement's notification names no room: its counting room is internal."""
    shown = {**note, "read": is_read(note, marks)}
    if is_announcement_room(note["room_id"]):
        shown.update(room_id=None, room_name=None)
    return NotificationView(**shown)


def list_notifications(me: Principal, query: NotificationQuery) -> ListOf[NotificationView]:
    """One Query for the page, and the summary for the read marks, in one batch-free pair."""
    db = FirmStore.of(me)
    where = Attr("read").not_exists() if query.unread_only else None
    page = db.query(keys.notifications(me.user_id), newest_first=True, where=where, limit=query.limit,
                    cursor=query.cursor)
    marks = db.get(keys.unread(me.user_id))
    items = [notification_view(n, marks) for n in page.items]
    if query.unread_only:
        items = [i for i in items if not i.read]
    return ListOf[NotificationView](items=items, next_cursor=page.next_cursor)


class _AlreadyRead(Exception):
    pass


def mark_read(me: Principal, note_id: str) -> None:
    """Flags the notification and takes one off its room's count (the id names the room),
    in one transaction, unless it was read already: flagged itself, or covered by a room
    or "all" mark (then nothing changes)."""
    room = room_of(note_id)
    if room is None:
        raise _no_notification()
    work = FirmStore.of(me).work()
    work.update(keys.notification(me.user_id, note_id), set={"read": True}, when=Attr("read").not_exists(),
                refused=lambda old: _AlreadyRead() if old else _no_notification())
    covered = Attr(room_mark(room)).not_exists() | Attr(room_mark(room)).lt(note_id)
    uncovered_by_all = Attr(ALL_MARK).not_exists() | Attr(ALL_MARK).lt(note_id)
    work.count(keys.unread(me.user_id), {room_count(room): -1, "rev": 1},
               when=Attr(room_count(room)).gt(0) & covered & uncovered_by_all, refused=lambda _: _AlreadyRead())
    try:
        work.commit()
    except _AlreadyRead:
        pass


def _no_notification() -> NotFound:
    return NotFound("No such notification.")


def mark_all_read(me: Principal) -> None:
    """Drops every room's count, conditioned on the counts read a moment before, so a
    notification that arrives in between stays unread (then the write is tried again)."""
    db = FirmStore.of(me)
    for _ in range(3):
        found = db.get(keys.unread(me.user_id), consistent=True) or {}
        counts = {room_count(r): n for r, n in unread_counts(found).items()}
        work = db.work()
        when = None
        for attr, n in counts.items():
            when = Attr(attr).eq(n) if when is None else when & Attr(attr).eq(n)
        work.count(keys.unread(me.user_id), {"rev": 1}, set={ALL_MARK: new_id(), **dict.fromkeys(counts)},
                   when=when, refused=lambda _: _Moved())
        try:
            work.commit()
            return
        except _Moved:
            continue
    raise Conflict("New notifications keep arriving; try again.")


class _Moved(Exception):
    pass


def read_settings(me: Principal) -> NotifySettingsView:
    found = FirmStore.of(me).get(keys.notify_settings(me.user_id)) or {}
    return NotifySettingsView(**found)


def save_settings(me: Principal, body: NotifySettings) -> NotifySettingsView:
    work = FirmStore.of(me).work()
    work.put({**keys.notify_settings(me.user_id), "type": "notify_settings", **body.model_dump(),
              "updated_at": clock.now_iso()})
    work.commit()
    return NotifySettingsView(**body.model_dump())


