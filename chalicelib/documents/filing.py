"""Staff file documents: rename, move between folders, put in the trash and take back out.

Renaming, moving and trashing are one UpdateItem each, conditioned on what the old
document must be (not in the trash; of a type the new name fits; at the version the caller
saw) and answered with what it returns. The change names itself in `last_filing` (what,
who, from where); the access record, the area entry and the purge sweep's list of firms
follow from the stream (`trail.py`). Restoring is one UpdateItem too; which room lists
the document goes back to depends on where it lives, so they follow from the stream.

The trash keeps a document for TRASH_DAYS: its bytes stay, its room lists no longer show
it (its index entries move to the trash's), and restoring puts it back as it was. Once
`purge_at` has passed it can no longer be restored, so the purge sweep (purge.py) never
deletes the bytes of a document someone is restoring."""
from __future__ import annotations

from datetime import timedelta
from typing import Any, Callable

from chalicelib.core import clock
from chalicelib.core.errors import BadRequest, Conflict, PreconditionFailed
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import Principal
from chalicelib.documents import types
from chalicelib.documents.downloads import no_document
from chalicelib.documents.models import DocumentStaffView, DocumentUpdate, staff_view
from chalicelib.documents.records import PURGED, TRASH_DAYS, TRASHED, Caller, filing
from chalicelib.store import Attr, CopyOf, FirmStore, at_version, keys
from chalicelib.store.conditions import ConditionBase

TRASH_FIELDS = ("trashed_at", "trashed_by", "purge_at", "restore_to")
Refusal = Callable[[dict[str, Any] | None], Exception]


def _not_fitting(name: str, content_type: str) -> BadRequest:
    wanted = " or ".join(types.KNOWN[content_type].extensions)
    return BadRequest("The file name does not fit its type.",
                      [{"loc": "body.file_name", "msg": f"a {content_type} file ends in {wanted}"}])


def _in_trash(doc: dict[str, Any]) -> Conflict:
    return Conflict(f"The document is {doc['status']}; restore it first.")


def _refused(if_match: int | None, file_name: str | None = None) -> Refusal:
    """Why a filing change's condition failed, from the document as it stood."""
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None:
            return no_document()
        if if_match is not None and old["v"] != if_match:
            return PreconditionFailed("The document was changed by someone else; reload it and try again.")
        if old["status"] in (TRASHED, PURGED):
            return _in_trash(old)
        return _not_fitting(file_name or "", old["content_type"])
    return refused


def _file(me: Principal, document_id: str, changes: dict[str, Any], when: ConditionBase, if_match: int | None,
          refused: Refusal) -> DocumentStaffView:
    """One UpdateItem of a live document; it returns the document as stored."""
    live = Attr("status").ne(TRASHED) & Attr("status").ne(PURGED) & when
    work = FirmStore.of(me).work()
    work.update(keys.document(document_id), set=changes, when=live if if_match is None else live & at_version(if_match),
                refused=refused)
    return staff_view(work.commit(), me.firm_id)


def update(me: Principal, document_id: str, body: DocumentUpdate, if_match: int | None,
           who: Caller) -> DocumentStaffView:
    changes: dict[str, Any] = {}
    when = Attr("PK").exists()
    if body.file_name is not None:
        changes.update(file_name=body.file_name, name_folded=body.file_name.casefold())
        when = Attr("content_type").is_in(types.fitting(body.file_name))
    if "folder" in body.model_fields_set:
        changes["folder"] = body.folder
    changes["last_filing"] = filing("moved" if "folder" in changes else "renamed", who)
    return _file(me, document_id, changes, when, if_match, _refused(if_match, body.file_name))


def trash(me: Principal, document_id: str, if_match: int | None, who: Caller) -> DocumentStaffView:
    purge_at = (clock.now() + timedelta(days=TRASH_DAYS)).isoformat(timespec="seconds").replace("+00:00", "Z")
    changes = {"status": TRASHED, "restore_to": CopyOf("status"), "trashed_at": clock.now_iso(),
               "trashed_by": me.user_id, "purge_at": purge_at, "GSI2PK": None, "GSI2SK": None,
               **keys.document_trash_index(document_id, purge_at), "last_filing": filing("trashed", who)}
    return _file(me, document_id, changes, Attr("PK").exists(), if_match, _refused(if_match))


def _not_restorable(old: dict[str, Any] | None) -> Exception:
    if old is None:
        return no_document()
    if old["status"] != TRASHED:
        return Conflict(f"The document is {old['status']}, not in the trash.")
    return Conflict("The document's time in the trash is over; it is being purged.")


def restore(me: Principal, document_id: str, who: Caller) -> DocumentStaffView:
    """One UpdateItem: the document takes back the state it was trashed in and leaves the
    trash's index; its room's lists take it back from the stream (trail.py)."""
    changes = {"status": CopyOf("restore_to"), **dict.fromkeys(TRASH_FIELDS), "GSI1PK": None, "GSI1SK": None,
               "last_filing": filing("restored", who)}
    work = FirmStore.of(me).work()
    work.update(keys.document(document_id), set=changes,
                when=Attr("status").eq(TRASHED) & Attr("purge_at").gt(clock.now_iso()), refused=_not_restorable)
    return staff_view(work.commit(), me.firm_id)


def trash_list(me: Principal, query: PageQuery) -> ListOf[DocumentStaffView]:
    """The firm's trash, most recently trashed first: one Query of the trash's index."""
    page = FirmStore.of(me).query(keys.DOCUMENT_TRASH, index="GSI1", newest_first=True, limit=query.limit,
                                  cursor=query.cursor)
    return ListOf[DocumentStaffView](items=[staff_view(d, me.firm_id) for d in page.items],
                                     next_cursor=page.next_cursor)
