"""A room's documents, newest first, one Query per page. Staff read the room's document
index (internal ones too); a portal user reads the client-visible index after the one
read that proves they are in the room, and sees only available files and their own
uploads. `q` keeps the files whose name contains it."""
from __future__ import annotations


from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.documents.models import (DocumentClientView, DocumentQuery, DocumentStaffView, client_view,
                                         staff_view)
from chalicelib.documents.records import AVAILABLE
from chalicelib.rooms.access import no_room, visible_room
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.store.conditions import ConditionBase

def _name_filter(query: DocumentQuery) -> ConditionBase | None:
    return Attr("name_folded").contains(query.q.casefold()) if query.q else None


def _both(a: ConditionBase | None, b: ConditionBase) -> ConditionBase:
    return b if a is None else a & b


def room_documents(me: Principal, room_id: str, query: DocumentQuery) -> ListOf[DocumentStaffView] | ListOf[DocumentClientView]:
    db = FirmStore.of(me)
    if not me.is_staff:
        visible_room(db, me, room_id)
        mine = Attr("status").eq(AVAILABLE) | Attr("uploaded_by").eq(me.user_id)
        page = db.query(keys.client_room_documents(room_id), index="GSI2", newest_first=True,
                        where=_both(_name_filter(query), mine), limit=query.limit, cursor=query.cursor)
        return ListOf[DocumentClientView](items=[client_view(d) for d in page.items], next_cursor=page.next_cursor)
    page = db.query(keys.room_documents(room_id), index="GSI1", newest_first=True, where=_name_filter(query),
                    limit=query.limit, cursor=query.cursor)
    # A room with no documents yet and no room look the same to the index: ask the room.
    if not page.items and not query.cursor and db.get(keys.room(room_id)) is None:
        raise no_room()
    return ListOf[DocumentStaffView](items=[staff_view(d) for d in page.items], next_cursor=page.next_cursor)
