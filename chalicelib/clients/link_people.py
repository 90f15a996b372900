"""The one-off backfill that gives every contact link written before links carried a copy
of their person (`person`, links.py) that copy, so a page of a client's contacts is one
Query with no read of the people.

Each such link gets its person as stored now, on condition it still has no copy and still
exists: a copy that followed from the stream meanwhile is as new or newer, and stands.
A link of a person no longer stored is left as it is (the page leaves it out). Running it
again finds no link without a copy. Part of `python -m chalicelib.backfill`."""
from __future__ import annotations

from chalicelib.clients.links import person_copy
from chalicelib.clients.records import client_and_links
from chalicelib.store import Attr, FirmStore, exists, keys
from chalicelib.store.work import Refused


def backfill(firm_id: str) -> int:
    """Copies the person onto each link that lacks one; returns how many links it wrote."""
    db = FirmStore.trusted(firm_id)
    return sum(_copy_people(db, c["id"]) for c in db.query_all(keys.CLIENTS, index="GSI2", limit=100))


def _copy_people(db: FirmStore, client_id: str) -> int:
    bare = [link["contact_id"] for link in client_and_links(db, client_id)[1] if "person" not in link]
    people = db.get_many([keys.contact(contact_id) for contact_id in bare]) if bare else []
    return sum(_copy(db, client_id, person) for person in people)


def _copy(db: FirmStore, client_id: str, person: dict) -> int:
    work = db.work()
    work.count(keys.client_contact(client_id, person["id"]), {}, set={"person": person_copy(person)},
               when=exists() & Attr("person").not_exists())
    try:
        work.commit()
        return 1
    except Refused:
        return 0  # gone, or its copy followed from the stream meanwhile
