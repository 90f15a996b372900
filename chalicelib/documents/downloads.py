"""Downloads and the audit trail. A download is a presigned GET valid for minutes that
makes the browser save the file under its original name (never render it in the
portal's origin), and every one is recorded on the document before the link is handed
out; its trail record follows from the stream."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.aws import files
from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import Principal
from chalicelib.documents import names
from chalicelib.documents.models import AccessView, DownloadView
from chalicelib.documents.records import (AVAILABLE, Caller, filing, iso_after, kept_attribute,
                                          may_read)
from chalicelib.store import Attr, FirmStore, exists, keys
from chalicelib.store.conditions import ConditionBase, one_of

def no_document() -> NotFound:
    return NotFound("No such document.")


def download(me: Principal, document_id: str, who: Caller, version_id: str | None = None) -> DownloadView:
    """The current version, or the one `version_id` names: one UpdateItem records the
    download on the document (`last_download`, on condition the caller may have it) and
    returns it, which names the bytes; the trail record follows from the stream (trail.py)."""
    doc = _record(FirmStore.of(me), me, document_id, who, version_id)
    held = doc if version_id in (None, doc.get("current_version")) else doc[kept_attribute(version_id)]
    url = files.download_url(held["key"], names.content_disposition(held["file_name"]), held["content_type"],
                             held.get("version_id"))
    return DownloadView(url=url, expires_at=iso_after(files.DOWNLOAD_SECONDS), file_name=held["file_name"])


def _record(db: FirmStore, me: Principal, document_id: str, who: Caller, version_id: str | None) -> dict[str, Any]:
    """The document with the download recorded. Every document keeps its versions: those
    stored before were given them by the upgrade backfill (kept_versions.py)."""
    work = db.work()
    work.count(keys.document(document_id), {"download_count": 1},
               set={"last_download": {**filing("downloaded", who), "version": version_id}},
               when=_downloadable(me, version_id), refused=_not_downloadable(me, version_id))
    return work.commit() or {}


def _downloadable(me: Principal, version_id: str | None) -> ConditionBase:
    """Available, the version too (the current one, or an older one kept as available),
    and for a portal user a client-visible document of theirs in a room they sit in."""
    condition = exists() & Attr("status").eq(AVAILABLE)
    if version_id is not None:
        condition &= Attr("current_version").eq(version_id) | \
            Attr(f"{kept_attribute(version_id)}.status").eq(AVAILABLE)
    if me.is_staff:
        return condition
    return condition & Attr("internal").ne(True) & one_of("client_id", me.client_ids) & \
        (Attr("room_id").not_exists() | one_of("room_id", me.room_ids))


def _not_downloadable(me: Principal, version_id: str | None) -> Callable[[dict[str, Any] | None], Exception]:
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or not may_read(me, old) or (old.get("room_id") and not me.sits_in(old["room_id"])):
            return no_document()
        if old["status"] != AVAILABLE:
            return Conflict(f"The document is {old['status']}; only available documents can be downloaded.")
        held = old.get(kept_attribute(version_id)) if version_id else None
        if held is None:
            return NotFound("No such version of this document.")
        return Conflict(f"That version is {held['status']}; only available versions can be downloaded.")
    return refused


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


