"""Moving a contact's portal access from one state to another: the contact, the
invitation and every client the person belongs to (their portal counts) change in one
unit of work; the clients' search copies and adoption counters follow from the stream."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.links import copy_person_now
from chalicelib.clients.records import Changes, with_portal
from chalicelib.contacts.records import portal_weight, stale_contact
from chalicelib.core.errors import Conflict
from chalicelib.store import FirmStore, at_version, keys
from chalicelib.store.batch import Batch

PENDING, ACCEPTED, EXPIRED, REVOKED = "pending", "accepted", "expired", "revoked"


def _invitation_key(contact: dict[str, Any]) -> dict[str, str] | None:
    portal = contact.get("portal", {})
    return keys.invitation(portal["invite_id"]) if portal.get("status") == PENDING and portal.get("invite_id") \
        else None


def _user_key(contact: dict[str, Any]) -> dict[str, str] | None:
    return keys.user(contact["user_id"]) if contact.get("user_id") else None


def _around_keys(contact: dict[str, Any]) -> list[dict[str, str]]:
    """What a move of the contact's portal access touches besides the contact: its pending
    invitation, its login and its clients."""
    return [k for k in (_invitation_key(contact), _user_key(contact)) if k] + \
        [keys.client(c) for c in contact.get("client_ids", [])]


class Around:
    """Those items (`_around_keys`), found in one batch with whatever else the caller
    needed (`read`), or in a batch the caller made from what it knew before the contact."""

    def __init__(self, contact: dict[str, Any], found: Batch) -> None:
        self.contact, self.found = contact, found

    @classmethod
    def read(cls, db: FirmStore, contact: dict[str, Any], also: list[dict[str, str]] | None = None) -> "Around":
        return cls(contact, Batch(db, _around_keys(contact) + (also or [])))

    @property
    def invitation(self) -> dict[str, Any] | None:
        """The contact's pending invitation, if it has one."""
        key = _invitation_key(self.contact)
        return self.found.get(key) if key else None

    @property
    def user(self) -> dict[str, Any] | None:
        key = _user_key(self.contact)
        return self.found.get(key) if key else None

    @property
    def clients(self) -> list[dict[str, Any]] | None:
        """The contact's clients; None when the batch missed one (it was made from a list
        that has changed since), so that `move` reads them."""
        found = [self.found.get(keys.client(i)) for i in self.contact.get("client_ids", [])]
        return None if None in found else found


def move(db: FirmStore, changes: Changes, contact: dict[str, Any], portal: dict[str, Any],
         clients: list[dict[str, Any]] | None = None, **fields: Any) -> dict[str, Any]:
    """Sets the contact's portal state; returns the contact after. `clients` are the
    contact's clients when the caller has read them already (`Around`)."""
    after = {**contact, **fields, "portal": portal}
    changes.work.update(keys.contact(contact["id"]), set={"portal": portal, **fields},
                        when=at_version(contact["v"]), refused=stale_contact)
    (p0, a0), (p1, a1) = portal_weight(contact), portal_weight(after)
    if (p0, a0) != (p1, a1):
        if clients is None:
            clients = db.get_many([keys.client(c) for c in contact.get("client_ids", [])])
        for client in clients:
            changes.client(client, with_portal(client, p1 - p0, a1 - a0))
    moved = {**after, "v": contact["v"] + 1}
    copy_person_now(changes.work, moved)
    return moved


def close_invitation(changes: Changes, invite: dict[str, Any], status: str, at: str) -> None:
    """Ends a pending invitation and takes it off the pending-by-expiry index."""
    changes.work.update(keys.invitation(invite["id"]),
                        set={"status": status, f"{status}_at": at, "GSI2PK": None, "GSI2SK": None},
                        when=at_version(invite["v"]), refused=_used)


def _used(old: dict[str, Any] | None) -> Exception:
    return Conflict("The invitation was used or replaced meanwhile; reload and try again.")
