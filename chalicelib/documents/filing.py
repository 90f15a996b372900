"""Staff file documents: rename, move between folders, put in the trash and take back out.
Each change reads the document (its name, type and state decide what may change, and
the audit trail names it), then writes it with its access record in one transaction.

The trash keeps a document for TRASH_DAYS: its bytes stay, its room lists no longer show
it (its index entries move to the trash's), and restoring puts it back as it was. Once
`purge_at` has passed it can no longer be restored, so the purge sweep (purge.py) never
deletes the bytes of a document someone is restoring."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BadRequest, Conflict, PreconditionFailed, gone_or_stale
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import Principal
from chalicelib.documents import types
from chalicelib.documents.downloads import no_document
from chalicelib.documents.models import DocumentStaffView, DocumentUpdate, staff_view
from chalicelib.documents.records import PURGED, TRASH_DAYS, TRASHED, Caller, access_record, area_entry, listed
from chalicelib.store import Attr, FirmStore, at_version, keys, platform_keys

TRASH_FIELDS = ("trashed_at", "trashed_by", "purge_at", "restore_to")


def _read(db: FirmStore, document_id: str, if_match: int | None = None) -> dict[str, Any]:
    doc = db.get(keys.document(document_id))
    if doc is None:
        raise no_document()
    if if_match is not None and if_match != doc["v"]:
        raise PreconditionFailed("The document was changed by someone else; reload it and try again.")
    return doc


def _live(db: FirmStore, document_id: str, if_match: int | None) -> dict[str, Any]:
    doc = _read(db, document_id, if_match)
    if doc["status"] in (TRASHED, PURGED):
        raise Conflict(f"The document is {doc['status']}; restore it first.")
    return doc


def _write(db: FirmStore, doc: dict[str, Any], changes: dict[str, Any], action: str, who: Caller,
           detail: str | None = None, when: Any = None, refused: Any = None) -> DocumentStaffView:
    """The document changed (as read: its version pins it) and the change in its trail."""
    work = db.work()
    work.update(keys.document(doc["id"]), set=changes, when=when or at_version(doc["v"]),
                refused=refused or gone_or_stale("document"))
    after = {k: v for k, v in {**doc, **changes, "v": doc["v"] + 1}.items() if v is not None}
    work.put(area_entry(after))
    work.create(access_record(after, action, who, detail))
    if action == "trashed":
        # The purge sweep visits the firms that ever trashed something.
        work.platform.put({**platform_keys.trashing_firm(db.firm_id), "type": "trashing_firm"})
    work.commit()
    return staff_view(after)


def update(me: Principal, document_id: str, body: DocumentUpdate, if_match: int | None,
           who: Caller) -> DocumentStaffView:
    db = FirmStore.of(me)
    doc = _live(db, document_id, if_match)
    changes: dict[str, Any] = {}
    if body.file_name is not None:
        if not types.extension_fits(body.file_name, doc["content_type"]):
            wanted = " or ".join(types.KNOWN[doc["content_type"]].extensions)
            raise BadRequest("The file name does not fit its type.",
                             [{"loc": "body.file_name", "msg": f"a {doc['content_type']} file ends in {wanted}"}])
        changes.update(file_name=body.file_name, name_folded=body.file_name.casefold())
    if "folder" in body.model_fields_set:
        changes["folder"] = body.folder
    said = [f"renamed from {doc['file_name']}" if "file_name" in changes else "",
            f"moved to {changes['folder'] or 'no folder'}" if "folder" in changes else ""]
    return _write(db, doc, changes, "moved" if "folder" in changes else "renamed", who,
                  "; ".join(s for s in said if s))


def trash(me: Principal, document_id: str, if_match: int | None, who: Caller) -> DocumentStaffView:
    db = FirmStore.of(me)
    doc = _live(db, document_id, if_match)
    purge_at = (clock.now() + timedelta(days=TRASH_DAYS)).isoformat(timespec="seconds").replace("+00:00", "Z")
    changes = {"status": TRASHED, "restore_to": doc["status"], "trashed_at": clock.now_iso(),
               "trashed_by": me.user_id, "purge_at": purge_at, "GSI2PK": None, "GSI2SK": None,
               **keys.document_trash_index(document_id, purge_at)}
    return _write(db, doc, changes, "trashed", who)


def _not_restorable(old: dict[str, Any] | None) -> Exception:
    if old is None:
        return no_document()
    if old["status"] != TRASHED:
        return Conflict(f"The document is {old['status']}, not in the trash.")
    return Conflict("The document's time in the trash is over; it is being purged.")


def restore(me: Principal, document_id: str, who: Caller) -> DocumentStaffView:
    db = FirmStore.of(me)
    doc = _read(db, document_id)
    now = clock.now_iso()
    if doc["status"] != TRASHED or doc["purge_at"] <= now:
        raise _not_restorable(doc)
    changes = {"status": doc["restore_to"], **dict.fromkeys(TRASH_FIELDS), **listed(doc)}
    return _write(db, doc, changes, "restored", who, when=Attr("status").eq(TRASHED) & Attr("purge_at").gt(now),
                  refused=_not_restorable)


def trash_list(me: Principal, query: PageQuery) -> ListOf[DocumentStaffView]:
    """The firm's trash, most recently trashed first: one Query of the trash's index."""
    page = FirmStore.of(me).query(keys.DOCUMENT_TRASH, index="GSI1", newest_first=True, limit=query.limit,
                                  cursor=query.cursor)
    return ListOf[DocumentStaffView](items=[staff_view(d) for d in page.items], next_cursor=page.next_cursor)
