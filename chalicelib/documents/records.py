"""Stored documents and their access records. A document item is the source of truth;
its list index keys put it in the room's lists (staff: every document; portal users:
the client-visible ones only). Access records sit in the document's partition and in
the client's trail, so both histories are one Query."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from chalicelib.core import clock
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.store import keys

PENDING, AVAILABLE, REJECTED = "pending", "available", "rejected"
# Where a stage scans for malware (GuardDuty), an upload that passed Atrium's own checks
# waits in SCANNING for the verdict tag: clean makes it available; a threat QUARANTINED
# (its bytes deleted, staff alerted); a scan that could not run UNSCANNED (bytes kept,
# never downloadable). Only AVAILABLE is ever downloaded.
SCANNING, QUARANTINED, UNSCANNED = "scanning", "quarantined", "unscanned"
# The states of an upload that only staff and its uploader see.
UNSETTLED = (PENDING, REJECTED, SCANNING, QUARANTINED, UNSCANNED)
# A trashed document keeps its bytes for TRASH_DAYS, then the sweep purges them; the
# document item stays behind (status purged) so its audit trail still names it.
TRASHED, PURGED = "trashed", "purged"
TRASH_DAYS = 30


@dataclass(frozen=True)
class Caller:
    """Who did something to a document, as the audit trail keeps it."""
    user_id: str | None
    role: str | None
    source_ip: str | None = None
    user_agent: str | None = None

    @classmethod
    def of(cls, me: Principal, source_ip: str | None, user_agent: str | None) -> "Caller":
        return cls(me.user_id, me.role, (source_ip or "")[:64] or None, (user_agent or "")[:512] or None)

    @classmethod
    def named_in(cls, change: dict[str, Any]) -> "Caller":
        """Who a change kept on its item (`filing.filing`) names, for the trail that follows it."""
        return cls(change["user_id"], change["role"], change.get("source_ip"), change.get("user_agent"))


SYSTEM = Caller(None, "system")


def filing(action: str, who: Caller) -> dict[str, Any]:
    """What the trail records of a change, kept on the item it changed (a filing change,
    a download, a cancelling): the record follows from the stream under this id and time."""
    return {"id": new_id(), "action": action, "at": clock.now_iso(), "user_id": who.user_id, "role": who.role,
            "source_ip": who.source_ip, "user_agent": who.user_agent}


# A document keeps, per settled upload, what a download of that version needs
# (`kept_<version>`), so downloading an older version reads nothing but the document.
KEPT = "kept_"


def kept_attribute(version_id: str) -> str:
    return f"{KEPT}{version_id}"


def kept(version: dict[str, Any], status: str, s3_version: str | None) -> dict[str, Any]:
    return _present({"status": status, "key": version["key"], "file_name": version["file_name"],
                     "content_type": version["content_type"], "version_id": s3_version})


def iso_after(seconds: int) -> str:
    return clock.iso(clock.now() + timedelta(seconds=seconds))


def storage_key(firm_id: str, place_id: str, document_id: str, version_id: str) -> str:
    """Tenant first, then ids only: nothing a person typed ever reaches a key."""
    return f"{firm_id}/{place_id}/{document_id}/{version_id}"


def new_document(*, document_id: str, key: str, client_id: str, room_id: str | None, uploader: dict[str, str],
                 body: Any) -> dict[str, Any]:
    """A pending document of a room, or of the client's own document area (no room).
    `body` is what the upload declared (DocumentCreate)."""
    doc = {**keys.document(document_id), "type": "document", "id": document_id, "room_id": room_id,
           "client_id": client_id, "internal": body.internal, "file_name": body.file_name,
           "name_folded": body.file_name.casefold(), "content_type": body.content_type, "size": body.size,
           "status": PENDING, "key": key, "uploaded_by": uploader["id"], "uploaded_by_name": uploader["name"],
           "uploaded_by_side": uploader["side"], "created_at": clock.now_iso(), "folder": body.folder,
           "current_version": document_id, "version_count": 0}
    return _present({**doc, **listed(doc)})


def _present(item: dict[str, Any]) -> dict[str, Any]:
    """A new item holds no empty attribute (an index key may not be null)."""
    return {k: v for k, v in item.items() if v is not None}


def listed(doc: dict[str, Any]) -> dict[str, Any]:
    """The index keys that put a live document in its room's lists (staff: every one;
    portal users: the client-visible ones); a document of the client's area has none.
    Trashing swaps them for the trash's entry; a None value removes an attribute when
    written by an update."""
    in_room, visible = bool(doc.get("room_id")), not doc.get("internal")
    return {"GSI1PK": keys.room_documents(doc["room_id"]) if in_room else None,
            "GSI1SK": doc["id"] if in_room else None,
            "GSI2PK": keys.client_room_documents(doc["room_id"]) if in_room and visible else None,
            "GSI2SK": doc["id"] if in_room and visible else None}


_NOT_COPIED = ("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "type", "last_download", "download_count")


def area_entry(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as its client's document area lists it: a copy, rewritten in every
    transaction that changes the document, whose index keys put it in the client's list
    (staff: every one; portal users: the client-visible ones). Trashed and purged
    documents keep the copy but leave the lists."""
    entry = {**{k: v for k, v in doc.items() if k not in _NOT_COPIED and not k.startswith(KEPT)},
             **keys.document_area_entry(doc["id"]),
             "type": "document_area_entry"}
    if doc["status"] not in (TRASHED, PURGED):
        entry.update(GSI1PK=keys.client_documents(doc["client_id"]), GSI1SK=doc["id"])
        if not doc.get("internal"):
            entry.update(GSI2PK=keys.client_area(doc["client_id"]), GSI2SK=doc["id"])
    return _present(entry)


def new_version(doc: dict[str, Any], version_id: str, key: str, uploader: dict[str, str], *, file_name: str,
                content_type: str, size: int) -> dict[str, Any]:
    """One upload of the document's bytes, pending until finalised. The first upload's
    version id is the document's own, so finalising it needs no lookup."""
    return {**keys.document_version(doc["id"], version_id), "type": "document_version", "id": version_id,
            "document_id": doc["id"], "file_name": file_name, "content_type": content_type, "size": size,
            "status": PENDING, "key": key, "uploaded_by": uploader["id"], "uploaded_by_name": uploader["name"],
            "uploaded_by_side": uploader["side"], "created_at": clock.now_iso()}


def first_version(doc: dict[str, Any]) -> dict[str, Any]:
    uploader = {"id": doc["uploaded_by"], "name": doc["uploaded_by_name"], "side": doc["uploaded_by_side"]}
    return new_version(doc, doc["id"], doc["key"], uploader, file_name=doc["file_name"],
                       content_type=doc["content_type"], size=doc["size"])


def access_record(doc: dict[str, Any], action: str, who: Caller, detail: str | None = None,
                  version: str | None = None, access_id: str | None = None, at: str | None = None) -> dict[str, Any]:
    """`version` is the id of the document version concerned (S3's own version id is
    `version_id` on documents and versions). A record written after the change it
    reports (from the stream) takes the change's own id and time."""
    access_id = access_id or new_id()
    return {**keys.document_access(doc["id"], access_id), "type": "document_access", "id": access_id,
            "document_id": doc["id"], "version": version, "file_name": doc["file_name"], "action": action,
            "at": at or clock.now_iso(),
            "user_id": who.user_id, "user_role": who.role, "source_ip": who.source_ip,
            "user_agent": who.user_agent, "detail": detail,
            "GSI2PK": keys.document_trail(doc["client_id"]), "GSI2SK": access_id}


def may_read(me: Principal, doc: dict[str, Any]) -> bool:
    """Staff read every document of the firm; a portal user reads the client-visible
    documents of their own clients (room membership is checked against the room)."""
    if me.is_staff:
        return True
    return not doc.get("internal") and doc.get("client_id") in me.client_ids and (
        doc["status"] == AVAILABLE or (doc["status"] in UNSETTLED and doc["uploaded_by"] == me.user_id))
