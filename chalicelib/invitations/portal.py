"""Moving a contact's portal access from one state to another: the contact, its links'
copies of the person and the portal counts of every client the person belongs to (ADD,
no read of the clients) change in one unit of work; each client's portal status, search
copies and adoption counters follow from the stream."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.clients.links import copy_person_now
from chalicelib.clients.portal_counts import count_portal
from chalicelib.clients.records import Changes
from chalicelib.contacts.records import portal_weight, stale_contact
from chalicelib.core.errors import Conflict
from chalicelib.store import Attr, at_version, keys
from chalicelib.store.conditions import ConditionBase
from chalicelib.store.work import Refusal

PENDING, ACCEPTED, EXPIRED, REVOKED = "pending", "accepted", "expired", "revoked"
LAST_LOGIN = "portal.last_login_at"


def pending_invitation_id(contact: dict[str, Any]) -> str | None:
    """The contact's pending invitation, which a new state closes."""
    portal = contact.get("portal", {})
    return portal.get("invite_id") if portal.get("status") == PENDING else None


@dataclass(frozen=True)
class Through:
    """The client a move is made through, and what must hold of it (checked in the same
    write: with its counts when they move, else by a ConditionCheck), so the move reads no client."""
    client_id: str
    when: ConditionBase
    refused: Refusal


def move(changes: Changes, contact: dict[str, Any], portal: dict[str, Any], refused: Refusal = stale_contact,
         through: Through | None = None, **fields: Any) -> dict[str, Any]:
    """Sets the contact's portal state (as `contact` was read); returns the contact after."""
    after = {**contact, **fields, "portal": portal}
    changes.work.update(keys.contact(contact["id"]), set={"portal": portal, **fields}, when=_as_read(contact),
                        refused=refused)
    (p0, a0), (p1, a1) = portal_weight(contact), portal_weight(after)
    for client_id in contact.get("client_ids", []):
        held = through if through is not None and through.client_id == client_id else None
        if held is not None or (p0, a0) != (p1, a1):
            count_portal(changes.work, client_id, p1 - p0, a1 - a0, when=held and held.when,
                         refused=held and held.refused)
    moved = {**after, "v": contact["v"] + 1}
    copy_person_now(changes.work, moved)
    return moved


def _as_read(contact: dict[str, Any]) -> ConditionBase:
    """Its version, and its last sign-in, which moves with no version bump: the portal state
    is written whole, so a sign-in since the contact was read (or sealed) refuses the write
    rather than being undone by it."""
    last = contact.get("portal", {}).get("last_login_at")
    signed_in = Attr(LAST_LOGIN).eq(last) if last else Attr(LAST_LOGIN).not_exists()
    return at_version(contact["v"]) & signed_in


def close_invitation(changes: Changes, invite_id: str, status: str, at: str) -> None:
    """Ends a pending invitation and takes it off the pending-by-expiry index; only a
    pending one, so of two acceptances, or an acceptance and a resend, one wins."""
    changes.work.update(keys.invitation(invite_id),
                        set={"status": status, f"{status}_at": at, "GSI2PK": None, "GSI2SK": None},
                        when=Attr("status").eq(PENDING), refused=_used)


def _used(old: dict[str, Any] | None) -> Exception:
    return Conflict("The invitation was used or replaced meanwhile; reload and try again.")
