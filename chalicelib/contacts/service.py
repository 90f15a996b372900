"""Contact use cases: reading and changing a person (their links to clients are the
clients domain's). Staff get the person sealed with each answer (`as_read`)."""
from __future__ import annotations

from typing import Any

from chalicelib.contacts import records
from chalicelib.contacts.as_read import person_as_read, seal_person
from chalicelib.contacts.models import ContactUpdate, SealedContactView, contact_view
from chalicelib.core.principal import Principal
from chalicelib.core.sealed import Outdated, outdated_or
from chalicelib.store import FirmStore, at_version, keys

SEALED = "body.sealed"


def read(me: Principal, contact_id: str) -> SealedContactView:
    return _answer(me, records.get_contact_item(FirmStore.of(me), contact_id))


def _answer(me: Principal, contact: dict[str, Any]) -> SealedContactView:
    return SealedContactView(**contact_view(contact).model_dump(), sealed=seal_person(me.firm_id, contact))


def update(me: Principal, contact_id: str, body: ContactUpdate, if_match: int | None) -> SealedContactView:
    """One UpdateItem, which returns the person as stored (at the version the caller saw,
    if they said). New emails move the person's claims in each of their clients in the same
    write, which must hold at write time: the person's emails before and their clients
    come from the sealed person the request gives back, else from a read first."""
    fields = body.model_dump(mode="json", exclude_unset=True, exclude_none=True, exclude={"sealed"})
    if "last_name" in body.model_fields_set and body.last_name is None:
        fields["last_name"] = None  # cleared; a null first name keeps it
    db = FirmStore.of(me)
    if "emails" in fields:
        return _answer(me, _update_with_claims(db, me, contact_id, fields, if_match, body.sealed))
    work = db.work()
    work.update(keys.contact(contact_id), set=fields, when=None if if_match is None else at_version(if_match),
                refused=records.stale_contact)
    return _answer(me, work.commit())


def _update_with_claims(db: FirmStore, me: Principal, contact_id: str, fields: dict[str, Any],
                        if_match: int | None, sealed: str | None) -> dict[str, Any]:
    """From the sealed person when it is the version the caller pinned (or they pinned
    none), else from a read. A sealed person changed since, with no version pinned, is
    the refusal's to supply: the write is made again from the person it returns."""
    known = person_as_read(me.firm_id, contact_id, sealed, SEALED)
    if known is None or if_match not in (None, known["v"]):
        return _move_claims(db, records.get_contact_item(db, contact_id), fields, if_match)
    try:
        return _move_claims(db, known, fields, if_match, outdated_ok=if_match is None)
    except Outdated as outdated:
        return _move_claims(db, outdated.item, fields, if_match)


def _move_claims(db: FirmStore, contact: dict[str, Any], fields: dict[str, Any], if_match: int | None,
                 outdated_ok: bool = False) -> dict[str, Any]:
    """The person at the version `contact` is (or the caller pinned) and their claims moved
    in each of their clients, in one transaction. Returns the person as stored."""
    after = {**contact, **fields}
    expected = contact["v"] if if_match is None else if_match
    refused = outdated_or(records.stale_contact) if outdated_ok else records.stale_contact
    work = db.work()
    work.update(keys.contact(contact["id"]), set=fields, when=at_version(expected), refused=refused)
    old_claims, new_claims = records.claimed_emails(contact), records.claimed_emails(after)
    for client_id in contact.get("client_ids", []):
        records.claim_emails(work, client_id, contact["id"], new_claims - old_claims, old_claims - new_claims)
    stored = work.commit()
    return stored or {**after, "v": expected + 1}
