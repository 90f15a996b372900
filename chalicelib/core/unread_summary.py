"""A person's unread summary item as the principal carries it. The principal lookup reads
the item with the login, so the summary, the notification list (every page) and the room
list take their counts and read marks from the principal instead of reading it again.
The item's layout is the notifications domain's (`notifications.records`); its names live
here, below both, as the portal options item's do in `core.portal_item`.

The principal carries only what can still change an answer: the counts above zero, `rev`
(the ETag), the "mark all read" mark, and the room marks that are newer than it and than
the oldest notification still kept (older marks cover only notifications that expired)."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from chalicelib.core import clock
from chalicelib.core.ids import new_id

COUNT, MARK = "r_", "w_"
ALL_MARK = "all_to"
REV = "rev"
ID_TIME_CHARS = 10  # core.ids: ten characters of milliseconds, then randomness
KEEP_SECONDS = 90 * 24 * 3600  # a notification's life
# DynamoDB deletes expired items up to two days late: marks outlive their notifications by more.
TTL_LATENESS = timedelta(days=3)


def room_count(room_id: str) -> str:
    return f"{COUNT}{room_id}"


def room_mark(room_id: str) -> str:
    return f"{MARK}{room_id}"


def carried(summary: dict[str, Any] | None) -> dict[str, Any]:
    """What of a summary item the principal keeps (see the module's docstring)."""
    found = summary or {}
    oldest_mark = max(found.get(ALL_MARK, ""), _ids_from(clock.now() - timedelta(seconds=KEEP_SECONDS) - TTL_LATENESS))
    return {k: v for k, v in found.items()
            if k in (REV, ALL_MARK) or (k.startswith(COUNT) and v > 0) or (k.startswith(MARK) and v > oldest_mark)}


def _ids_from(moment: datetime) -> str:
    """The time part of the ids made at `moment`: every later id sorts above it."""
    return new_id(int(moment.timestamp() * 1000))[:ID_TIME_CHARS]
