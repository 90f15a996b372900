"""Downloads and the audit trail. A download is a presigned GET valid for minutes that
makes the browser save the file under its original name (never render it in the
portal's origin), and every one is recorded before the link is handed out."""
from __future__ import annotations

from typing import Any

from chalicelib.aws import files
from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import Principal
from chalicelib.documents import names
from chalicelib.documents.models import AccessView, DownloadView
from chalicelib.documents.records import AVAILABLE, Caller, access_record, iso_after, may_read
from chalicelib.rooms.access import member_condition
from chalicelib.store import FirmStore, Work, keys


def no_document() -> NotFound:
    return NotFound("No such document.")


def download(me: Principal, document_id: str, who: Caller, version_id: str | None = None) -> DownloadView:
    """The current version, or the one `version_id` names (read with the document in one
    batch): either way the same checks, and the download is recorded first."""
    db = FirmStore.of(me)
    doc, version = _readable(db, me, document_id, version_id)
    if doc["status"] != AVAILABLE:
        raise Conflict(f"The document is {doc['status']}; only available documents can be downloaded.")
    if version["status"] != AVAILABLE:
        raise Conflict(f"That version is {version['status']}; only available versions can be downloaded.")
    work = db.work()
    check_still_visible(work, me, doc)
    work.create(access_record(doc, "downloaded", who, version=version_id or doc.get("current_version")))
    work.commit()
    url = files.download_url(version["key"], names.content_disposition(version["file_name"]),
                             version["content_type"], version.get("version_id"))
    return DownloadView(url=url, expires_at=iso_after(files.DOWNLOAD_SECONDS), file_name=version["file_name"])


def _readable(db: FirmStore, me: Principal, document_id: str,
              version_id: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The document and the version to hand out (the document itself for its current one)."""
    if version_id is None:
        doc = db.get(keys.document(document_id))
        version = doc
    else:
        found = {i["SK"]: i for i in db.get_many([keys.document(document_id),
                                                  keys.document_version(document_id, version_id)])}
        doc, version = found.get("DOC"), found.get(keys.document_version(document_id, version_id)["SK"])
        if doc is not None and version is None:
            raise NotFound("No such version of this document.")
    if doc is None or version is None or not may_read(me, doc):
        raise no_document()
    return doc, version


def check_still_visible(work: Work, me: Principal, doc: dict[str, Any]) -> None:
    """A portal user must still be in the document's room, whatever the document says:
    a ConditionCheck in the write it guards, not a read."""
    if not me.is_staff and doc.get("room_id"):
        work.check(keys.room(doc["room_id"]), member_condition(me, writing=False), refused=lambda _: no_document())


def history(me: Principal, document_id: str, query: PageQuery) -> ListOf[AccessView]:
    """One Query of the document's partition, newest first: the document item sorts after
    its access records, so the first page proves the document exists in this firm."""
    db = FirmStore.of(me)
    page = db.query(keys.document_partition(document_id), sk_between=keys.ACCESS_RANGE, newest_first=True,
                    limit=query.limit + 1 if not query.cursor else query.limit, cursor=query.cursor)
    items = page.items
    if not query.cursor:
        if not items or items[0]["SK"] != "DOC":
            raise no_document()
        items = items[1:]
    return ListOf[AccessView](items=[AccessView(**i) for i in items], next_cursor=page.next_cursor)


def trail(me: Principal, client_id: str, query: PageQuery) -> ListOf[AccessView]:
    """Every access record of a client's documents (uploads, versions, downloads, renames,
    trash, purges), newest first: one Query of its trail, which begins with the head the
    client was made with, so the first page proves the client too."""
    db = FirmStore.of(me)
    headed, page = db.headed_page(keys.document_trail(client_id), index="GSI2", limit=query.limit,
                                  cursor=query.cursor)
    if headed is False:
        raise NotFound("No such client.")
    return ListOf[AccessView](items=[AccessView(**i) for i in page.items], next_cursor=page.next_cursor)


