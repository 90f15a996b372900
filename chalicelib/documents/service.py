"""Reading one document: one GetItem, and for a portal user a look at the room they
must still be in."""
from __future__ import annotations

from chalicelib.core.portal_item import DOCUMENT_RULES
from chalicelib.core.principal import Principal
from chalicelib.documents.downloads import no_document
from chalicelib.documents.models import (DocumentClientView, DocumentSettings, DocumentStaffView, client_view,
                                         document_settings, staff_view)
from chalicelib.documents.records import may_read
from chalicelib.store import FirmStore, keys


def read(me: Principal, document_id: str) -> DocumentStaffView | DocumentClientView:
    db = FirmStore.of(me)
    doc = db.get(keys.document(document_id))
    if doc is None or not may_read(me, doc):
        raise no_document()
    if me.is_staff:
        return staff_view(doc, me.firm_id)
    # In the client's own area being their portal user is enough; in a room, they must sit in it.
    if doc.get("room_id") and not me.sits_in(doc["room_id"]):
        raise no_document()
    return client_view(doc, me.firm_id)


def read_settings(me: Principal) -> DocumentSettings:
    return document_settings(FirmStore.of(me).get(keys.portal_options()))


def write_settings(me: Principal, body: DocumentSettings) -> DocumentSettings:
    """The whole set at once, in one UpdateItem on the firm's portal options item, which
    the principal lookup reads: every upload after it checks against the new rules (they
    never merge with what another admin changed, so no version)."""
    work = FirmStore.of(me).work()
    work.upsert(keys.portal_options(), set={"type": "portal_options", DOCUMENT_RULES: body.model_dump()})
    return document_settings(work.commit())
