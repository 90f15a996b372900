"""New versions of a document. Each upload keeps its own S3 key, so older versions stay
downloadable; completing one makes it the document's current version (finalise.py).
Whoever may read a document and act in its room may add a version: one transaction that
checks the room and that the document is still available. Where the document lives names
the key; it comes from the document as sealed in its last answer (as_read.py), which the
transaction pins by version, or without that from one read first (the caller's name and
the firm's rules come with the principal). The answer's ticket carries what completing
the version takes of the document as read, so completing it reads nothing first
(tickets.py)."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import Conflict, PreconditionFailed
from chalicelib.core.ids import new_id
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import Principal
from chalicelib.core.sealed import Outdated
from chalicelib.documents import as_read, multipart, tickets
from chalicelib.documents.downloads import no_document
from chalicelib.documents.finalise import load_upload, settle_upload
from chalicelib.documents.models import (PartRange, PartUrls, UploadedPart, VersionDeclaration,
                                         VersionUploadView, VersionView, firm_rules, version_view)
from chalicelib.documents.records import (AVAILABLE, PENDING, UNSETTLED, Caller, kept_attribute, may_read, new_version,
                                          storage_key)
from chalicelib.documents.uploads import check_declaration, handout, uploader
from chalicelib.rooms.access import check_member
from chalicelib.store import Attr, FirmStore, at_version, keys
from chalicelib.store.conditions import all_of
from chalicelib.store.work import Refusal


def _not_available(old: dict[str, Any] | None) -> Exception:
    if old is None:
        return no_document()
    return Conflict(f"The document is {old['status']}; only an available document takes a new version.")


def _refused(pin: int | None, outdated_ok: bool) -> Refusal:
    """Why the start's write on the document failed, from the document as it stands: gone,
    moved on from the version pinned (written again from it, or 412 where the caller
    pinned it), or not available."""
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is not None and pin is not None and old.get("v") != pin:
            return Outdated(old) if outdated_ok else PreconditionFailed(
                "The document was changed by someone else; reload it and try again.")
        return _not_available(old)
    return refused


# What settling a new version takes of its document (finalise._settle), all of it shown
# to whoever may add one (a portal user: of their own client): its ticket carries no more.
_CARRIED = ("id", "v", "status", "version_count", "available_at", "room_id", "client_id", "internal", "file_name",
            "uploaded_by", "uploaded_by_name")
SEALED = "body.sealed"


def start(me: Principal, document_id: str, body: VersionDeclaration, if_match: int | None) -> VersionUploadView:
    """From the document as sealed in the request, when it is available there and at the
    version the caller pinned (or they pinned none): one transaction. Else, or when it has
    changed since (the refusal returns it), from the document as stored."""
    db = FirmStore.of(me)
    known = as_read.document_as_read(me, document_id, body.sealed, SEALED)
    if known is None or known.get("status") != AVAILABLE or if_match not in (None, known.get("v")):
        return _start(db, me, _read(db, me, document_id), body, if_match)
    try:
        return _start(db, me, known, body, known["v"], outdated_ok=if_match is None)
    except Outdated as outdated:
        return _start(db, me, outdated.item, body, if_match)


def _read(db: FirmStore, me: Principal, document_id: str) -> dict[str, Any]:
    doc = db.get(keys.document(document_id))
    if doc is None or not may_read(me, doc):
        raise no_document()
    return doc


def _start(db: FirmStore, me: Principal, doc: dict[str, Any], body: VersionDeclaration, pin: int | None,
           outdated_ok: bool = False) -> VersionUploadView:
    """A pending version of `doc` in one transaction, which checks the room and that the
    document is still available (and at version `pin`)."""
    if not may_read(me, doc):
        raise no_document()
    if doc["status"] != AVAILABLE:
        raise _not_available(doc)
    check_declaration(body, firm_rules(me))
    version_id = new_id()
    key = storage_key(me.firm_id, doc.get("room_id") or doc["client_id"], doc["id"], version_id)
    work = db.work()
    if doc.get("room_id"):
        check_member(work, me, doc["room_id"])
        if not me.is_staff:
            work.delete(keys.done_uploading(doc["room_id"]))  # new files: saying "done" counts again
    # The document keeps the upload's state from the start, so a download names it exactly.
    work.count(keys.document(doc["id"]), {}, set={kept_attribute(version_id): {"status": PENDING}},
               when=all_of(Attr("status").eq(AVAILABLE), None if pin is None else at_version(pin)),
               refused=_refused(pin, outdated_ok))
    version = work.create({**new_version(doc, version_id, key, uploader(me), file_name=body.file_name,
                                         content_type=body.content_type, size=body.size),
                           **multipart.begin(key, body)})
    upload, parts = handout(work, version)
    return VersionUploadView(version=version_view(version, doc), upload=upload, multipart=parts,
                             ticket=tickets.issue(me, doc, version, _CARRIED))


def complete(me: Principal, document_id: str, version_id: str, who: Caller,
             parts: list[UploadedPart] | None = None, ticket: str | None = None) -> VersionView:
    settled = settle_upload(me, document_id, version_id, who, parts, ticket)
    return version_view(settled[1], settled[0])


def part_urls(me: Principal, document_id: str, version_id: str, query: PartRange) -> PartUrls:
    """Fresh URLs for some of the parts of one's own pending upload (a first upload's
    version id is the document's)."""
    _, version = load_upload(FirmStore.of(me), me, document_id, version_id)
    return multipart.urls(version, query)


def listing(me: Principal, document_id: str, query: PageQuery) -> ListOf[VersionView]:
    """One Query of the document's partition from the document item on: it comes first,
    so the first page proves the document and says who may see its versions, which
    follow oldest first (the last available one is current). Its cursor carries what of
    the document later pages need (signed), so each of them is one Query too; the
    caller's clients and seats are checked on every page. A portal user sees the
    available versions and their own uploads."""
    page = FirmStore.of(me).query(keys.document_partition(document_id), sk_between=keys.VERSION_RANGE,
                                  limit=query.limit if query.cursor else query.limit + 1, cursor=query.cursor,
                                  carry=None if query.cursor else _document_part)
    items = page.items
    if query.cursor:
        doc = page.carried or None
    else:
        doc = _document_part(items) or None
        items = items[1:] if doc else items
    if doc is None or not may_read(me, doc) or not _still_member(me, doc):
        raise no_document()
    shown = [v for v in items if me.is_staff or v["status"] == AVAILABLE or
             (v["status"] in UNSETTLED and v["uploaded_by"] == me.user_id)]
    return ListOf[VersionView](items=[version_view(v, doc) for v in shown], next_cursor=page.next_cursor)


# What deciding who sees a document's versions, and which one is current, takes of it.
_LISTED = ("current_version", "status", "internal", "client_id", "room_id", "uploaded_by")


def _document_part(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Of a first page, the document item (which sorts first), as much as its versions'
    later pages need; empty when the page does not begin with it."""
    if not items or items[0]["SK"] != "DOC":
        return {}
    return {k: items[0][k] for k in _LISTED if k in items[0]}


def _still_member(me: Principal, doc: dict[str, Any]) -> bool:
    """A portal user must still sit in the document's room (the principal says)."""
    return not doc.get("room_id") or me.sits_in(doc["room_id"])
