"""Recording expiry: the sweep's half of invitation lifetimes (reads already treat a
pending invitation past its expiry as expired)."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.records import Changes
from chalicelib.contacts import records as contacts
from chalicelib.core import clock
from chalicelib.core.errors import Conflict, PreconditionFailed, WriteDeclined
from chalicelib.invitations import portal
from chalicelib.store import FirmStore, keys


def expire_due(db: FirmStore) -> int:
    """Marks the firm's pending invitations past expiry as expired; one Query per page of
    the pending-by-expiry index reads only those that are due."""
    now = clock.now_iso()
    due = db.query_all(keys.PENDING_INVITATIONS, index="GSI2", sk_between=("0", now), limit=100)
    return sum(_expire(db, item, now) for item in list(due))


def _expire(db: FirmStore, found: dict[str, Any], now: str) -> bool:
    contact = contacts.get_contact_item(db, found["contact_id"])
    changes = Changes(db.work())
    portal.close_invitation(changes, found["id"], portal.EXPIRED, now)
    if contact.get("portal", {}).get("invite_id") == found["id"]:
        portal.move(changes, contact, {**contact["portal"], "status": portal.EXPIRED})
    try:
        changes.commit()
    except (PreconditionFailed, Conflict, WriteDeclined):
        return False  # accepted, resent or removed meanwhile: nothing left to expire
    return True
