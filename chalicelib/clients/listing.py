"""Listing clients: by name or creation, or by a typed prefix; each page is one Query."""
from __future__ import annotations

from typing import Any

from chalicelib.clients import search
from chalicelib.clients.models import ClientClientView, ClientListQuery, ClientSummaryView
from chalicelib.clients.records import client_views, summary_view
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.store.conditions import ConditionBase


def _filters(query: ClientListQuery) -> ConditionBase | None:
    """Equality filters narrow a page without extra calls."""
    wanted = {"kind": query.kind, "professional_id": query.professional_id, "portal_status": query.portal_status,
              "status": None if query.status == "all" else query.status}
    where = None
    for attr, value in sorted(wanted.items()):
        if value is not None:
            where = Attr(attr).eq(value) if where is None else where & Attr(attr).eq(value)
    return where


def browse(me: Principal, query: ClientListQuery) -> ListOf[ClientSummaryView]:
    by_name = query.order == "name"
    page = FirmStore.of(me).query(keys.CLIENTS, index="GSI1" if by_name else "GSI2", limit=query.limit,
                                  cursor=query.cursor, newest_first=not by_name, where=_filters(query))
    return ListOf[ClientSummaryView](items=[summary_view(i) for i in page.items], next_cursor=page.next_cursor)


def find(me: Principal, query: ClientListQuery) -> ListOf[ClientSummaryView]:
    """The longest word typed picks the index range; the other words narrow the page.
    Nothing searchable typed yet ("!!") matches nothing."""
    typed = search.words(query.q or "")
    if not typed:
        return ListOf[ClientSummaryView](items=[], next_cursor=None)
    anchor = max(typed, key=len)
    page = FirmStore.of(me).query(keys.client_word_partition(anchor), index="GSI1", sk_prefix=anchor,
                                  limit=query.limit, cursor=query.cursor, where=_filters(query))
    found = [summary_view(i) for i in page.items if _counts(i, anchor) and search.matches(typed, i.get("words", []))]
    return ListOf[ClientSummaryView](items=found, next_cursor=page.next_cursor)


def _counts(word_item: dict[str, Any], anchor: str) -> bool:
    """A name with two words that start with the anchor ("Anna Annabel") has an item for
    each, possibly on different pages; only the first in index order answers for it."""
    own_word = word_item["GSI1SK"].rsplit("#", 1)[0]
    return own_word == min((w for w in word_item.get("words", []) if w.startswith(anchor)), default=own_word)


def own_clients(me: Principal) -> ListOf[ClientClientView]:
    """A portal user's clients are few and named on their login: one batch read."""
    items = FirmStore.of(me).get_many([keys.client(c) for c in me.client_ids])
    active = sorted((i for i in items if i["status"] == "active"), key=lambda i: search.sort_name(i["display_name"]))
    return ListOf[ClientClientView](items=client_views(active))
