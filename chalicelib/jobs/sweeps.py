"""The periodic sweep (every 15 minutes). Expiry is already honoured on read; the sweep
records it, so counters, lists and the adoption report stop counting stale invitations."""
from __future__ import annotations

import logging

from chalicelib.invitations.expiry import expire_due
from chalicelib.store import FirmStore, Platform, platform_keys

log = logging.getLogger(__name__)


def run() -> dict[str, int]:
    expired = 0
    for item in Platform().query_all(platform_keys.INVITING_FIRMS, limit=200):
        firm_id = item["SK"]
        try:
            expired += expire_due(FirmStore.trusted(firm_id))  # a firm the platform list names
        except Exception:  # noqa: BLE001 - one firm's trouble must not stop the others
            log.exception("invitation sweep failed", extra={"firm_id": firm_id})
    return {"expired": expired}
