"""A person's notifications: the list, the unread summary (which comes with the principal,
cacheable with If-None-Match), and marking read one notification, one room or everything."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.unread_summary import REV
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.notifications.models import (NotificationQuery, NotificationView, NotifySettings, NotifySettingsView,
                                             UnreadSummary)
from chalicelib.notifications.records import (ALL_MARK, is_announcement_room, is_read, room_count, room_mark,
                                              room_of, unread_counts)
from chalicelib.store import Attr, FirmStore, keys



def summary(me: Principal) -> UnreadSummary:
    counts = unread_counts(me.unread)
    rooms = {r: n for r, n in counts.items() if not is_announcement_room(r)}
    total = sum(counts.values())
    return UnreadSummary(total=total, rooms=rooms, announcements=total - sum(rooms.values()),
                         version=me.unread.get(REV, 0))


def notification_view(note: dict[str, Any], marks: dict[str, Any] | None) -> NotificationView:
    """An announcement's notification names no room: its counting room is internal."""
    shown = {**note, "read": is_read(note, marks)}
    if is_announcement_room(note["room_id"]):
        shown.update(room_id=None, room_name=None)
    return NotificationView(**shown)


def list_notifications(me: Principal, query: NotificationQuery) -> ListOf[NotificationView]:
    """One Query for the page; the read marks come with the principal."""
    where = Attr("read").not_exists() if query.unread_only else None
    page = FirmStore.of(me).query(keys.notifications(me.user_id), newest_first=True, where=where,
                                  limit=query.limit, cursor=query.cursor)
    items = [notification_view(n, me.unread) for n in page.items]
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
    """One UpdateItem: the all mark, and every count the principal saw dropped, on the
    condition that the summary has not moved since (`rev`), so a notification that
    arrived in between is neither dropped nor left counted. If one did, the caller is
    told to try again, which reads the summary anew."""
    counts = [room_count(r) for r in unread_counts(me.unread)]
    seen = Attr(REV).eq(me.unread[REV]) if REV in me.unread else Attr(REV).not_exists()
    work = FirmStore.of(me).work()
    work.count(keys.unread(me.user_id), {REV: 1}, set={ALL_MARK: new_id(), **dict.fromkeys(counts)}, when=seen,
               refused=lambda _: Conflict("New notifications arrived meanwhile; try again."))
    work.commit()


def read_settings(me: Principal) -> NotifySettingsView:
    found = FirmStore.of(me).get(keys.notify_settings(me.user_id)) or {}
    return NotifySettingsView(**found)


def save_settings(me: Principal, body: NotifySettings) -> NotifySettingsView:
    work = FirmStore.of(me).work()
    work.put({**keys.notify_settings(me.user_id), "type": "notify_settings", **body.model_dump(),
              "updated_at": clock.now_iso()})
    work.commit()
    return NotifySettingsView(**body.model_dump())


