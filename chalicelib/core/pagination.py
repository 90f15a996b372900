"""Opaque list cursors: DynamoDB's LastEvaluatedKey, signed and bound to the firm and the
query that produced it, so a cursor cannot be forged or replayed against another list."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from pydantic import BaseModel, Field

from chalicelib.core import signing
from chalicelib.core.errors import BusinessRule

# What encode_cursor writes: two unpadded URL-safe base64 parts joined by a dot, the
# second a 16-byte signature. One of another shape is refused as malformed (400); one of
# this shape that this API did not sign, for this list, cannot be used (422).
CURSOR_PATTERN = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$"
DEFAULT_PAGE = 50
MAX_PAGE = 200


class PageQuery(BaseModel):
    model_config = {"extra": "forbid", "defer_build": True}
    limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE)
    cursor: str | None = Field(None, max_length=2048, pattern=CURSOR_PATTERN,
                               description="The next_cursor of the previous page, as it was given.")


def _sign(payload: bytes, key: bytes) -> str:
    mac = hmac.new(key, payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:16]).decode().rstrip("=")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_cursor(last_key: dict[str, Any] | None, scope: str, carry: dict[str, Any] | None = None) -> str | None:
    """`carry`: what a later page needs of the first one (signed with the position, so it
    is exactly what the API gave)."""
    if not last_key:
        return None
    payload = json.dumps({"k": last_key, "s": scope, **({"c": carry} if carry else {})}, separators=(",", ":"),
                         sort_keys=True).encode()
    return f"{_b64(payload)}.{_sign(payload, signing.keys().current)}"


def decode_cursor(cursor: str | None, scope: str) -> dict[str, Any] | None:
    return _verified(cursor, scope).get("k")


def decode_carried(cursor: str | None, scope: str) -> dict[str, Any]:
    """What the cursor carries from the first page (empty for none)."""
    return _verified(cursor, scope).get("c") or {}


def _verified(cursor: str | None, scope: str) -> dict[str, Any]:
    if not cursor:
        return {}
    bad = BusinessRule("The cursor is not valid for this list.", [{"loc": "query.cursor", "msg": "invalid cursor"}])
    if not cursor.isascii():
        raise bad  # compare_digest refuses non-ASCII text with a TypeError
    try:
        body, signature = cursor.split(".", 1)
        payload = _unb64(body)
    except ValueError:
        raise bad from None
    # Every key verifies: a cursor signed just before a rotation still works.
    if not any(hmac.compare_digest(signature, _sign(payload, key)) for key in signing.keys().all):
        raise bad
    data = json.loads(payload)  # signed by this API, so well formed
    if data.get("s") != scope:
        raise bad
    return data
