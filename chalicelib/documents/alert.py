"""Staff hear when the malware scan finds a threat in an upload: an internal item in the
room's feed (clients never see it) and a notification to each of the room's staff,
following the quarantine from the table stream (the upload's write reads no room). A
document of a client's own area has no room to tell: its state, its reason and the
client's trail say it, and the log records it for the operators."""
from __future__ import annotations

import logging
from typing import Any

from chalicelib.documents.records import QUARANTINED
from chalicelib.notifications.records import notify
from chalicelib.rooms import feed
from chalicelib.rooms.records import STAFF_SIDE
from chalicelib.store import FirmStore, Work, keys

log = logging.getLogger(__name__)


def follow_quarantine(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """An upload (`type=document_version`) that has just been quarantined."""
    if new is None or new["status"] != QUARANTINED or (old or {}).get("status") == QUARANTINED:
        return
    db = FirmStore.trusted(work.firm_id)
    doc = db.get(keys.document(new["document_id"]))
    if doc is not None:
        _quarantined(db, work, doc, new)


def _quarantined(db: FirmStore, work: Work, doc: dict[str, Any], version: dict[str, Any]) -> None:
    log.warning("malware found in an upload", extra={"document_id": doc["id"], "version": version["id"]})
    room = db.get(keys.room(doc["room_id"])) if doc.get("room_id") else None
    if room is None:
        return
    item = feed.append(work, room["id"], "document_quarantined", feed.INTERNAL,
                       {"document_id": doc["id"], "file_name": version["file_name"]})
    staff = [uid for uid, seat in room["members"].items() if seat["side"] == STAFF_SIDE]
    notify(work, staff, room_id=room["id"], room_name=room["name"], kind="document_quarantined", item_id=item["id"],
           title="Malware found", text=f"The malware scan found a threat in {version['file_name']}; it was deleted.")
