"""The daily idle-room rule: a room with no activity for the firm's `idle_days` gets the
`on_idle` job status (once: a room already in it is left alone). Runs over the firms that
have portal clients (the platform list of inviting firms), one page of room entries and
one batch read of rooms at a time."""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from chalicelib.core import clock
from chalicelib.jobstatus.records import ON_IDLE, rule_status, set_status
from chalicelib.store import FirmStore, Platform, Refused, at_version, keys, platform_keys

log = logging.getLogger(__name__)
BATCH = 100


def _idle(room: dict[str, Any], cutoff: str, status_id: str) -> bool:
    quiet_since = room.get("last_activity_at") or room.get("created_at", "")
    return quiet_since < cutoff and (room.get("job_status") or {}).get("id") != status_id


def _mark(db: FirmStore, room: dict[str, Any], status: dict[str, Any]) -> None:
    work = db.work()
    value = set_status(work, room, status, ON_IDLE, None)
    work.update(keys.room(room["id"]), set={"job_status": value}, when=at_version(room["v"]))
    work.commit()


def sweep_firm(firm_id: str) -> int:
    db = FirmStore.trusted(firm_id)  # a firm the platform's own list names
    statuses = db.get(keys.job_statuses())
    status = rule_status(statuses, ON_IDLE)
    days = ((statuses or {}).get("rules") or {}).get("idle_days")
    if status is None or not days:
        return 0
    cutoff = clock.iso(clock.now() - timedelta(days=int(days)))
    ids = [e["id"] for e in db.query_all(keys.rooms_list("active"), index="GSI1", limit=BATCH)]
    marked = 0
    for start in range(0, len(ids), BATCH):
        for room in db.get_many([keys.room(i) for i in ids[start:start + BATCH]]):
            if _idle(room, cutoff, status["id"]):
                try:
                    _mark(db, room, status)
                    marked += 1
                except Refused:  # the room moved meanwhile: it is not idle
                    continue
    return marked


def run() -> dict[str, int]:
    marked = 0
    for item in Platform().query_all(platform_keys.INVITING_FIRMS, limit=200):
        try:
            marked += sweep_firm(item["SK"])
        except Exception:  # noqa: BLE001 - one firm's trouble must not stop the others
            log.exception("idle-room sweep failed", extra={"firm_id": item["SK"]})
    return {"marked": marked}
