"""The periodic sweep (every 15 minutes). Expiry is already honoured on read; the sweep
records it, so counters, lists and the adoption report stop counting stale invitations.
It also purges documents whose time in the trash is over (documents/purge.py), and
rejects and aborts multipart uploads nobody finished (documents/stale.py), so those need
no function of their own."""
from __future__ import annotations

import logging
from typing import Callable

from chalicelib.documents.purge import purge_due
from chalicelib.documents.stale import abandon_stale
from chalicelib.invitations.expiry import expire_due
from chalicelib.store import FirmStore, Platform, platform_keys

log = logging.getLogger(__name__)


def run() -> dict[str, int]:
    return {"expired": _each_firm(platform_keys.INVITING_FIRMS, expire_due, "invitation sweep"),
            "purged": _each_firm(platform_keys.TRASHING_FIRMS, purge_due, "document purge"),
            "abandoned": _abandoned()}


def _abandoned() -> int:
    try:
        return abandon_stale()
    except Exception:  # noqa: BLE001 - the other sweeps' results still count
        log.exception("stale upload sweep failed")
        return 0


def _each_firm(listing: str, job: Callable[[FirmStore], int], name: str) -> int:
    """Runs `job` for every firm a platform list names; returns the sum of what it did."""
    done = 0
    for item in Platform().query_all(listing, limit=200):
        firm_id = item["SK"]
        try:
            done += job(FirmStore.trusted(firm_id))  # a firm the platform list names
        except Exception:  # noqa: BLE001 - one firm's trouble must not stop the others
            log.exception("%s failed", name, extra={"firm_id": firm_id})
    return done
