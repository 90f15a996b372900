"""Reading one thread: its first message and its replies in order, one Query per page of
replies after the one batch read that finds the room and the thread."""
from __future__ import annotations

from typing import Union

from chalicelib.core.errors import NotFound
from chalicelib.core.models import View
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import Principal
from chalicelib.rooms import feed
from chalicelib.rooms.access import may_see, no_room
from chalicelib.rooms.models import FeedClientView, FeedStaffView, feed_client_view, feed_staff_view
from chalicelib.store import Attr, FirmStore, keys

THREAD_KINDS = ("message", "note")


class ThreadStaffView(View):
    thread: FeedStaffView
    replies: list[FeedStaffView]
    next_cursor: str | None = None


class ThreadClientView(View):
    thread: FeedClientView
    replies: list[FeedClientView]
    next_cursor: str | None = None


ThreadPage = Union[ThreadStaffView, ThreadClientView]


def read_thread(me: Principal, room_id: str, thread_id: str, query: PageQuery) -> ThreadPage:
    db = FirmStore.of(me)
    found = {i["SK"]: i for i in db.get_many([keys.room(room_id), keys.feed_item(room_id, thread_id)])}
    room, thread = found.get("ROOM"), found.get(keys.feed_item(room_id, thread_id)["SK"])
    if room is None or not may_see(me, room):
        raise no_room()
    if thread is None or thread["kind"] not in THREAD_KINDS or not (
            me.is_staff or thread["visibility"] == feed.CLIENT_VISIBLE):
        raise NotFound("No such thread in this room.")
    where = None if me.is_staff else Attr("visibility").eq(feed.CLIENT_VISIBLE)
    page = db.query(keys.thread(thread_id), index="GSI2", where=where, limit=query.limit, cursor=query.cursor)
    if me.is_staff:
        return ThreadStaffView(thread=feed_staff_view(thread), replies=[feed_staff_view(i) for i in page.items],
                               next_cursor=page.next_cursor)
    return ThreadClientView(thread=feed_client_view(thread), replies=[feed_client_view(i) for i in page.items],
                            next_cursor=page.next_cursor)
