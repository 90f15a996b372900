"""Moving a contact's portal access from one state to another: the contact, its links'
copies of the person and the portal counts of every client the person belongs to (ADD,
no read of the clients) change in one unit of work; each client's portal status, search
copies and adoption counters follow from the stream."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.links import copy_person_now
from chalicelib.clients.portal_counts import count_portal
from chalicelib.clients.records import Changes
from chalicelib.contacts.records import portal_weight, stale_contact
from chalicelib.core.errors import Conflict
from chalicelib.store import Attr, at_version, keys

PENDING, ACCEPTED, EXPIRED, REVOKED = "pending", "accepted", "expired", "revoked"


def pending_invitation_id(contact: dict[str, Any]) -> str | None:
    """The contact's pending invitation, which a new state closes."""
    portal = contact.get("portal", {})
    return portal.get("invite_id") if portal.get("status") == PENDING else None


def move(changes: Changes, contact: dict[str, Any], portal: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """Sets the contact's portal state (at the version read); returns the contact after."""
    after = {**contact, **fields, "portal": portal}
    changes.work.update(keys.contact(contact["id"]), set={"portal": portal, **fields},
                        when=at_version(contact["v"]), refused=stale_contact)
    (p0, a0), (p1, a1) = portal_weight(contact), portal_weight(after)
    if (p0, a0) != (p1, a1):
        for client_id in contact.get("client_ids", []):
            count_portal(changes.work, client_id, p1 - p0, a1 - a0)
    moved = {**after, "v": contact["v"] + 1}
    copy_person_now(changes.work, moved)
    return moved


def close_invitation(changes: Changes, invite_id: str, status: str, at: str) -> None:
    """Ends a pending invitation and takes it off the pending-by-expiry index; only a
    pending one, so of two acceptances, or an acceptance and a resend, one wins."""
    changes.work.update(keys.invitation(invite_id),
                        set={"status": status, f"{status}_at": at, "GSI2PK": None, "GSI2SK": None},
                        when=Attr("status").eq(PENDING), refused=_used)


def _used(old: dict[str, Any] | None) -> Exception:
    return Conflict("The invitation was used or replaced meanwhile; reload and try again.")
