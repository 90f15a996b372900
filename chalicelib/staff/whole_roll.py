"""The one-off backfill that makes whole the roll of professionals of a firm stored before
sign-up wrote it (staff/professionals.py): on the firm item and on its copy on the portal
item, which the principal carries. Until then a firm's roll held only who the stream had
moved since, and is not trusted (`roll_is_whole`), so naming a colleague it lacks is
refused.

Each item's roll is set to the firm's staff whose login is open, marked whole, on
condition the roll is still as read: a colleague who moved meanwhile moved it from the
stream, so the write is refused and the item is read again (a login that moves after
being read here moves the roll after this write, from the stream). Once marked whole, an
item is left alone, so running it again changes nothing. Part of
`python -m chalicelib.backfill`."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.users import ROLL, WHOLE
from chalicelib.staff.professionals import roll_is_whole
from chalicelib.staff.service import open_colleagues
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.store.conditions import ConditionBase
from chalicelib.store.rereading import until_unmoved

# What else each item is set with: the portal item may not exist yet, so it is made typed.
_ITEMS = ((keys.firm(), {}), (keys.portal_options(), {"type": "portal_options"}))


def backfill(firm_id: str) -> int:
    """Makes the firm item's roll and its portal copy whole; returns how many it wrote."""
    db = FirmStore.trusted(firm_id)
    if db.get(keys.firm()) is None:
        return 0
    return sum(until_unmoved(lambda: _make_whole(db, key, also), f"the roll of firm {firm_id}")
               for key, also in _ITEMS)


def _make_whole(db: FirmStore, key: dict[str, str], also: dict[str, Any]) -> int:
    item = db.get(key, consistent=True) or {}
    if roll_is_whole(item):
        return 0
    work = db.work()
    work.upsert(key, set={**also, ROLL: {u["id"] for u in open_colleagues(db)} or None, WHOLE: True}, when=_as_read(item))
    work.commit()
    return 1


def _as_read(item: dict[str, Any]) -> ConditionBase:
    roll = Attr(ROLL).eq(set(item[ROLL])) if ROLL in item else Attr(ROLL).not_exists()  # read back as a list
    return roll & Attr(WHOLE).not_exists()
