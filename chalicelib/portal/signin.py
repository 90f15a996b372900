"""Firm announcements at sign-in (seed 002): each time a portal user signs in, every
announcement live for them that they have not dismissed joins their notifications, unless
its notification from an earlier sign-in is still unread (then it is not repeated).

accounts runs this inside the sign-in's own unit of work (app.py hands it over: accounts
sits below portal), so the notifications commit with the sign-in: one batch read here,
no write of its own."""
from __future__ import annotations

from typing import Any

from chalicelib.core.principal import CLIENT
from chalicelib.notifications.records import announcement_room, notify, unread_counts
from chalicelib.store.batch import Batch
from chalicelib.portal.home import announced, announcement_keys
from chalicelib.store import FirmStore, Work, keys

KIND = "announcement"


def announce_at_sign_in(db: FirmStore, user: dict[str, Any], work: Work) -> int:
    """Adds the due announcement notifications to `work`; returns how many."""
    clients = list(user.get("client_ids") or ())
    if user.get("role") != CLIENT or not clients:
        return 0
    found = Batch(db, [*announcement_keys(user["id"], clients), keys.unread(user["id"])])
    unread = unread_counts(found.get(keys.unread(user["id"])))
    due = [a for a in announced(found, user["id"], clients)
           if not a.dismissed and not unread.get(announcement_room(a.id))]
    for a in due:
        notify(work, [user["id"]], room_id=announcement_room(a.id), room_name="", kind=KIND, item_id=a.id,
               title=a.title, text=a.body)
    return len(due)
