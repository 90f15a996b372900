"""The firm's settings the principal carries: copies on the firm's portal item, which the
principal lookup reads: sign-up writes them with the firm, the table stream follows each
later change of them and, for firms stored before a copy was kept, the upgrade backfill
writes them. A route that needs one of them reads no firm item while the copy is there."""
from __future__ import annotations

from typing import Any

from chalicelib.core.portal_item import DEFAULT_PROFESSIONAL, INVITATION_DAYS
from chalicelib.store import Attr, FirmStore, Work, keys
from chalicelib.store.conditions import all_of
from chalicelib.store.rereading import until_unmoved

# Each carried setting: its copy's name on the portal item, and its value when the firm sets none.
CARRIED = {"default_professional_id": (DEFAULT_PROFESSIONAL, ""), "invitation_days": (INVITATION_DAYS, 7)}


def carried_copies(firm: dict[str, Any]) -> dict[str, Any]:
    settings = firm.get("settings") or {}
    return {copy: settings.get(name) or unset for name, (copy, unset) in CARRIED.items()}


def copy_carried_settings(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """The settings that changed (all of them when the firm is new), onto its portal item."""
    if new is None:
        return
    before = carried_copies(old) if old is not None else {}
    moved = {copy: value for copy, value in carried_copies(new).items() if before.get(copy) != value}
    if moved:
        work.count(keys.portal_options(), {}, set={"type": "portal_options", **moved})


def backfill(firm_id: str) -> int:
    """The copies a firm stored before they were kept lacks (1: written, 0: all there).
    Each is SET on condition it is still missing: one the stream wrote meanwhile is newer,
    so the write is refused and the items read again."""
    db = FirmStore.trusted(firm_id)
    return until_unmoved(lambda: _copy_missing(db), f"the carried settings of firm {firm_id}")


def _copy_missing(db: FirmStore) -> int:
    firm, portal = db.get(keys.firm(), consistent=True), db.get(keys.portal_options(), consistent=True) or {}
    missing = {copy: value for copy, value in carried_copies(firm or {}).items() if copy not in portal}
    if firm is None or not missing:
        return 0
    work = db.work()
    work.upsert(keys.portal_options(), set={"type": "portal_options", **missing},
                when=all_of(*(Attr(a).not_exists() for a in missing)))
    work.commit()
    return 1
