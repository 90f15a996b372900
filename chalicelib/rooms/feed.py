"""A room's activity feed: everything that happened in it, newest first. Other domains
append to it inside their own unit of work (`append`), so an item appears exactly when
what it reports commits.

Every item sits in the room's partition (what staff read); client-visible items also
carry a GSI1 key in the room's client feed, so a portal user's page is one Query that
never even reads an internal item."""
from __future__ import annotations

from typing import Any, Literal

from chalicelib.core import clock
from chalicelib.core.ids import new_id
from chalicelib.store import Work, keys

CLIENT_VISIBLE, INTERNAL = "client", "internal"
Visibility = Literal["client", "internal"]


def feed_entry(room_id: str, kind: str, visibility: Visibility, payload: dict[str, Any], *,
               actor: dict[str, str] | None = None, item_id: str | None = None,
               **fields: Any) -> dict[str, Any]:
    """A feed item as stored. `actor` is {"id", "name"}; `fields` are top-level
    attributes a domain needs (a message's body and thread)."""
    if visibility not in (CLIENT_VISIBLE, INTERNAL):
        raise ValueError(f"unknown visibility {visibility!r}")
    item_id = item_id or new_id()
    item = {**keys.feed_item(room_id, item_id), "type": "feed", "id": item_id, "room_id": room_id, "kind": kind,
            "visibility": visibility, "payload": payload, "at": clock.now_iso(),
            "actor_id": (actor or {}).get("id"), "actor_name": (actor or {}).get("name"), **fields}
    if visibility == CLIENT_VISIBLE:
        item.update({"GSI1PK": keys.client_feed(room_id), "GSI1SK": item_id})
    return item


def append(work: Work, room_id: str, kind: str, visibility: Visibility, payload: dict[str, Any], *,
           actor: dict[str, str] | None = None, item_id: str | None = None, **fields: Any) -> dict[str, Any]:
    """Adds one item to the room's feed in `work`; returns it as it will be stored."""
    return work.create(feed_entry(room_id, kind, visibility, payload, actor=actor, item_id=item_id, **fields))
