"""Reading a room's feed, newest first, one Query per page. Staff read the room's own
partition (every item); a portal user reads the client feed index, which holds only
client-visible items, once the principal shows they sit in the room."""
from __future__ import annotations

from typing import Union

from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import Principal
from chalicelib.rooms.access import no_room, require_seat
from chalicelib.rooms.models import FeedClientView, FeedStaffView, feed_client_view, feed_staff_view
from chalicelib.store import FirmStore, keys

FeedPage = Union[ListOf[FeedStaffView], ListOf[FeedClientView]]


def read_feed(me: Principal, room_id: str, query: PageQuery) -> FeedPage:
    require_seat(me, room_id)
    db = FirmStore.of(me)
    if not me.is_staff:
        page = db.query(keys.client_feed(room_id), index="GSI1", newest_first=True, limit=query.limit,
                        cursor=query.cursor)
        return ListOf[FeedClientView](items=[feed_client_view(i) for i in page.items], next_cursor=page.next_cursor)
    page = db.query(keys.room_partition(room_id), sk_prefix=keys.FEED, newest_first=True, limit=query.limit,
                    cursor=query.cursor)
    # Every room's feed begins with its creation and loses no item, so an empty first page
    # means there is no such room.
    if not page.items and not query.cursor:
        raise no_room()
    return ListOf[FeedStaffView](items=[feed_staff_view(i) for i in page.items], next_cursor=page.next_cursor)
