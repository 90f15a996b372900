"""The weekly opportunities digest: each professional gets one email listing the open
opportunities of their clients (those of clients without a professional go to nobody;
the board shows them). Run by an EventBridge schedule; firms are those that ever
invited a portal user, since only portal users answer the survey."""
from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from chalicelib.accounts.models import DEACTIVATED
from chalicelib.core.principal import CLIENT
from chalicelib.opportunities.records import OPEN
from chalicelib.outbox.service import queue_email
from chalicelib.outbox.templates import branded_email
from chalicelib.store import Attr, FirmStore, Platform, keys, platform_keys

log = logging.getLogger(__name__)
MAX_LINES = 50


def run() -> dict[str, int]:
    sent = 0
    for claim in Platform().query_all(platform_keys.INVITING_FIRMS, limit=200):
        try:
            # trusted: the firm id comes from the platform list the app itself writes
            sent += send_digests(FirmStore.trusted(claim["SK"]))
        except Exception:  # noqa: BLE001 - one firm's trouble must not stop the others
            log.exception("opportunity digest failed", extra={"firm_id": claim["SK"]})
    return {"digests": sent}


def open_by_professional(db: FirmStore) -> dict[str, list[dict[str, Any]]]:
    """Open opportunities grouped by the client's professional: one Query per service
    whose counter says it has any."""
    counters = db.query(keys.SERVICES, sk_prefix="OPPCOUNT#", limit=1000).items
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for counter in counters:
        if int(counter.get("open", 0)) <= 0:
            continue
        service_id = counter["SK"].removeprefix("OPPCOUNT#")
        for opp in db.query_all(keys.opportunities(service_id), index="GSI1", where=Attr("status").eq(OPEN)):
            if opp.get("professional_id"):
                grouped[opp["professional_id"]].append(opp)
    return grouped


def _lines(opps: list[dict[str, Any]]) -> list[str]:
    shown = [f"{o['client_name']}: {o['service_name']} (asked {o['survey_date'][:10]})" for o in opps[:MAX_LINES]]
    return shown + ([f"... and {len(opps) - MAX_LINES} more on the board."] if len(opps) > MAX_LINES else [])


def send_digests(db: FirmStore) -> int:
    grouped = open_by_professional(db)
    if not grouped:
        return 0
    firm, sent = db.get(keys.firm()) or {}, 0
    for user_id, opps in grouped.items():
        user = db.get(keys.user(user_id))  # a GetItem per professional: the job's role reads items only
        if not firm or not user or user.get("role") == CLIENT or user.get("status") == DEACTIVATED:
            continue
        message = branded_email(firm, f"{len(opps)} open opportunities this week",
                                [f"Hello {user['name']},", "Your clients asked about these services:", *_lines(opps)])
        work = db.work()
        queue_email(work, user["email"], message, firm["name"], ref=f"opportunity-digest:{user_id}")
        work.commit()
        sent += 1
    return sent
