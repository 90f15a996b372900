"""S3 tells EventBridge when an object arrives (and when GuardDuty tags its scan
verdict); this finalises the upload (a document or a new version of one) the object belongs to, exactly as the complete
call does. Whichever comes first settles it; the other finds it settled."""
from __future__ import annotations

import logging
from typing import Any

from chalicelib.core.config import settings
from chalicelib.documents.finalise import finalise
from chalicelib.store import FirmStore, keys

log = logging.getLogger(__name__)
HANDLED = ("Object Created", "Object Tags Added")


def _ignored(why: str, key: str = "") -> dict[str, Any]:
    log.info("document event ignored", extra={"reason": why, "key": key})
    return {"ignored": why}


def on_object_event(event: dict[str, Any]) -> dict[str, Any]:
    detail = event.get("detail") or {}
    key = str((detail.get("object") or {}).get("key") or "")
    if event.get("detail-type") not in HANDLED:
        return _ignored("not an arrival or a scan verdict", key)
    if (detail.get("bucket") or {}).get("name") != settings().bucket:
        return _ignored("another bucket", key)
    if not is_document_key(key):
        return _ignored("not a document key", key)
    found = upload_at(key)
    if found is None:
        return _ignored("no upload has this key", key)
    db, doc, version = found
    settled = finalise(db, doc, version)
    return {"document_id": doc["id"], "status": settled[1]["status"] if settled else version["status"]}


def is_document_key(key: str) -> bool:
    parts = key.split("/")
    return len(parts) == 4 and all(parts) and not any("#" in p for p in parts)


def upload_at(key: str) -> tuple[FirmStore, dict[str, Any], dict[str, Any]] | None:
    """The firm's store, the document and its upload that a document key names."""
    firm_id, _, document_id, upload_id = key.split("/")
    # Trusted: the key names its firm and was chosen by Atrium when the upload began (a
    # presigned form can write no other key), and the upload must name this exact key.
    db = FirmStore.trusted(firm_id)
    found = {i["SK"]: i for i in db.get_many([keys.document(document_id), keys.document_version(document_id, upload_id)],
                                             consistent=True)}
    doc, version = found.get("DOC"), found.get(keys.document_version(document_id, upload_id)["SK"])
    if doc is None or version is None or version.get("key") != key:
        return None
    return db, doc, version
