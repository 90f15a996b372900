"""Room lists, one Query per page; the count on each row comes from the caller's unread
summary, which the principal carries.

Staff: the most selective index answers (a typed word, then "mine", client, service,
professional, else all), and the other filters narrow that page. A portal user: their own
member items, which name only rooms they are in, kept to the clients still theirs."""
from __future__ import annotations

from typing import Any

from chalicelib.clients import search
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.notifications.records import unread_counts
from chalicelib.rooms.models import RoomListQuery, RoomRowView
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.store.conditions import ConditionBase

FILTERS = ("client_id", "service_id", "professional_id")


def _typed(q: str) -> list[str]:
    return search.words(q)


def _where(query: RoomListQuery, used: str | None) -> ConditionBase | None:
    where = None
    for attr in FILTERS:
        value = getattr(query, attr)
        if value is not None and attr != used:
            where = Attr(attr).eq(value) if where is None else where & Attr(attr).eq(value)
    return where


def _source(me: Principal, query: RoomListQuery) -> tuple[str, dict[str, Any], str | None]:
    """(GSI1 partition, extra query arguments, the filter the partition already applies)."""
    if not me.is_staff:
        # A portal user's rooms are few: their member items, narrowed by the typed words.
        return keys.member_rooms(me.user_id, query.status), {}, None
    if query.q:
        anchor = max(_typed(query.q), key=len)
        return keys.room_word_list(query.status, anchor), {"sk_prefix": anchor}, None
    if query.mine:
        return keys.member_rooms(me.user_id, query.status), {}, None
    for facet, attr in (("CLIENT", "client_id"), ("SERVICE", "service_id"), ("PRO", "professional_id")):
        if getattr(query, attr):
            return keys.rooms_list(query.status, facet, getattr(query, attr)), {}, attr
    return keys.rooms_list(query.status), {}, None


def _keep(me: Principal, query: RoomListQuery, item: dict[str, Any]) -> bool:
    if not me.is_staff and item.get("client_id") not in me.client_ids:
        return False
    return not query.q or search.matches(_typed(query.q), item.get("words") or search.words(item["name"],
                                                                                           item["client_name"]))


def list_rooms(me: Principal, query: RoomListQuery) -> ListOf[RoomRowView]:
    if query.q and not _typed(query.q):  # nothing searchable typed yet ("!!"): nothing matches
        return ListOf[RoomRowView](items=[], next_cursor=None)
    db = FirmStore.of(me)
    partition, extra, used = _source(me, query)
    where = _where(query, used)
    page = db.query(partition, index="GSI1", where=where, limit=query.limit, cursor=query.cursor, **extra)
    return _rows(me, query, page.items, page.next_cursor)


def _rows(me: Principal, query: RoomListQuery, items: list[dict[str, Any]],
          cursor: str | None) -> ListOf[RoomRowView]:
    counts = unread_counts(me.unread)
    seen: dict[str, RoomRowView] = {}
    for item in items:
        if _keep(me, query, item):
            seen.setdefault(item["id"], RoomRowView(**item, unread=counts.get(item["id"], 0)))
    return ListOf[RoomRowView](items=list(seen.values()), next_cursor=cursor)
