"""Document lists, newest first, one Query per page: a room's, and a client's document area
(the documents of all its rooms and those uploaded to the area itself). Staff read the
staff index (internal documents too); a portal user reads the client-visible index, in
which an internal document never appears, and sees only available files and their own
uploads. `q` keeps the files whose name contains it; `folder`, one folder's."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.core.errors import NotFound
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.documents.models import (AreaQuery, DocumentClientView, DocumentQuery, DocumentStaffView,
                                         client_view, staff_view)
from chalicelib.documents.records import AVAILABLE
from chalicelib.rooms.access import no_room, require_seat
from chalicelib.store import Attr, FirmStore, Page, keys
from chalicelib.store.conditions import ConditionBase, all_of

Listed = ListOf[DocumentStaffView] | ListOf[DocumentClientView]


def _filters(query: DocumentQuery) -> ConditionBase | None:
    named = Attr("name_folded").contains(query.q.casefold()) if query.q else None
    folder = getattr(query, "folder", None)
    return all_of(named, Attr("folder").eq(folder) if folder else None)


def _staff_listed(page: Page, firm_id: str) -> Listed:
    return ListOf[DocumentStaffView](items=[staff_view(d, firm_id) for d in page.items], next_cursor=page.next_cursor)


def _client_listed(db: FirmStore, me: Principal, client_index: str, query: DocumentQuery) -> Listed:
    """What a portal user sees of a place: available documents and their own uploads."""
    mine = Attr("status").eq(AVAILABLE) | Attr("uploaded_by").eq(me.user_id)
    page = db.query(client_index, index="GSI2", newest_first=True, where=all_of(_filters(query), mine),
                    limit=query.limit, cursor=query.cursor)
    return ListOf[DocumentClientView](items=[client_view(d, me.firm_id) for d in page.items],
                                      next_cursor=page.next_cursor)


def _listed(me: Principal, client_index: str, staff_index: str, query: DocumentQuery,
            missing: Callable[[], NotFound]) -> Listed:
    """A place the caller may see: a portal user's page of its client-visible index, or
    staff's page of its staff index, which begins with the head its owner was made with
    (no head: no owner, `missing`)."""
    db = FirmStore.of(me)
    if not me.is_staff:
        return _client_listed(db, me, client_index, query)
    headed, page = db.headed_page(staff_index, index="GSI1", where=_filters(query), limit=query.limit,
                                  cursor=query.cursor)
    if headed is False:
        raise missing()
    return _staff_listed(page, me.firm_id)


def room_documents(me: Principal, room_id: str, query: DocumentQuery) -> Listed:
    """The principal shows a portal user sits in the room: no read proves the room."""
    require_seat(me, room_id)
    return _listed(me, keys.client_room_documents(room_id), keys.room_documents(room_id), query, no_room)


def no_client() -> NotFound:
    return NotFound("No such client.")


def area_documents(me: Principal, client_id: str, query: AreaQuery) -> Listed:
    """A portal user's own clients come from the principal: no read proves the client."""
    if not me.is_staff and client_id not in me.client_ids:
        raise no_client()
    return _listed(me, keys.client_area(client_id), keys.client_documents(client_id), query, no_client)
