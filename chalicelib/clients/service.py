"""Client use cases. Staff manage every client of their firm; a portal user reads only
the clients their login is linked to, without internal fields."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.accounts.users import check_staff_member, not_staff
from chalicelib.clients import listing
from chalicelib.clients.members import join_client, link_items
from chalicelib.clients.models import ClientCreate, ClientListQuery, ClientUpdate
from chalicelib.clients.records import (CONTACT_IDS, Changes, changed_fields, client_views, stale_client,
                                        staff_view, visible_client, with_portal)
from chalicelib.contacts import records as contacts
from chalicelib.contacts.as_read import person_as_read
from chalicelib.core import clock
from chalicelib.core.errors import BadRequest, BusinessRule, Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.core.sealed import Outdated, outdated_or
from chalicelib.store import Attr, FirmStore, at_version, keys
from chalicelib.store.conditions import ConditionBase, all_of
from chalicelib.store.batch import Batch

PROFESSIONAL = "body.professional_id"


def _professional(me: Principal, firm: dict[str, Any] | None, changes: Changes, requested: str | None) -> str:
    """The staff member the client is assigned to, checked in the write itself; without a
    request, the firm's default professional (as the principal brings it, else as read),
    or the caller."""
    default = me.default_professional if firm is None else firm.get("settings", {}).get("default_professional_id")
    chosen = requested or default
    if chosen and chosen != me.user_id:
        check_staff_member(changes.work, chosen, PROFESSIONAL)
    return chosen or me.user_id


def _check_one_primary(body: ClientCreate) -> None:
    if (body.primary_contact is None) == (body.primary_contact_id is None):
        raise BadRequest("Give the primary contact: either primary_contact (a new person) or primary_contact_id.",
                         [{"loc": "body.primary_contact", "msg": "exactly one of primary_contact, primary_contact_id"}])


def _no_such_primary() -> BusinessRule:
    return BusinessRule("The primary contact must be a contact of this firm.",
                        [{"loc": "body.primary_contact_id", "msg": "no such contact"}])


def _primary(me: Principal, existing: dict[str, Any] | None, changes: Changes, body: ClientCreate,
             client_id: str, sealed: bool) -> dict[str, Any]:
    if body.primary_contact is not None:
        return changes.work.create(contacts.new_contact_item(me.firm_id, new_id(), body.primary_contact, [client_id]))
    if existing is None:
        raise _no_such_primary()
    refused = outdated_or(lambda _: _no_such_primary()) if sealed else contacts.stale_contact
    return join_client(changes, existing, client_id, refused)


def _sealed_primary(me: Principal, body: ClientCreate) -> dict[str, Any] | None:
    if body.primary_contact_sealed is not None and body.primary_contact_id is None:
        raise BadRequest("primary_contact_sealed goes with primary_contact_id.",
                         [{"loc": "body.primary_contact_sealed", "msg": "only with primary_contact_id"}])
    return person_as_read(me.firm_id, body.primary_contact_id or "", body.primary_contact_sealed,
                          "body.primary_contact_sealed")


def _read_for_create(me: Principal, db: FirmStore, body: ClientCreate,
                     sealed: dict[str, Any] | None) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The firm (for its default professional, unless the principal brought it) and the
    existing primary contact (unless the request gave them back sealed), each only when
    the body needs it, in one read."""
    firm_key = None if body.professional_id or me.default_professional is not None else keys.firm()
    contact_key = keys.contact(body.primary_contact_id) if body.primary_contact_id and not sealed else None
    wanted = [k for k in (firm_key, contact_key) if k]
    if not wanted:
        return None, sealed
    found = Batch(db, wanted)
    return (found.get(firm_key) if firm_key else None), (found.get(contact_key) if contact_key else sealed)


def create(me: Principal, body: ClientCreate):
    """One transaction. An existing primary contact is read first, unless the request
    gives them back sealed: then the write is pinned to the version sealed, and a person
    changed since is taken from the refusal for a second write."""
    _check_one_primary(body)
    db = FirmStore.of(me)
    sealed = _sealed_primary(me, body)
    firm, existing = _read_for_create(me, db, body, sealed)
    client_id = new_id()
    try:
        return _create(me, db, body, client_id, firm, existing, sealed is not None)
    except Outdated as outdated:
        return _create(me, db, body, client_id, firm, outdated.item, False)


def _create(me: Principal, db: FirmStore, body: ClientCreate, client_id: str, firm: dict[str, Any] | None,
            existing: dict[str, Any] | None, sealed: bool):
    changes = Changes(db.work())
    contact = _primary(me, existing, changes, body, client_id, sealed)
    link_items(changes, client_id, contact, contacts.ROLE_FOR_KIND[body.kind], primary=True)
    client = {"id": client_id, "kind": body.kind, "display_name": body.display_name, "legal_name": body.legal_name,
              "professional_id": _professional(me, firm, changes, body.professional_id), "tags": body.tags,
              "notes": body.notes, "status": "active", "primary_contact_id": contact["id"],
              CONTACT_IDS: {contact["id"]}, "created_at": clock.now_iso(), "created_by": me.user_id}
    stored = changes.client(None, with_portal(client, *contacts.portal_weight(contact)))
    changes.commit()
    return staff_view(stored)


def read(me: Principal, client_id: str):
    item = visible_client(me, client_id)
    return staff_view(item) if me.is_staff else client_views([item])[0]


def update(me: Principal, client_id: str, body: ClientUpdate, if_match: int | None):
    """One UpdateItem, which returns the client as stored (at the version the caller saw,
    if they said). A new primary contact must be linked: a condition on the client's own
    copy of its contacts' ids. A colleague named professional must be on the roll the
    principal carries. The caller needs no check: the authorizer found them active staff."""
    fields = body.model_dump(mode="json", exclude_unset=True)
    primary = fields.get("primary_contact_id")
    _check_professional(me, fields.get("professional_id"))
    work = FirmStore.of(me).work()
    work.update(keys.client(client_id), set=changed_fields(client_id, fields), when=_updatable(if_match, primary),
                refused=_not_updatable(if_match, primary))
    return staff_view(work.commit())


def _check_professional(me: Principal, professional_id: str | None) -> None:
    """A colleague named professional is checked on the roll the principal carries (no
    ConditionCheck, so the client's write stays a lone UpdateItem). Only a whole roll is
    carried, which every firm keeps once the backfill ran (chalicelib.backfill)."""
    if professional_id not in (None, me.user_id) and professional_id not in me.colleagues:
        raise not_staff(PROFESSIONAL)


def _updatable(if_match: int | None, primary: str | None) -> ConditionBase | None:
    return all_of(None if if_match is None else at_version(if_match),
                  None if primary is None else Attr(CONTACT_IDS).contains(primary))


def _not_updatable(if_match: int | None, primary: str | None) -> Callable[[dict[str, Any] | None], Exception]:
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or primary is None or (if_match is not None and old["v"] != if_match):
            return stale_client(old)
        return _not_linked()
    return refused


def _not_linked() -> NotFound:
    return NotFound("No such contact of this client.")


def set_status(me: Principal, client_id: str, status: str, if_match: int | None):
    """One UpdateItem, on condition the client is not already there (and at the version
    the caller saw); it returns the client as stored. Its search words and counters follow."""
    when = Attr("status").ne(status)
    work = FirmStore.of(me).work()
    work.update(keys.client(client_id), set={"status": status, "updated_at": clock.now_iso()},
                when=when if if_match is None else when & at_version(if_match), refused=_not_movable(status, if_match))
    return staff_view(work.commit())


def _not_movable(status: str, if_match: int | None) -> Callable[[dict[str, Any] | None], Exception]:
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or (if_match is not None and old["v"] != if_match):
            return stale_client(old)
        return Conflict(f"The client is already {status}.")
    return refused


def list_clients(me: Principal, query: ClientListQuery):
    if not me.is_staff:
        return listing.own_clients(me)
    return listing.find(me, query) if query.q else listing.browse(me, query)
