"""Contact use cases: people added to clients, linked to more clients, changed, unlinked."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.records import get_client_item
from chalicelib.clients.writes import Changes
from chalicelib.contacts import records
from chalicelib.contacts.models import ClientContactCreate, ContactLink, ContactUpdate
from chalicelib.contacts.views import client_contact_view, contact_view
from chalicelib.core.errors import Conflict
from chalicelib.core.ids import new_id
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.store import old_keys as keys, table


def _user_of(contact: dict[str, Any]) -> dict[str, Any] | None:
    return table.get(keys.user(contact["firm_id"], contact["user_id"])) if contact.get("user_id") else None


def _as_client_contact(client: dict[str, Any], contact: dict[str, Any], role: str):
    link = {"role": role}
    return client_contact_view(contact, _user_of(contact), link, client["primary_contact_id"])


def add_to_client(me: Principal, client_id: str, body: ClientContactCreate):
    client = get_client_item(me.firm_id, client_id)
    role = records.check_role(client, body.role)
    changes = Changes(me.firm_id)
    contact = records.new_contact_item(me.firm_id, new_id(), body, [client_id])
    changes.add(table.put_op(contact))
    records.link_ops(changes, client, contact, role)
    changes.commit(conflict=records.DUPLICATE_EMAIL)
    return _as_client_contact(client, {**contact, "v": 1}, role)


def link_existing(me: Principal, client_id: str, contact_id: str, body: ContactLink):
    client = get_client_item(me.firm_id, client_id)
    role = records.check_role(client, body.role)
    contact = records.get_contact_item(me.firm_id, contact_id)
    changes = Changes(me.firm_id)
    after = records.join_client(changes, contact, client_id)
    records.link_ops(changes, client, after, role)
    changes.commit(conflict=records.DUPLICATE_EMAIL)
    return _as_client_contact(client, after, role)


def unlink(me: Principal, client_id: str, contact_id: str) -> None:
    client = get_client_item(me.firm_id, client_id)
    records.require_linked(me.firm_id, client_id, contact_id)
    if client["primary_contact_id"] == contact_id:
        raise Conflict("This is the client's primary contact; choose another primary contact first.")
    contact = records.get_contact_item(me.firm_id, contact_id)
    changes = Changes(me.firm_id)
    records.leave_client(changes, contact, client_id)
    records.unlink_ops(changes, client, contact)
    changes.commit()


def list_for_client(me: Principal, client_id: str, limit: int, cursor: str | None):
    """One Query for the page of links, one batch read for the people and their logins."""
    client = get_client_item(me.firm_id, client_id)
    page = table.query(keys.client_partition(me.firm_id, client_id), sk_prefix="CONTACT#", limit=limit,
                       cursor=cursor, scope=f"client-contacts:{me.firm_id}")
    people = {i["id"]: i for i in table.get_many([keys.contact(me.firm_id, l["contact_id"]) for l in page.items])}
    users = {u["id"]: u for u in table.get_many([keys.user(me.firm_id, p["user_id"])
                                                 for p in people.values() if p.get("user_id")])}
    items = [client_contact_view(people[l["contact_id"]], users.get(people[l["contact_id"]].get("user_id", "")),
                                 l, client["primary_contact_id"])
             for l in page.items if l["contact_id"] in people]
    return ListOf(items=items, next_cursor=page.next_cursor)


def read(me: Principal, contact_id: str):
    contact = records.get_contact_item(me.firm_id, contact_id)
    return contact_view(contact, _user_of(contact))


def update(me: Principal, contact_id: str, body: ContactUpdate, if_match: int | None):
    contact = records.get_contact_item(me.firm_id, contact_id)
    fields = body.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    if "first_name" in body.model_fields_set and body.first_name is None:
        fields["first_name"] = contact["first_name"]
    if "last_name" in body.model_fields_set and body.last_name is None:
        fields["last_name"] = None
    after = {**contact, **fields}
    changes = Changes(me.firm_id)
    expected = contact["v"] if if_match is None else if_match
    changes.add(table.update_op(keys.contact(me.firm_id, contact_id), fields, expected))
    old_claims, new_claims = records.claimed_emails(contact), records.claimed_emails(after)
    for client_id in contact.get("client_ids", []):
        changes.add(*records.claim_ops(me.firm_id, client_id, contact_id, new_claims - old_claims,
                                       old_claims - new_claims))
    changes.commit(conflict=records.DUPLICATE_EMAIL)
    return contact_view({**after, "v": expected + 1}, _user_of(contact))
