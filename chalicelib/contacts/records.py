"""A contact (one person of the firm) and its links to clients. A link, the person's
email claims within that client and the client's portal counts move together; so does
the person's login, whose client list is what the authorizer lets them reach."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.writes import Changes, with_portal
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, NotFound
from chalicelib.store import old_keys as keys, table

MAX_CLIENTS_PER_CONTACT = 5
ROLE_FOR_KIND = {"individual": "co_owner", "entity": "authorised_user"}
DUPLICATE_EMAIL = ("Another contact of this client already has that email address. If it is the same "
                   "person, link the existing contact instead; if two people really share it (a couple's "
                   "household address, say), mark the address as shared.")
_WEIGHT = {"pending": (1, 0), "accepted": (0, 1)}


def get_contact_item(firm_id: str, contact_id: str) -> dict[str, Any]:
    return table.require(keys.contact(firm_id, contact_id), "contact")


def portal_weight(contact: dict[str, Any]) -> tuple[int, int]:
    """What one contact adds to a client's (pending, accepted) portal counts."""
    return _WEIGHT.get(contact.get("portal", {}).get("status", "not_invited"), (0, 0))


def claimed_emails(contact: dict[str, Any]) -> set[str]:
    return {e["address"] for e in contact.get("emails", []) if not e.get("shared")}


def check_role(client: dict[str, Any], role: str | None) -> str:
    expected = ROLE_FOR_KIND[client["kind"]]
    if role not in (None, expected):
        raise BusinessRule(f"A contact of an {client['kind']} client is a {expected}.",
                           [{"loc": "body.role", "msg": f"expected {expected}"}])
    return expected


def link_items(changes: Changes, client_id: str, contact: dict[str, Any], role: str) -> None:
    """The link and the person's email claims within the client (not the client itself)."""
    firm_id = changes.firm_id
    changes.add(table.put_op({**keys.client_contact(firm_id, client_id, contact["id"]), "type": "client_contact",
                              "client_id": client_id, "contact_id": contact["id"], "role": role,
                              "added_at": clock.now_iso()}))
    changes.add(*claim_ops(firm_id, client_id, contact["id"], claimed_emails(contact), set()))


def link_ops(changes: Changes, client: dict[str, Any], contact: dict[str, Any], role: str) -> dict[str, Any]:
    """Links `contact` (as it will be stored) to an existing `client`; returns the client after."""
    link_items(changes, client["id"], contact, role)
    return changes.client(client, with_portal(client, *portal_weight(contact)))


def unlink_ops(changes: Changes, client: dict[str, Any], contact: dict[str, Any]) -> dict[str, Any]:
    firm_id = changes.firm_id
    changes.add(table.delete_op(keys.client_contact(firm_id, client["id"], contact["id"])))
    changes.add(*claim_ops(firm_id, client["id"], contact["id"], set(), claimed_emails(contact)))
    pending, accepted = portal_weight(contact)
    return changes.client(client, with_portal(client, -pending, -accepted))


def claim_ops(firm_id: str, client_id: str, contact_id: str, added: set[str], removed: set[str]) -> list[dict]:
    puts = [table.put_op({**keys.client_email(firm_id, client_id, a), "type": "client_email",
                          "contact_id": contact_id}) for a in sorted(added - removed)]
    return puts + [table.delete_op(keys.client_email(firm_id, client_id, a)) for a in sorted(removed - added)]


def user_clients_op(contact: dict[str, Any], client_ids: list[str]) -> list[dict[str, Any]]:
    """Keeps the person's login in step with the clients they are linked to."""
    if not contact.get("user_id"):
        return []
    user = table.get(keys.user(contact["firm_id"], contact["user_id"]))
    if user is None:
        return []
    return [table.update_op(keys.user(contact["firm_id"], user["id"]), {"client_ids": client_ids}, user["v"])]


def require_linked(firm_id: str, client_id: str, contact_id: str) -> dict[str, Any]:
    link = table.get(keys.client_contact(firm_id, client_id, contact_id))
    if link is None:
        raise NotFound("No such contact of this client.")
    return link


def check_room_for_client(contact: dict[str, Any]) -> None:
    if len(contact.get("client_ids", [])) >= MAX_CLIENTS_PER_CONTACT:
        raise BusinessRule(f"A person may be a contact of at most {MAX_CLIENTS_PER_CONTACT} clients.")


def new_contact_item(firm_id: str, contact_id: str, body: Any, client_ids: list[str]) -> dict[str, Any]:
    return {**keys.contact(firm_id, contact_id), "type": "contact", "id": contact_id, "firm_id": firm_id,
            "first_name": body.first_name, "last_name": body.last_name,
            "emails": [e.model_dump(mode="json", exclude_none=True) for e in body.emails],
            "phones": [p.model_dump(mode="json") for p in body.phones],
            "client_ids": client_ids, "portal": {"status": "not_invited"}, "created_at": clock.now_iso()}


def join_client(changes: Changes, contact: dict[str, Any], client_id: str) -> dict[str, Any]:
    """An existing person becomes a contact of one more client; returns the person after."""
    if client_id in contact.get("client_ids", []):
        raise Conflict("That person is already a contact of this client.")
    check_room_for_client(contact)
    return _move_clients(changes, contact, [*contact.get("client_ids", []), client_id])


def leave_client(changes: Changes, contact: dict[str, Any], client_id: str) -> dict[str, Any]:
    return _move_clients(changes, contact, [c for c in contact.get("client_ids", []) if c != client_id])


def _move_clients(changes: Changes, contact: dict[str, Any], client_ids: list[str]) -> dict[str, Any]:
    changes.add(table.update_op(keys.contact(changes.firm_id, contact["id"]), {"client_ids": client_ids},
                                contact["v"]))
    changes.add(*user_clients_op(contact, client_ids))
    return {**contact, "client_ids": client_ids, "v": contact["v"] + 1}
