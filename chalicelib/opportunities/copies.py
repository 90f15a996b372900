"""What an opportunity's change moves besides itself, followed from the table stream
(chalicelib.store.projection): the service's open count, and the pair's live copy,
refreshed while the opportunity stays live and released when it stops being live. The
claim that made it live was written with it."""
from __future__ import annotations

from typing import Any

from chalicelib.opportunities.records import LIVE, OPEN, count_open, live_copy, refresh_pair, release_pair
from chalicelib.store import Work


def follow_opportunity(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    if new is None:
        return
    was = old["status"] if old else None
    opened = (new["status"] == OPEN) - (was == OPEN)
    if opened:
        count_open(work, new["service_id"], opened)
    if was not in LIVE:
        return
    if new["status"] not in LIVE:
        release_pair(work, new)
    elif live_copy(old) != live_copy(new):
        refresh_pair(work, new)
