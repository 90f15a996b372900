"""Upload tickets. Starting an upload hands its uploader, sealed, what finalising it
needs of the upload and its document as they were written (all of it the uploader's own
declaration, ids, the storage key their form already names, and of a document that takes
a new version only what its portal users see, their own client and its counts); the
complete call returns it, so the upload is settled with no read. The settling write is
pinned to both items still being exactly that (the upload pending, the document at the
version carried), so a ticket can only spare a read, never stand for stale state: when
anything changed meanwhile, finalising falls back on what DynamoDB holds."""
from __future__ import annotations

from typing import Any, Iterable

from chalicelib.core import sealed
from chalicelib.core.errors import BusinessRule
from chalicelib.core.principal import Principal
from chalicelib.store import keys


def _scope(me: Principal, document_id: str, version_id: str) -> str:
    """One firm, one uploader, one upload: a ticket opens for nothing else."""
    return f"upload:{me.firm_id}:{me.user_id}:{document_id}:{version_id}"


def issue(me: Principal, doc: dict[str, Any], version: dict[str, Any], fields: Iterable[str] | None = None) -> str:
    """The ticket of a pending upload, as it and its document were just stored: the
    whole document, or only its `fields`."""
    carried = sealed.stored_fields(doc) if fields is None else {k: doc[k] for k in fields if k in doc}
    return sealed.seal({"d": carried, "u": sealed.stored_fields(version)}, _scope(me, doc["id"], version["id"]))


def redeem(me: Principal, document_id: str, version_id: str,
           ticket: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document and the pending upload as the ticket carries them; 422 for a ticket
    this API did not give this caller for this upload."""
    data = sealed.unseal(ticket, _scope(me, document_id, version_id))
    if data is None:
        raise BusinessRule("The ticket is not the one this upload was given.",
                           [{"loc": "body.ticket", "msg": "not this upload's ticket"}])
    return ({**keys.document(document_id), **data["d"]},
            {**keys.document_version(document_id, version_id), **data["u"]})
