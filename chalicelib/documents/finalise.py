"""Finalising an upload (a document's first bytes or a later version): what S3 holds is
checked against what was declared (size, type, and the first bytes), and the upload
becomes available or is rejected with its reason and its object deleted. An available
upload becomes the document's current version; older versions stay. Both the explicit
complete call and S3's "Object Created" event finalise; whichever comes first wins, and
the other finds the upload settled and changes nothing (the write is conditional on the
upload still being pending). The complete call that brings the upload's ticket
(tickets.py) reads neither item first: its write is pinned to what the ticket carries."""
from __future__ import annotations

from typing import Any

from chalicelib.aws import files
from chalicelib.core import clock
from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.principal import Principal
from chalicelib.documents import multipart, tickets, types
from chalicelib.documents.models import DocumentClientView, DocumentStaffView, UploadedPart, client_view, staff_view
from chalicelib.documents.records import (AVAILABLE, PENDING, QUARANTINED, REJECTED, SCANNING, SYSTEM, UNSCANNED, Caller,
                                          access_record, area_entry, kept, kept_attribute)
from chalicelib.rooms import feed
from chalicelib.store import Attr, FirmStore, exists, keys

NOT_ARRIVED = "The file has not arrived yet: POST it with the upload form first, then complete."
# GuardDuty Malware Protection for S3 tags each scanned object with its verdict.
CLEAN, INFECTED = "NO_THREATS_FOUND", "THREATS_FOUND"


class _Settled(Exception):
    """The upload was no longer pending when our write reached it."""

    def __init__(self, doc: dict[str, Any] | None) -> None:
        super().__init__("already settled")
        self.doc = doc


class _Unpinned(Exception):
    """What a ticket carried is not what is stored (its upload was settled by another
    call first, or its document has no area entry to update): what is stored is read."""


class _Changed(Exception):
    """The document a ticket carried changed while its upload was pending; `doc` is as
    it now is (the refusal returns it)."""

    def __init__(self, doc: dict[str, Any]) -> None:
        super().__init__("changed since the ticket")
        self.doc = doc


def _changed(old: dict[str, Any] | None) -> Exception:
    return no_upload() if old is None else _Changed(old)


def verdict(doc: dict[str, Any], stored: files.Stored, head: bytes) -> str | None:
    """Why the stored object is not the declared file, or None when it is."""
    if stored.size != doc["size"]:
        return f"The file is {stored.size} bytes; {doc['size']} were declared."
    if stored.content_type.split(";")[0].strip().lower() != doc["content_type"]:
        return f"The file was sent as {stored.content_type or 'no type'}; {doc['content_type']} was declared."
    if not types.looks_like(doc["content_type"], head):
        return f"The file's first bytes do not match its declared type, {doc['content_type']}."
    return None


def complete(me: Principal, document_id: str, who: Caller, parts: list[UploadedPart] | None = None,
             ticket: str | None = None) -> DocumentStaffView | DocumentClientView:
    """The first upload: its version id is the document's own."""
    settled = settle_upload(me, document_id, document_id, who, parts, ticket)
    return staff_view(settled[0], me.firm_id) if me.is_staff else client_view(settled[0], me.firm_id)


def settle_upload(me: Principal, document_id: str, version_id: str, who: Caller, parts: list[UploadedPart] | None,
                  ticket: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """One's own upload, its parts joined first when it was sent in parts, then finalised.
    Its ticket, when sent, stands for the read (tickets.py)."""
    db = FirmStore.of(me)
    if ticket is not None:
        return _arrived(_settle_ticketed(db, me, document_id, version_id, who, parts, ticket))
    doc, version = load_upload(db, me, document_id, version_id)
    if version["status"] == PENDING:
        multipart.assemble(version, parts)
    return _arrived(finalise(db, doc, version, who))


def _arrived(settled: tuple[dict[str, Any], dict[str, Any]] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    if settled is None:
        raise Conflict(NOT_ARRIVED)
    return settled


def _settle_ticketed(db: FirmStore, me: Principal, document_id: str, version_id: str, who: Caller,
                     parts: list[UploadedPart] | None, ticket: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """An upload settled from its ticket: S3 decides, one write pinned to the items as
    the ticket carries them. When they changed meanwhile, what DynamoDB holds decides: a
    settled upload (a repeat, or S3's event first) is read and answered as it is; a
    document changed meanwhile came back with the refusal, and the same outcome is
    written on it. No object: cancelled, rejected or not sent yet, as the stored upload
    says."""
    doc, version = tickets.redeem(me, document_id, version_id, ticket)
    multipart.assemble(version, parts)
    outcome = _outcome(version)
    if outcome is None:
        return _as_stored(db, me, document_id, version_id, who, None)
    try:
        return _settled(db, doc, version, who, *outcome, pinned=True)
    except _Changed as changed:
        return _settled(db, changed.doc, version, who, *outcome)
    except _Unpinned:
        return _as_stored(db, me, document_id, version_id, who, outcome)


def _as_stored(db: FirmStore, me: Principal, document_id: str, version_id: str, who: Caller,
               outcome: tuple[str, str | None, str | None] | None) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """What DynamoDB holds decides: a pending upload takes the outcome S3 gave (a refused
    file's bytes may be gone already), a settled one is answered as it is."""
    doc, version = load_upload(db, me, document_id, version_id)
    if outcome is None or version["status"] != PENDING:
        return finalise(db, doc, version, who)
    return _settled(db, doc, version, who, *outcome)


def load_upload(db: FirmStore, me: Principal, document_id: str,
                version_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document and one of its uploads, read together and consistently. Only the
    person who started an upload completes it; to anyone else it does not exist."""
    found = {i["SK"]: i for i in db.get_many([keys.document(document_id),
                                              keys.document_version(document_id, version_id)], consistent=True)}
    doc, version = found.get("DOC"), found.get(keys.document_version(document_id, version_id)["SK"])
    if doc is None or version is None or version["uploaded_by"] != me.user_id:
        raise no_upload()
    return doc, version


def no_upload() -> NotFound:
    return NotFound("No such upload.")


def finalise(db: FirmStore, doc: dict[str, Any], version: dict[str, Any],
             who: Caller = SYSTEM) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The document and the upload as settled (or as they already were), or None while
    nothing has arrived."""
    if version["status"] == SCANNING:
        return _scanned(db, doc, version, who)
    if version["status"] != PENDING:
        return doc, version
    outcome = _outcome(version)
    return None if outcome is None else _settled(db, doc, version, who, *outcome)


def _outcome(version: dict[str, Any]) -> tuple[str, str | None, str | None] | None:
    """What S3 holds makes of a pending upload (its status, why, the object's S3 version),
    or None while nothing has arrived."""
    stored = files.head(version["key"])
    if stored is None:
        return None
    reason = verdict(version, stored, files.first_bytes(version["key"], min(types.SNIFF_BYTES, stored.size)))
    if reason is not None:
        return REJECTED, reason, stored.version_id
    status, reason = scan_outcome(files.scan_status(version["key"])) if files.scanning() else (AVAILABLE, None)
    return status, reason, stored.version_id


def scan_outcome(tag: str | None) -> tuple[str, str | None]:
    """What GuardDuty's verdict tag makes of an upload (no tag yet: still scanning)."""
    if tag is None:
        return SCANNING, None
    if tag == CLEAN:
        return AVAILABLE, None
    if tag == INFECTED:
        return QUARANTINED, "The malware scan found a threat in the file; it was deleted."
    return UNSCANNED, f"The malware scan could not check the file ({tag}); it is kept but not downloadable."


def _scanned(db: FirmStore, doc: dict[str, Any], version: dict[str, Any],
             who: Caller) -> tuple[dict[str, Any], dict[str, Any]]:
    """An upload waiting for its verdict: settled once the tag is there."""
    status, reason = scan_outcome(files.scan_status(version["key"]))
    if status == SCANNING:
        return doc, version
    return _settled(db, doc, version, who, status, reason, version.get("version_id"))


def _settled(db: FirmStore, doc: dict[str, Any], version: dict[str, Any], who: Caller, status: str,
             reason: str | None, s3_version: str | None,
             pinned: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """Writes the outcome unless another call settled the upload first. A refused file's
    bytes go first, whoever settles it: a failure in between leaves the upload as it was,
    for the next call or the event's retry to settle. `pinned` (items a ticket carried):
    settled first is _Unpinned, for the caller to read what it became."""
    if status in (REJECTED, QUARANTINED):
        files.delete_every_version(version["key"])
    try:
        return _settle(db, doc, version, who, status, reason, s3_version, pinned)
    except _Settled as already:
        if pinned:
            raise _Unpinned() from already
        return doc, already.doc or version


def abandon(db: FirmStore, doc: dict[str, Any], version: dict[str, Any], who: Caller,
            reason: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Rejects a pending multipart upload, then drops its parts: the conditional write
    decides against a complete call at the same moment (None: that call settled it). An
    object joined just before is deleted too, so nothing of it stays."""
    try:
        settled = _settle(db, doc, version, who, REJECTED, reason, None)
    except _Settled:
        return None
    drop_parts(version)
    return settled


def drop_parts(version: dict[str, Any]) -> None:
    """S3 drops a rejected multipart upload's parts, and an object joined just before."""
    files.abort_multipart(version["key"], version["upload_id"])
    if files.head(version["key"]) is not None:
        files.delete_every_version(version["key"])


# What the trail calls each outcome of an upload (an available one: uploaded or versioned).
_ACTIONS = {REJECTED: "rejected", SCANNING: "scanning", QUARANTINED: "quarantined", UNSCANNED: "unscanned"}


def _settle(db: FirmStore, doc: dict[str, Any], version: dict[str, Any], who: Caller, status: str,
            reason: str | None, s3_version: str | None,
            pinned: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    now, first = clock.now_iso(), version["id"] == doc["id"]
    count = doc.get("version_count", 0)
    changes = _changes(status, reason, now, s3_version, count)
    work = db.work()
    work.update(keys.document_version(doc["id"], version["id"]), set=changes,
                when=Attr("status").eq(version["status"]), refused=_Settled)
    action = "uploaded" if first else "versioned"
    work.create(access_record(doc, _ACTIONS.get(status, action), who, reason, version=version["id"]))
    current = _current(doc, version, changes, first)
    held = {kept_attribute(version["id"]): kept(version, status, s3_version)}
    if current:
        work.update(keys.document(doc["id"]), set={**current, **held},
                    add={} if status != AVAILABLE else {"stored_bytes": version["size"]},
                    when=_unchanged(doc) & Attr("v").eq(doc["v"]) if pinned else _unchanged(doc),
                    refused=_changed if pinned else _moved)
    else:  # the document stays as it is, and keeps what its downloads of this version need
        work.count(keys.document(doc["id"]), {}, set=held, when=exists())
    settled = {**doc, **current, "v": doc["v"] + 1} if current else doc
    if current:
        _rewrite_area_entry(work, settled, current, pinned)
    if status == AVAILABLE:
        _announce(work, settled, "document_shared" if first else "document_versioned")
        _count(work, doc, version["size"], 1 if first else 0)
    work.commit()
    return settled, {**version, **changes, "v": version["v"] + 1}


def _rewrite_area_entry(work: Any, settled: dict[str, Any], current: dict[str, Any], pinned: bool) -> None:
    """The area entry copies the settled document. A ticket may carry only part of it, but
    pins its version: what changes, and that version, are set on the entry."""
    if pinned:
        work.count(keys.document_area_entry(settled["id"]), {}, set={**current, "v": settled["v"]}, when=exists(),
                   refused=lambda _: _Unpinned())
    else:
        work.put(area_entry(settled))


def _changes(status: str, reason: str | None, now: str, s3_version: str | None, count: int) -> dict[str, Any]:
    if status == AVAILABLE:
        return {"status": AVAILABLE, "available_at": now, "version_id": s3_version, "number": count + 1}
    if status == REJECTED:
        return {"status": REJECTED, "reason": reason, "rejected_at": now}
    scanned = {"reason": reason, "scanned_at": now} if reason else {}
    return {"status": status, "version_id": s3_version, **scanned}


def _current(doc: dict[str, Any], version: dict[str, Any], changes: dict[str, Any],
             first: bool) -> dict[str, Any]:
    """What the document takes from a settled upload: a first upload settles the document
    itself; a later available one becomes its current version (name, type and bytes)."""
    if changes["status"] != AVAILABLE:
        return {k: changes[k] for k in ("status", "reason", "rejected_at", "scanned_at") if k in changes} \
            if first else {}
    # A first upload keeps the name the document has now: staff may have renamed it while it was pending.
    file_name = doc["file_name"] if first else version["file_name"]
    return {"status": AVAILABLE, "available_at": doc.get("available_at") or changes["available_at"],
            "updated_at": changes["available_at"], "version_id": changes["version_id"], "key": version["key"],
            "size": version["size"], "content_type": version["content_type"], "file_name": file_name,
            "name_folded": file_name.casefold(), "current_version": version["id"],
            "version_count": changes["number"]}


def _unchanged(doc: dict[str, Any]) -> Any:
    """The document is still as read: same state, no other version settled meanwhile."""
    same_count = Attr("version_count").eq(doc["version_count"]) if "version_count" in doc \
        else Attr("version_count").not_exists()
    return Attr("status").eq(doc["status"]) & same_count


def _moved(old: dict[str, Any] | None) -> Exception:
    if old is not None and old["status"] not in (PENDING, AVAILABLE):
        return Conflict(f"The document is {old['status']}; restore it before adding a version.")
    return Conflict("Another version of this document was completed at the same moment; complete again.")


def _count(work: Any, doc: dict[str, Any], size: int, documents: int) -> None:
    """Storage used, per firm and per client: every kept version counts."""
    deltas = {"storage_bytes": size, "document_count": documents}
    work.count(keys.firm(), deltas)
    work.count(keys.client(doc["client_id"]), deltas)


def _announce(work: Any, doc: dict[str, Any], kind: str) -> None:
    if not doc.get("room_id"):
        return  # a document of the client's area has no room feed
    visibility = feed.INTERNAL if doc.get("internal") else feed.CLIENT_VISIBLE
    feed.append(work, doc["room_id"], kind, visibility,
                {"document_id": doc["id"], "file_name": doc["file_name"], "size": doc["size"]},
                actor={"id": doc["uploaded_by"], "name": doc.get("uploaded_by_name", "")})
