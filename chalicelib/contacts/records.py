"""A contact: one person of the firm, who may belong to several clients. The person's
email claims within each client and their login's client list move with them."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, NotFound, gone_or_stale
from chalicelib.store import FirmStore, Work, at_version, exists, keys
from chalicelib.store.work import Refusal

MAX_CLIENTS_PER_CONTACT = 5
ROLE_FOR_KIND = {"individual": "co_owner", "entity": "authorised_user"}
DUPLICATE_EMAIL = ("Another contact of this client already has that email address. If it is the same "
                   "person, link the existing contact instead; if two people really share it (a couple's "
                   "household address, say), mark the address as shared.")
_WEIGHT = {"pending": (1, 0), "accepted": (0, 1)}


def get_contact_item(db: FirmStore, contact_id: str) -> dict[str, Any]:
    found = db.get(keys.contact(contact_id))
    if found is None:
        raise NotFound("No such contact.")
    return found


stale_contact = gone_or_stale("contact")


def of_client(contact: dict[str, Any] | None, client_id: str) -> dict[str, Any]:
    """The contact, if it belongs to this client: anything else names nothing here."""
    if contact is None or client_id not in contact.get("client_ids", []):
        raise NotFound("No such contact of this client.")
    return contact


def portal_weight(contact: dict[str, Any]) -> tuple[int, int]:
    """What one contact adds to a client's (pending, accepted) portal counts."""
    return _WEIGHT.get(contact.get("portal", {}).get("status", "not_invited"), (0, 0))


def claimed_emails(contact: dict[str, Any]) -> set[str]:
    return {e["address"] for e in contact.get("emails", []) if not e.get("shared")}


def claim_emails(work: Work, client_id: str, contact_id: str, added: set[str], removed: set[str]) -> None:
    """An address claimed within a client belongs to one of its contacts only."""
    for address in sorted(added - removed):
        work.create({**keys.client_email(client_id, address), "type": "client_email", "contact_id": contact_id},
                    refused=lambda _: Conflict(DUPLICATE_EMAIL))
    for address in sorted(removed - added):
        work.delete(keys.client_email(client_id, address))


def new_contact_item(firm_id: str, contact_id: str, body: Any, client_ids: list[str]) -> dict[str, Any]:
    return {**keys.contact(contact_id), "type": "contact", "id": contact_id, "firm_id": firm_id,
            "first_name": body.first_name, "last_name": body.last_name,
            "emails": [e.model_dump(mode="json", exclude_none=True) for e in body.emails],
            "phones": [p.model_dump(mode="json") for p in body.phones],
            "client_ids": client_ids, "portal": {"status": "not_invited"}, "created_at": clock.now_iso()}


def check_room_for_client(contact: dict[str, Any]) -> None:
    if len(contact.get("client_ids", [])) >= MAX_CLIENTS_PER_CONTACT:
        raise BusinessRule(f"A person may be a contact of at most {MAX_CLIENTS_PER_CONTACT} clients.")


def move_clients(work: Work, contact: dict[str, Any], client_ids: list[str],
                 refused: Refusal = stale_contact) -> dict[str, Any]:
    """Sets the clients a person belongs to, and their login's list (what the authorizer
    lets them reach) with it. Returns the person after."""
    work.update(keys.contact(contact["id"]), set={"client_ids": client_ids}, when=at_version(contact["v"]),
                refused=refused)
    if contact.get("user_id"):
        work.update(keys.user(contact["user_id"]), set={"client_ids": client_ids})
    return {**contact, "client_ids": client_ids, "v": contact["v"] + 1}


def remember_sign_in(db: FirmStore, user: dict[str, Any], work: Work) -> None:
    """A portal user's sign-in copies its time onto their contact, so the contact shows
    it without reading the login. Accepting an invitation writes the contact already:
    it records the time in that write instead."""
    contact = keys.contact(user["contact_id"]) if user.get("contact_id") else None
    if contact is not None and not work.touches(contact):
        work.upsert(contact, set={"portal.last_login_at": clock.now_iso()}, when=exists())
