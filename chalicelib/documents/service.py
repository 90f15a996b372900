"""Reading one document: one GetItem, and for a portal user a look at the room they
must still be in."""
from __future__ import annotations

from chalicelib.core.principal import Principal
from chalicelib.documents.downloads import no_document
from chalicelib.documents.models import DocumentClientView, DocumentStaffView, client_view, staff_view
from chalicelib.documents.records import may_read
from chalicelib.rooms.access import may_see
from chalicelib.store import FirmStore, keys


def read(me: Principal, document_id: str) -> DocumentStaffView | DocumentClientView:
    db = FirmStore.of(me)
    doc = db.get(keys.document(document_id))
    if doc is None or not may_read(me, doc):
        raise no_document()
    if me.is_staff:
        return staff_view(doc)
    room = db.get(keys.room(doc["room_id"]))
    if room is None or not may_see(me, room):
        raise no_document()
    return client_view(doc)
