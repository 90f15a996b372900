"""Idempotency-Key records: a retried write (a flaky mobile network, a double click)
replays the first answer instead of acting twice.

Why not Powertools' idempotency utility: its records use its own key layout (one static
partition for every caller), while this table's rule is tenant-first keys with `type`
and `ttl` on every item; one record per (firm, user, route, key) here is a conditional
Put to claim, an UpdateItem to keep the answer, and a GetItem on a retry."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict
from chalicelib.store import table

KEEP_SECONDS = 24 * 3600
IN_PROGRESS, DONE = "in_progress", "done"


@dataclass(frozen=True)
class Claim:
    key: dict[str, str]
    replay: dict[str, Any] | None = None


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def claim(firm_id: str, user_id: str, route: str, idem_key: str, body: bytes) -> Claim:
    """Claims the key for this request, or returns the stored answer of the first one."""
    key = {"PK": f"F#{firm_id}#IDEM#{_digest(user_id, route, idem_key)}", "SK": "IDEM"}
    fingerprint = hashlib.sha256(body or b"").hexdigest()
    try:
        table.transact([table.put_op({**key, "type": "idempotency", "status": IN_PROGRESS,
                                      "fingerprint": fingerprint, "ttl": clock.epoch() + KEEP_SECONDS})])
        return Claim(key)
    except Conflict:
        pass
    found = table.get(key, consistent=True) or {}
    if found.get("fingerprint") != fingerprint:
        raise BusinessRule("This Idempotency-Key was used with a different request body.")
    if found.get("status") != DONE:
        raise Conflict("A request with this Idempotency-Key is still being processed; retry shortly.")
    return Claim(key, replay=json.loads(found["response"]))


def complete(done: Claim, status: int, body: str, headers: dict[str, str]) -> None:
    record = json.dumps({"status": status, "body": body, "headers": headers})
    table.update(done.key, {"status": DONE, "response": record}, expected_v=1)


def release(done: Claim) -> None:
    """A refused request keeps nothing, so the caller may fix it and retry with the key."""
    table.transact([table.delete_op(done.key)])
