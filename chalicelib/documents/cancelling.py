"""Cancelling one's own pending multipart upload: one UpdateItem rejects the upload, on
condition it is the caller's, still pending and sent in parts, and S3 then drops its
parts. What the rejection moves besides the upload (its access record; for a first
upload, the document and its area entry) follows from the table stream, named by the
cancelling's own id and time (`cancelled`), as a filing change's trail does (trail.py)."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.core import clock
from chalicelib.core.principal import Principal
from chalicelib.documents.finalise import drop_parts, no_upload
from chalicelib.documents.models import VersionView, version_view
from chalicelib.documents.multipart import not_taking_parts
from chalicelib.documents.records import (PENDING, REJECTED, Caller, access_record, area_entry, filing, kept,
                                          kept_attribute)
from chalicelib.documents.trail import newer_than_stored
from chalicelib.store import Attr, FirmStore, Work, exists, keys

CANCELLED = "The upload was cancelled by its uploader."


def _refused(me: Principal) -> Callable[[dict[str, Any] | None], Exception]:
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or old["uploaded_by"] != me.user_id:
            return no_upload()
        return not_taking_parts(old) or no_upload()
    return refused


def cancel(me: Principal, document_id: str, version_id: str, who: Caller) -> VersionView:
    changes = {"status": REJECTED, "reason": CANCELLED, "rejected_at": clock.now_iso(),
               "cancelled": filing("rejected", who)}
    work = FirmStore.of(me).work()
    work.update(keys.document_version(document_id, version_id), set=changes,
                when=Attr("uploaded_by").eq(me.user_id) & Attr("status").eq(PENDING) & Attr("upload_id").exists(),
                refused=_refused(me))
    version = work.commit()
    drop_parts(version)
    return version_view(version, {})  # a rejected upload is nobody's current version


def follow_cancel(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """A cancelled upload's access record; a first upload's document is rejected with it,
    unless it is no longer pending (the area entry copies it)."""
    cancelled = (new or {}).get("cancelled")
    if new is None or not cancelled or cancelled == (old or {}).get("cancelled"):
        return
    doc = FirmStore.trusted(work.firm_id).get(keys.document(new["document_id"]))
    if doc is None:
        return
    work.create(access_record(doc, "rejected", Caller.named_in(cancelled), new["reason"], version=new["id"],
                              access_id=cancelled["id"], at=cancelled["at"]))
    held = {kept_attribute(new["id"]): kept(new, REJECTED, None)}
    if new["id"] == doc["id"]:
        rejected = {k: new[k] for k in ("status", "reason", "rejected_at")}
        work.update(keys.document(doc["id"]), set={**rejected, **held}, when=Attr("status").eq(PENDING))
        settled = {**doc, **rejected, "v": doc["v"] + 1}
        work.put(area_entry(settled), when=newer_than_stored(settled))
    else:  # what a download of it answers
        work.count(keys.document(doc["id"]), {}, set=held, when=exists())
