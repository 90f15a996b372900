"""Client use cases. Staff manage every client of their firm; a portal user reads only
the clients their login is linked to, without internal fields."""
from __future__ import annotations

from typing import Any

from chalicelib.clients import listing
from chalicelib.clients.models import ClientCreate, ClientListQuery, ClientUpdate
from chalicelib.clients.records import client_views, get_client_item, require_professional, staff_view, visible_client
from chalicelib.clients.writes import Changes, with_portal
from chalicelib.contacts import records as contacts
from chalicelib.core import clock
from chalicelib.core.errors import BadRequest, BusinessRule, Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.firms.service import get_firm_item
from chalicelib.store import table


def _professional(me: Principal, requested: str | None) -> str:
    settings = get_firm_item(me.firm_id).get("settings", {})
    chosen = requested or settings.get("default_professional_id") or me.user_id
    require_professional(me.firm_id, chosen)
    return chosen


def _primary(me: Principal, changes: Changes, body: ClientCreate, client_id: str) -> dict[str, Any]:
    if (body.primary_contact is None) == (body.primary_contact_id is None):
        raise BadRequest("Give the primary contact: either primary_contact (a new person) or primary_contact_id.",
                         [{"loc": "body.primary_contact", "msg": "exactly one of primary_contact, primary_contact_id"}])
    if body.primary_contact is not None:
        contact = contacts.new_contact_item(me.firm_id, new_id(), body.primary_contact, [client_id])
        changes.add(table.put_op(contact))
        return contact
    try:
        existing = contacts.get_contact_item(me.firm_id, body.primary_contact_id)
    except NotFound:
        raise BusinessRule("The primary contact must be a contact of this firm.",
                           [{"loc": "body.primary_contact_id", "msg": "no such contact"}])
    return contacts.join_client(changes, existing, client_id)


def create(me: Principal, body: ClientCreate):
    client_id = new_id()
    changes = Changes(me.firm_id)
    contact = _primary(me, changes, body, client_id)
    role = contacts.ROLE_FOR_KIND[body.kind]
    contacts.link_items(changes, client_id, contact, role)
    client = {"id": client_id, "kind": body.kind, "display_name": body.display_name, "legal_name": body.legal_name,
              "professional_id": _professional(me, body.professional_id), "tags": body.tags, "notes": body.notes,
              "status": "active", "primary_contact_id": contact["id"], "created_at": clock.now_iso(),
              "created_by": me.user_id}
    stored = changes.client(None, with_portal(client, *contacts.portal_weight(contact)))
    changes.commit(conflict=contacts.DUPLICATE_EMAIL)
    return staff_view(stored)


def read(me: Principal, client_id: str):
    item = visible_client(me, client_id)
    return staff_view(item) if me.is_staff else client_views(me.firm_id, [item])[0]


def update(me: Principal, client_id: str, body: ClientUpdate, if_match: int | None):
    current = get_client_item(me.firm_id, client_id)
    fields = body.model_dump(mode="json", exclude_unset=True)
    for required in ("display_name", "professional_id", "primary_contact_id", "tags"):
        if required in fields and fields[required] is None:
            raise BadRequest(f"{required} cannot be cleared.", [{"loc": f"body.{required}", "msg": "may not be null"}])
    if fields.get("professional_id") not in (None, current.get("professional_id")):
        require_professional(me.firm_id, fields["professional_id"])
    if fields.get("primary_contact_id") not in (None, current["primary_contact_id"]):
        contacts.require_linked(me.firm_id, client_id, fields["primary_contact_id"])
    return _save(me, current, fields, if_match)


def _save(me: Principal, current: dict[str, Any], fields: dict[str, Any], if_match: int | None):
    expected = current["v"] if if_match is None else if_match
    changes = Changes(me.firm_id)
    stored = changes.client({**current, "v": expected}, {**current, **fields})
    changes.commit()
    return staff_view(stored)


def set_status(me: Principal, client_id: str, status: str, if_match: int | None):
    current = get_client_item(me.firm_id, client_id)
    if current["status"] == status:
        raise Conflict(f"The client is already {status}.")
    return _save(me, current, {"status": status}, if_match)


def list_clients(me: Principal, query: ClientListQuery):
    if not me.is_staff:
        return listing.own_clients(me)
    return listing.find(me, query) if query.q else listing.browse(me, query)

