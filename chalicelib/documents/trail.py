"""What a filing change (rename, move, trash, restore) moves besides the document,
followed from the table stream (chalicelib.store.projection): its access record, named
by the change's own id and time, its client area entry, and, for a trashing, the purge
sweep's list of firms that ever trashed something."""
from __future__ import annotations

from typing import Any

from chalicelib.documents.records import Caller, access_record, area_entry
from chalicelib.store import Attr, Work, platform_keys


def _detail(old: dict[str, Any] | None, new: dict[str, Any]) -> str | None:
    said = [f"renamed from {old['file_name']}" if old and old["file_name"] != new["file_name"] else "",
            f"moved to {new.get('folder') or 'no folder'}" if old and old.get("folder") != new.get("folder") else ""]
    return "; ".join(s for s in said if s) or None


def _newer_than_stored(doc: dict[str, Any]) -> Any:
    """The area entry as stored copies an older version of the document (other writers
    put it in their own transactions)."""
    return Attr("v").not_exists() | Attr("v").lt(doc["v"])


def follow_document(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    filed = (new or {}).get("last_filing")
    if new is None or not filed or filed == (old or {}).get("last_filing"):
        return
    who = Caller(filed["user_id"], filed["role"], filed.get("source_ip"), filed.get("user_agent"))
    work.create(access_record(new, filed["action"], who, _detail(old, new), access_id=filed["id"], at=filed["at"]))
    work.put(area_entry(new), when=_newer_than_stored(new))
    if filed["action"] == "trashed":
        work.platform.put({**platform_keys.trashing_firm(work.firm_id), "type": "trashing_firm"})
