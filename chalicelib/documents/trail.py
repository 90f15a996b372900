"""What a filing change (rename, move, trash, restore) moves besides the document,
followed from the table stream (chalicelib.store.projection): its access record, named
by the change's own id and time, its client area entry, for a trashing the purge
sweep's list of firms that ever trashed something, and for a restoring the index keys
that put the document back in its room's lists. A download's access record follows the
same way (`last_download`)."""
from __future__ import annotations

from typing import Any

from chalicelib.documents.records import PURGED, TRASHED, Caller, access_record, area_entry, listed
from chalicelib.store import Attr, Work, keys, platform_keys


def _detail(old: dict[str, Any] | None, new: dict[str, Any]) -> str | None:
    said = [f"renamed from {old['file_name']}" if old and old["file_name"] != new["file_name"] else "",
            f"moved to {new.get('folder') or 'no folder'}" if old and old.get("folder") != new.get("folder") else ""]
    return "; ".join(s for s in said if s) or None


def newer_than_stored(doc: dict[str, Any]) -> Any:
    """The area entry as stored copies an older version of the document (other writers
    put it in their own transactions)."""
    return Attr("v").not_exists() | Attr("v").lt(doc["v"])


def _new_change(old: dict[str, Any] | None, new: dict[str, Any] | None, attribute: str) -> dict[str, Any] | None:
    """The change this record names in `attribute`, unless an earlier record named it."""
    change = (new or {}).get(attribute)
    return change if change and change != (old or {}).get(attribute) else None


def follow_document(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    follow_download(old, new, work)
    filed = _new_change(old, new, "last_filing")
    if new is None or filed is None:
        return
    who = Caller.named_in(filed)
    work.create(access_record(new, filed["action"], who, _detail(old, new), access_id=filed["id"], at=filed["at"]))
    work.put(area_entry(new), when=newer_than_stored(new))
    if filed["action"] == "trashed":
        work.platform.put({**platform_keys.trashing_firm(work.firm_id), "type": "trashing_firm"})
    if filed["action"] == "restored" and new.get("room_id"):
        _relist(new, work)


def _relist(doc: dict[str, Any], work: Work) -> None:
    """Back in its room's lists, unless it went to the trash again meanwhile (a later
    record restores it again). No version bump: nobody's If-Match is moved by a copy."""
    still_out = Attr("status").ne(TRASHED) & Attr("status").ne(PURGED) & Attr("GSI1PK").not_exists()
    work.count(keys.document(doc["id"]), {}, set=listed(doc), when=Attr("PK").exists() & still_out)


def follow_download(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """A download's access record: the version it names, else the one current when the
    download was recorded (this record's own image)."""
    got = _new_change(old, new, "last_download")
    if new is None or got is None:
        return
    work.create(access_record(new, "downloaded", Caller.named_in(got), version=got.get("version") or
                              new.get("current_version"), access_id=got["id"], at=got["at"]))
