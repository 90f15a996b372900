"""A client's document area: files that belong to the client rather than to one of its
rooms (a passport scan, last year's returns), filed in folders. Staff and the client's
portal users upload into it; its list (listing.py) shows them with the documents of
every room of the client. Also the storage the firm and each client use, counters kept
in the same transaction as finalising and purging."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import Conflict, Forbidden
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.documents.listing import no_client
from chalicelib.documents.models import DocumentCreate, StorageView, UploadClientView, UploadStaffView, firm_rules
from chalicelib.documents.records import new_document, storage_key
from chalicelib.documents.uploads import begin, check_declaration, uploader
from chalicelib.store import Attr, FirmStore, exists, keys


def _client_refused(old: dict[str, Any] | None) -> Exception:
    return no_client() if old is None else Conflict("The client is archived; restore it before adding to it.")


def start(me: Principal, client_id: str, body: DocumentCreate) -> UploadStaffView | UploadClientView:
    """One transaction that checks the client is there and active: the caller's name
    and the firm's rules come with the principal."""
    if body.internal and not me.is_staff:
        raise Forbidden("Only staff keep internal documents.")
    if not me.is_staff and client_id not in me.client_ids:
        raise no_client()
    check_declaration(body, firm_rules(me))
    document_id = new_id()
    work = FirmStore.of(me).work()
    work.check(keys.client(client_id), exists() & Attr("status").eq("active"), refused=_client_refused)
    doc = new_document(document_id=document_id, key=storage_key(me.firm_id, client_id, document_id, document_id),
                       client_id=client_id, room_id=None, uploader=uploader(me), body=body)
    return begin(work, me, doc, body)


def firm_storage(me: Principal) -> StorageView:
    return StorageView(**(FirmStore.of(me).get(keys.firm()) or {}))
