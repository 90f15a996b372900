"""Idempotency-Key records: a retried write (a flaky mobile network, a double click)
replays the first answer instead of acting twice.

Why not Powertools' idempotency utility: its records use its own key layout (one static
partition for every caller), while this table's rule is tenant-first keys with `type`
and `ttl` on every item; one record per (firm, user, route, key) here is a conditional
Put to claim, an UpdateItem to keep the answer, and a GetItem on a retry.

Like Powertools' in-progress expiry, a claim lapses once the function that made it must
have ended (its timeout has passed): a request killed mid-way does not block its key for
a day, and a retry after that takes the claim over with a versioned update."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, PreconditionFailed
from chalicelib.store import table

KEEP_SECONDS = 24 * 3600
# The API function's timeout (29 s, infra/functions.py) and a second of slack.
IN_PROGRESS_SECONDS = 30
IN_PROGRESS, DONE = "in_progress", "done"


@dataclass(frozen=True)
class Claim:
    key: dict[str, str]
    replay: dict[str, Any] | None = None
    version: int = 1


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def claim(firm_id: str, user_id: str, route: str, idem_key: str, body: bytes) -> Claim:
    """Claims the key for this request, or returns the stored answer of the first one."""
    key = {"PK": f"F#{firm_id}#IDEM#{_digest(user_id, route, idem_key)}", "SK": "IDEM"}
    fingerprint = hashlib.sha256(body or b"").hexdigest()
    record = {"status": IN_PROGRESS, "fingerprint": fingerprint, "ttl": clock.epoch() + KEEP_SECONDS,
              "expires_in_progress": clock.epoch() + IN_PROGRESS_SECONDS}
    try:
        table.transact([table.put_op({**key, "type": "idempotency", **record})])
        return Claim(key)
    except Conflict:
        pass
    found = table.get(key, consistent=True) or {}
    if found.get("fingerprint") != fingerprint:
        raise BusinessRule("This Idempotency-Key was used with a different request body.")
    if found.get("status") == DONE:
        return Claim(key, replay=json.loads(found["response"]))
    if found.get("expires_in_progress", 0) < clock.epoch():
        return _take_over(key, found["v"], record)
    raise Conflict("A request with this Idempotency-Key is still being processed; retry shortly.")


def _take_over(key: dict[str, str], seen_v: int, record: dict[str, Any]) -> Claim:
    """The first request died before it answered; the versioned update lets one retry win."""
    try:
        table.update(key, record, expected_v=seen_v)
    except PreconditionFailed:
        raise Conflict("A request with this Idempotency-Key is still being processed; retry shortly.") from None
    return Claim(key, version=seen_v + 1)


def complete(done: Claim, status: int, body: str, headers: dict[str, str]) -> None:
    record = json.dumps({"status": status, "body": body, "headers": headers})
    table.update(done.key, {"status": DONE, "response": record}, expected_v=done.version)


def release(done: Claim) -> None:
    """A refused request keeps nothing, so the caller may fix it and retry with the key."""
    table.transact([table.delete_op(done.key)])
