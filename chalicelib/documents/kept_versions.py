"""The one-off backfill that gives every document stored before documents kept their
versions (`kept_<version>`, records.py) a copy of each of its uploads' outcomes, from the
version items, so a download of any version is one UpdateItem on the document.

A document is found through its client's document area (every live document has an
entry there, a room's too) or the trash. Only the missing copies are written, ADD-free
and without a version bump, on condition each is still missing: an upload settled
meanwhile kept its own, which stands, and the document is read again. A document that
keeps its first upload (`kept_<document id>`) is left alone, so running it again changes
nothing. Part of `python -m chalicelib.backfill`."""
from __future__ import annotations

from typing import Any, Iterator

from chalicelib.documents.records import PENDING, kept, kept_attribute
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.store.conditions import all_of
from chalicelib.store.rereading import until_unmoved


def backfill(firm_id: str) -> int:
    """Keeps the versions of the documents that keep none; returns how many documents it wrote."""
    db = FirmStore.trusted(firm_id)
    return sum(until_unmoved(lambda: _keep(db, doc_id), f"the document {doc_id}")
               for doc_id in sorted(set(_document_ids(db))))


def _document_ids(db: FirmStore) -> Iterator[str]:
    for client in db.query_all(keys.CLIENTS, index="GSI2", limit=100):
        listed = db.query_all(keys.client_documents(client["id"]), index="GSI1", limit=100)
        yield from (e["id"] for e in listed if e.get("type") == "document_area_entry")
    yield from (d["id"] for d in db.query_all(keys.DOCUMENT_TRASH, index="GSI1", limit=100))


def _keep(db: FirmStore, document_id: str) -> int:
    items = list(db.query_all(keys.document_partition(document_id), sk_between=keys.VERSION_RANGE, limit=100))
    doc = next((i for i in items if i["SK"] == "DOC"), None)
    if doc is None or kept_attribute(document_id) in doc:
        return 0
    copies = {kept_attribute(v["id"]): _outcome(v) for v in items
              if v["SK"].startswith(keys.VERSION) and kept_attribute(v["id"]) not in doc}
    if not copies:
        return 0  # no upload of it is stored: nothing to keep
    work = db.work()
    work.count(keys.document(document_id), {}, set=copies, when=all_of(*(Attr(a).not_exists() for a in copies)))
    work.commit()
    return 1


def _outcome(version: dict[str, Any]) -> dict[str, Any]:
    """What the document keeps of an upload, as the upload's own writes keep it."""
    if version["status"] == PENDING:
        return {"status": PENDING}
    return kept(version, version["status"], version.get("version_id"))
