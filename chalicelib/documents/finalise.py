"""Finalising an upload: what S3 holds is checked against what was declared (size, type,
and the first bytes), and the document becomes available or is rejected with its reason
and its object deleted. Both the explicit complete call and S3's "Object Created" event
finalise; whichever comes first wins, and the other finds the document settled and
changes nothing (the write is conditional on the document still being pending)."""
from __future__ import annotations

from typing import Any

from chalicelib.aws import files
from chalicelib.core import clock
from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.principal import Principal
from chalicelib.documents import types
from chalicelib.documents.models import DocumentClientView, DocumentStaffView, client_view, staff_view
from chalicelib.documents.records import AVAILABLE, PENDING, REJECTED, SYSTEM, Caller, access_record
from chalicelib.rooms import feed
from chalicelib.store import Attr, FirmStore, keys

NOT_ARRIVED = "The file has not arrived yet: POST it with the upload form first, then complete."
# GuardDuty Malware Protection for S3 tags each scanned object with its verdict.
CLEAN, INFECTED = "NO_THREATS_FOUND", "THREATS_FOUND"


class _Settled(Exception):
    """The document was no longer pending when our write reached it."""

    def __init__(self, doc: dict[str, Any] | None) -> None:
        super().__init__("already settled")
        self.doc = doc


def verdict(doc: dict[str, Any], stored: files.Stored, head: bytes) -> str | None:
    """Why the stored object is not the declared file, or None when it is."""
    if stored.size != doc["size"]:
        return f"The file is {stored.size} bytes; {doc['size']} were declared."
    if stored.content_type.split(";")[0].strip().lower() != doc["content_type"]:
        return f"The file was sent as {stored.content_type or 'no type'}; {doc['content_type']} was declared."
    if not types.looks_like(doc["content_type"], head):
        return f"The file's first bytes do not match its declared type, {doc['content_type']}."
    return None


def complete(me: Principal, document_id: str, who: Caller) -> DocumentStaffView | DocumentClientView:
    db = FirmStore.of(me)
    doc = db.get(keys.document(document_id), consistent=True)
    # Only the person who started an upload completes it; to anyone else it does not exist.
    if doc is None or doc["uploaded_by"] != me.user_id:
        raise NotFound("No such upload.")
    settled = finalise(db, doc, who)
    if settled is None:
        raise Conflict(NOT_ARRIVED)
    return staff_view(settled) if me.is_staff else client_view(settled)


def finalise(db: FirmStore, doc: dict[str, Any], who: Caller = SYSTEM) -> dict[str, Any] | None:
    """The document as settled (or as it already was), or None while nothing has arrived."""
    if doc["status"] != PENDING:
        return doc
    stored = files.head(doc["key"])
    if stored is None:
        return None
    reason = verdict(doc, stored, files.first_bytes(doc["key"], min(types.SNIFF_BYTES, stored.size)))
    if reason is None and files.scanning():
        status = files.scan_status(doc["key"])
        if status is None:
            return None  # the scan has not answered yet; its tag event finalises later
        if status != CLEAN:
            reason = "The malware scan found a threat in the file." if status == INFECTED else \
                f"The malware scan could not check the file ({status})."
    if reason is not None:
        files.delete_every_version(doc["key"])
    try:
        return _settle(db, doc, who, reason, stored.version_id)
    except _Settled as already:
        return already.doc


def _settle(db: FirmStore, doc: dict[str, Any], who: Caller, reason: str | None,
            version_id: str | None) -> dict[str, Any]:
    now = clock.now_iso()
    changes: dict[str, Any] = ({"status": REJECTED, "reason": reason, "rejected_at": now} if reason else
                               {"status": AVAILABLE, "available_at": now, "version_id": version_id})
    work = db.work()
    work.update(keys.document(doc["id"]), set=changes, when=Attr("status").eq(PENDING), refused=_Settled)
    work.create(access_record(doc, "rejected" if reason else "uploaded", who, reason))
    if reason is None:
        _announce(work, doc)
        work.count(keys.firm(), {"storage_bytes": doc["size"], "document_count": 1})
        work.count(keys.client(doc["client_id"]), {"storage_bytes": doc["size"], "document_count": 1})
    work.commit()
    return {**doc, **changes, "v": doc["v"] + 1}


def _announce(work: Any, doc: dict[str, Any]) -> None:
    visibility = feed.INTERNAL if doc.get("internal") else feed.CLIENT_VISIBLE
    feed.append(work, doc["room_id"], "document_shared", visibility,
                {"document_id": doc["id"], "file_name": doc["file_name"], "size": doc["size"]},
                actor={"id": doc["uploaded_by"], "name": doc.get("uploaded_by_name", "")})
