"""Multipart uploads nobody finished. Their parts cost storage until aborted, and their
document would wait as pending for ever; the 15-minute sweep rejects each upload begun
more than STALE_HOURS ago and aborts it. S3's lifecycle rule aborts any multipart upload
after a day as well, so what the sweep misses (a failure, an upload with no document)
still goes."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from chalicelib.aws import files
from chalicelib.core import clock
from chalicelib.documents.events import is_document_key, upload_at
from chalicelib.documents.finalise import abandon
from chalicelib.documents.records import PENDING, SYSTEM

log = logging.getLogger(__name__)
# Part URLs last 15 minutes but fresh ones are handed out, so a slow link may take hours
# over 5 GB; half the lifecycle rule's day leaves the sweep to settle the document first.
STALE_HOURS = 12
EXPIRED = f"The upload was not completed within {STALE_HOURS} hours."


def abandon_stale() -> int:
    """How many stale uploads were rejected and aborted."""
    cutoff = clock.now() - timedelta(hours=STALE_HOURS)
    return sum(_abandon(key, upload_id, began, cutoff) for key, upload_id, began in files.multipart_uploads())


def _abandon(key: str, upload_id: str, began: datetime, cutoff: datetime) -> bool:
    """An upload is as old as its pending version says (Atrium's clock); one no pending
    upload owns (its document's write was refused, say) goes by S3's date."""
    found = upload_at(key) if is_document_key(key) else None
    if found is None or found[2]["status"] != PENDING or found[2].get("upload_id") != upload_id:
        if began < cutoff:
            files.abort_multipart(key, upload_id)
        return False
    db, doc, version = found
    if version["created_at"] >= cutoff.isoformat(timespec="seconds").replace("+00:00", "Z"):
        return False
    return abandon(db, doc, version, SYSTEM, EXPIRED) is not None
