"""Contact use cases: reading and changing a person (their links to clients are the
clients domain's)."""
from __future__ import annotations

from typing import Any

from chalicelib.contacts import records
from chalicelib.contacts.models import ContactUpdate, contact_view
from chalicelib.core.principal import Principal
from chalicelib.store import FirmStore, at_version, keys


def read(me: Principal, contact_id: str):
    return contact_view(records.get_contact_item(FirmStore.of(me), contact_id))


def update(me: Principal, contact_id: str, body: ContactUpdate, if_match: int | None):
    """One UpdateItem, which returns the person as stored (at the version the caller saw,
    if they said). New emails move the person's claims in each of their clients in the same
    write, which must hold at write time: only then is the person read first, for the
    emails before and the clients."""
    fields = body.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    if "last_name" in body.model_fields_set and body.last_name is None:
        fields["last_name"] = None  # cleared; a null first name keeps it
    db = FirmStore.of(me)
    if "emails" in fields:
        return _update_with_claims(db, contact_id, fields, if_match)
    work = db.work()
    work.update(keys.contact(contact_id), set=fields, when=None if if_match is None else at_version(if_match),
                refused=records.stale_contact)
    return contact_view(work.commit())


def _update_with_claims(db: FirmStore, contact_id: str, fields: dict[str, Any], if_match: int | None):
    contact = records.get_contact_item(db, contact_id)
    after = {**contact, **fields}
    expected = contact["v"] if if_match is None else if_match
    work = db.work()
    work.update(keys.contact(contact_id), set=fields, when=at_version(expected), refused=records.stale_contact)
    old_claims, new_claims = records.claimed_emails(contact), records.claimed_emails(after)
    for client_id in contact.get("client_ids", []):
        records.claim_emails(work, client_id, contact_id, new_claims - old_claims, old_claims - new_claims)
    stored = work.commit()
    return contact_view(stored or {**after, "v": expected + 1})
