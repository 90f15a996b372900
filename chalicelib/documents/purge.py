"""The purge: documents whose time in the trash is over lose every byte of every version,
and the deletion is written into their audit trail. Run by the 15-minute sweep for each
firm that ever trashed a document; one Query of the trash's index finds what is due.

The bytes go first, then the document item (status purged, out of the trash list) with
its access record and the storage counters, in one transaction. Restoring is refused once
`purge_at` has passed, so nothing can bring a document back between the two; a failure
in between leaves the document in the trash, and the next sweep deletes again (deleting
what is already gone is harmless)."""
from __future__ import annotations

import logging
from typing import Any

from chalicelib.aws import files
from chalicelib.core import clock
from chalicelib.core.errors import WriteDeclined
from chalicelib.documents.records import PURGED, SYSTEM, TRASHED, access_record, area_entry
from chalicelib.store import Attr, FirmStore, keys

log = logging.getLogger(__name__)


def purge_due(db: FirmStore) -> int:
    now = clock.now_iso()
    due = list(db.query_all(keys.DOCUMENT_TRASH, index="GSI1", sk_between=("0", now), limit=100))
    return sum(_purge(db, doc, now) for doc in due)


def _prefix(doc: dict[str, Any]) -> str:
    """Every version of a document is stored under the same `<firm>/<place>/<document>/`."""
    return doc["key"].rsplit("/", 1)[0] + "/"


def _purge(db: FirmStore, doc: dict[str, Any], now: str) -> bool:
    deleted = files.delete_everything_under(_prefix(doc))
    work = db.work()
    changes = {"status": PURGED, "purged_at": now, "GSI1PK": None, "GSI1SK": None}
    work.update(keys.document(doc["id"]), set=changes, when=Attr("status").eq(TRASHED) & Attr("purge_at").eq(doc["purge_at"]))
    work.put(area_entry({**doc, **changes}))
    work.create(access_record(doc, "purged", SYSTEM, f"{deleted} stored objects deleted after "
                                                      f"{doc['trashed_at']} in the trash"))
    # Storage counts every kept version; a document counts once it was ever available.
    deltas = {"storage_bytes": -int(doc.get("stored_bytes", 0)),
              "document_count": -1 if doc.get("version_count", 0) else 0}
    work.count(keys.firm(), deltas)
    work.count(keys.client(doc["client_id"]), deltas)
    try:
        work.commit()
    except WriteDeclined:
        log.warning("purge declined", extra={"document_id": doc["id"]})
        return False
    return True
