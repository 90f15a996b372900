"""The one-off backfill that gives every client made before it kept a copy of its contacts'
ids (`CONTACT_IDS`, records.py) that copy, from its links, so naming a primary contact is
always a condition on the client's own UpdateItem.

Each link found and missing from the copy is ADDed to it in one transaction with a
ConditionCheck that the link still exists, so a person unlinked meanwhile is refused
rather than copied (the links are then read again). A person linked meanwhile is ADDed by
the link itself once the copy exists (members.py), or found by the next look, which comes
after every write. A client whose copy lists all its links is left alone, so running it
again changes nothing. Part of `python -m chalicelib.backfill`."""
from __future__ import annotations

from chalicelib.clients.records import CONTACT_IDS, client_and_links
from chalicelib.store import FirmStore, exists, keys
from chalicelib.store.rereading import until_unmoved

_PER_TRANSACTION = 99  # and the client's own update: a transaction holds 100 items


def backfill(firm_id: str) -> int:
    """Completes each client's copy of its contacts' ids; returns how many clients it wrote."""
    db = FirmStore.trusted(firm_id)
    return sum(until_unmoved(lambda: _complete(db, c["id"]), f"the links of client {c['id']}")
               for c in db.query_all(keys.CLIENTS, index="GSI2", limit=100))


def _complete(db: FirmStore, client_id: str) -> int:
    wrote = 0
    while missing := _missing_links(db, client_id):
        for start in range(0, len(missing), _PER_TRANSACTION):
            _copy(db, client_id, missing[start:start + _PER_TRANSACTION])
        wrote = 1
    return wrote


def _missing_links(db: FirmStore, client_id: str) -> list[str]:
    client, links = client_and_links(db, client_id)
    copied = (client or {}).get(CONTACT_IDS, [])
    return sorted(link["contact_id"] for link in links if link["contact_id"] not in copied)


def _copy(db: FirmStore, client_id: str, contact_ids: list[str]) -> None:
    work = db.work()
    work.count(keys.client(client_id), {CONTACT_IDS: set(contact_ids)}, when=exists())
    for contact_id in contact_ids:
        work.check(keys.client_contact(client_id, contact_id), exists())
    work.commit()
