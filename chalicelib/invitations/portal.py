"""Moving a contact's portal access from one state to another: the contact, the
invitation and every client the person belongs to (their portal counts) change in one
unit of work; the clients' search copies and adoption counters follow from the stream."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.records import Changes, with_portal
from chalicelib.contacts.records import portal_weight, stale_contact
from chalicelib.core.errors import Conflict
from chalicelib.store import FirmStore, at_version, keys

PENDING, ACCEPTED, EXPIRED, REVOKED = "pending", "accepted", "expired", "revoked"


def move(db: FirmStore, changes: Changes, contact: dict[str, Any], portal: dict[str, Any],
         **fields: Any) -> dict[str, Any]:
    """Sets the contact's portal state; returns the contact after."""
    after = {**contact, **fields, "portal": portal}
    changes.work.update(keys.contact(contact["id"]), set={"portal": portal, **fields},
                        when=at_version(contact["v"]), refused=stale_contact)
    (p0, a0), (p1, a1) = portal_weight(contact), portal_weight(after)
    if (p0, a0) != (p1, a1):
        for client in db.get_many([keys.client(c) for c in contact.get("client_ids", [])]):
            changes.client(client, with_portal(client, p1 - p0, a1 - a0))
    return {**after, "v": contact["v"] + 1}


def close_invitation(changes: Changes, invite: dict[str, Any], status: str, at: str) -> None:
    """Ends a pending invitation and takes it off the pending-by-expiry index."""
    changes.work.update(keys.invitation(invite["id"]),
                        set={"status": status, f"{status}_at": at, "GSI2PK": None, "GSI2SK": None},
                        when=at_version(invite["v"]), refused=_used)


def _used(old: dict[str, Any] | None) -> Exception:
    return Conflict("The invitation was used or replaced meanwhile; reload and try again.")


def current_invitation(db: FirmStore, contact: dict[str, Any]) -> dict[str, Any] | None:
    portal = contact.get("portal", {})
    if portal.get("status") != PENDING or not portal.get("invite_id"):
        return None
    return db.get(keys.invitation(portal["invite_id"]))
