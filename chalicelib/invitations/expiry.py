"""Recording expiry: the sweep's half of invitation lifetimes (reads already treat a
pending invitation past its expiry as expired)."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.writes import Changes
from chalicelib.contacts import records as contacts
from chalicelib.core import clock
from chalicelib.core.errors import Conflict, PreconditionFailed
from chalicelib.invitations import portal
from chalicelib.store import old_keys as keys, table


def expire_due(firm_id: str) -> int:
    """Marks the firm's pending invitations past expiry as expired; one Query per page of
    the pending-by-expiry index reads only those that are due."""
    now = clock.now_iso()
    due = table.query_pages(keys.pending_invitations(firm_id), index="GSI2", sk_between=("0", now), limit=100,
                            scope=f"expiring:{firm_id}")
    return sum(_expire(firm_id, item, now) for item in list(due))


def _expire(firm_id: str, found: dict[str, Any], now: str) -> bool:
    contact = contacts.get_contact_item(firm_id, found["contact_id"])
    changes = Changes(firm_id)
    portal.close_invitation(changes, found, portal.EXPIRED, now)
    if contact.get("portal", {}).get("invite_id") == found["id"]:
        portal.move(changes, contact, {**contact["portal"], "status": portal.EXPIRED})
    try:
        changes.commit()
    except (PreconditionFailed, Conflict):
        return False  # accepted, resent or removed meanwhile: nothing left to expire
    return True
