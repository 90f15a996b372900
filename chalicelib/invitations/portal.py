"""Moving a contact's portal access from one state to another: the contact, the
invitation and every client the person belongs to (their portal counts, search copies
and the adoption counters) change in one transaction."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.writes import Changes, with_portal
from chalicelib.contacts.records import portal_weight
from chalicelib.store import old_keys as keys, table

PENDING, ACCEPTED, EXPIRED, REVOKED = "pending", "accepted", "expired", "revoked"


def move(changes: Changes, contact: dict[str, Any], portal: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """Sets the contact's portal state; returns the contact after."""
    after = {**contact, **fields, "portal": portal}
    changes.add(table.update_op(keys.contact(changes.firm_id, contact["id"]), {"portal": portal, **fields},
                                contact["v"]))
    (p0, a0), (p1, a1) = portal_weight(contact), portal_weight(after)
    if (p0, a0) != (p1, a1):
        for client in table.get_many([keys.client(changes.firm_id, c) for c in contact.get("client_ids", [])]):
            changes.client(client, with_portal(client, p1 - p0, a1 - a0))
    return {**after, "v": contact["v"] + 1}


def close_invitation(changes: Changes, invite: dict[str, Any], status: str, at: str) -> None:
    """Ends a pending invitation and takes it off the pending-by-expiry index."""
    changes.add(table.update_op(keys.invitation(changes.firm_id, invite["id"]),
                                {"status": status, f"{status}_at": at, "GSI2PK": None, "GSI2SK": None},
                                invite["v"]))


def current_invitation(contact: dict[str, Any]) -> dict[str, Any] | None:
    portal = contact.get("portal", {})
    if portal.get("status") != PENDING or not portal.get("invite_id"):
        return None
    return table.get(keys.invitation(contact["firm_id"], portal["invite_id"]))
