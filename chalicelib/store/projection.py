"""Copies that follow a change instead of riding in its transaction.

A route that changes one item and answers with it writes only that item (one UpdateItem,
which returns it as stored). The copies that other lists read (the public page's copy of
a firm, a client-service pair's copy of its live opportunity, a counter) are brought up
to date from the table stream a moment later: a projection of the change.

`follow` runs one projector over one stream record, in a unit of work of the firm the
record's own key names, together with a marker keyed by the record's sequence number. A
record delivered twice (the stream retries a failed batch) finds its marker and changes
nothing, so a projector may ADD to counters. Records of one item arrive in order, so a
projector can compare the item before and after the change and write what moved.

A projector's own conditions say "this copy has moved on" (a pair now held by another
opportunity): when one fails, that copy is left as it is and the others are written."""
from __future__ import annotations

import logging
from typing import Any, Callable, Iterable

from chalicelib.core import clock
from chalicelib.store.conditions import ConditionBase
from chalicelib.store.scope import FirmStore
from chalicelib.store.wire import from_ddb
from chalicelib.store.work import Refused, Work

Projector = Callable[[dict[str, Any] | None, dict[str, Any] | None, Work], None]
MARKER_SECONDS = 2 * 24 * 3600  # longer than the stream keeps a record (24 hours)
FIRM_PREFIX = "F#"

log = logging.getLogger(__name__)


def firm_of(image: dict[str, Any]) -> str | None:
    """The firm a stored item belongs to, from its placed partition key (`F#<firm>#...`)."""
    pk = image.get("PK", "")
    return pk.split("#")[1] if pk.startswith(FIRM_PREFIX) else None


def images(record: dict[str, Any]) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The item before and after the change, as stored (keys placed)."""
    change = record.get("dynamodb", {})
    old, new = change.get("OldImage"), change.get("NewImage")
    return (from_ddb(old) if old else None), (from_ddb(new) if new else None)


def _marker(source: dict[str, Any], sequence: str) -> dict[str, Any]:
    return {"PK": f"FOLLOWED#{source['PK']}", "SK": f"{source['SK']}#{sequence}", "type": "followed",
            "ttl": clock.epoch() + MARKER_SECONDS}


def follow(record: dict[str, Any], project: Projector) -> bool:
    """Applies `project` to one stream record once; True when it wrote something."""
    old, new = images(record)
    firm_id = firm_of(new or old or {})
    if firm_id is None:
        return False
    db = FirmStore.trusted(firm_id)  # the firm the changed item's own key names
    before, after = (db.unplace(old) if old else None), (db.unplace(new) if new else None)
    work = db.work()
    project(before, after, work)
    if not len(work):
        return False
    work.create(_marker(after or before, record["dynamodb"]["SequenceNumber"]))
    return _commit_once(work)


def _commit_once(work: Work) -> bool:
    """Commits with the marker last; a write whose condition failed is dropped and the
    rest committed, unless the marker failed: then the record was followed before."""
    while True:
        try:
            work.commit()
            return True
        except Refused as refused:
            failed = {r.index for r in refused.failed}
            if len(work) - 1 in failed:
                return False
            log.info("projection: %d copies have moved on and are left as they are", len(failed))
            work = work.without(failed)
            if len(work) == 1:
                return False


def copy_onto_each(db: FirmStore, keys: Iterable[dict[str, str]], copied: dict[str, Any],
                   when: ConditionBase) -> int:
    """Sets `copied` on each item, one UpdateItem apiece with no version bump, outside the
    record's marker: for a copy onto more items than one transaction holds (a colleague's
    clients, a client's rooms). Setting a copy twice changes nothing, so a record followed
    again does no harm; an item whose condition says it has moved on is left as it is.
    Returns how many were written."""
    written = 0
    for key in keys:
        one = db.work()
        one.count(key, {}, set=copied, when=when)
        try:
            one.commit()
        except Refused:
            continue
        written += 1
    return written
