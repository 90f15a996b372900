"""Reading one thread, one Query per page: the thread heads its own list of replies
(GSI2), so the first page holds the thread and its first replies, and the principal
shows whether a portal user sits in the room. Later pages carry only replies."""
from __future__ import annotations

from typing import Any, Union

from pydantic import Field

from chalicelib.core.errors import NotFound
from chalicelib.core.models import View
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import Principal
from chalicelib.rooms import feed
from chalicelib.rooms.access import require_seat
from chalicelib.rooms.models import FeedClientView, FeedStaffView, feed_client_view, feed_staff_view
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.portal.tools import require_tool

THREAD_KINDS = ("message", "note")


class ThreadStaffView(View):
    thread: FeedStaffView | None = Field(None, description="The thread itself: on the first page only")
    replies: list[FeedStaffView]
    next_cursor: str | None = None


class ThreadClientView(View):
    thread: FeedClientView | None = Field(None, description="The thread itself: on the first page only")
    replies: list[FeedClientView]
    next_cursor: str | None = None


ThreadPage = Union[ThreadStaffView, ThreadClientView]


def read_thread(me: Principal, room_id: str, thread_id: str, query: PageQuery) -> ThreadPage:
    require_tool(me, "messages")
    require_seat(me, room_id)
    first = query.cursor is None
    where = None if me.is_staff else Attr("visibility").eq(feed.CLIENT_VISIBLE)
    page = FirmStore.of(me).query(keys.thread(thread_id), index="GSI2", where=where,
                                  limit=query.limit + 1 if first else query.limit, cursor=query.cursor)
    thread, replies = _split(page.items, thread_id) if first else (None, page.items)
    if (first and not _is_thread(thread)) or any(i["room_id"] != room_id for i in page.items):
        raise NotFound("No such thread in this room.")
    view = feed_staff_view if me.is_staff else feed_client_view
    shape = ThreadStaffView if me.is_staff else ThreadClientView
    return shape(thread=view(thread) if thread else None, replies=[view(i) for i in replies],
                 next_cursor=page.next_cursor)


def _split(items: list[dict[str, Any]], thread_id: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The thread sorts first in its own list (its id is older than its replies')."""
    if items and items[0]["id"] == thread_id:
        return items[0], items[1:]
    return None, items


def _is_thread(item: dict[str, Any] | None) -> bool:
    return item is not None and item["kind"] in THREAD_KINDS
