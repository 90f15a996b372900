"""Opaque list cursors: DynamoDB's LastEvaluatedKey, signed and bound to the firm and the
query that produced it, so a cursor cannot be forged or replayed against another list."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from chalicelib.core import signing
from chalicelib.core.errors import BusinessRule

# What encode_cursor writes (sealed). One of another shape is refused as malformed (400);
# one of this shape that this API did not sign, for this list, cannot be used (422).
CURSOR_PATTERN = signing.SEALED_PATTERN
DEFAULT_PAGE = 50
MAX_PAGE = 200


class PageQuery(BaseModel):
    model_config = {"extra": "forbid", "defer_build": True}
    limit: int = Field(DEFAULT_PAGE, ge=1, le=MAX_PAGE)
    cursor: str | None = Field(None, max_length=2048, pattern=CURSOR_PATTERN,
                               description="The next_cursor of the previous page, as it was given.")


def encode_cursor(last_key: dict[str, Any] | None, scope: str, carry: dict[str, Any] | None = None) -> str | None:
    """`carry`: what a later page needs of the first one (signed with the position, so it
    is exactly what the API gave)."""
    if not last_key:
        return None
    return signing.seal({"k": last_key, **({"c": carry} if carry else {})}, scope)


def decode_cursor(cursor: str | None, scope: str) -> dict[str, Any] | None:
    return _verified(cursor, scope).get("k")


def decode_carried(cursor: str | None, scope: str) -> dict[str, Any]:
    """What the cursor carries from the first page (empty for none)."""
    return _verified(cursor, scope).get("c") or {}


def _verified(cursor: str | None, scope: str) -> dict[str, Any]:
    if not cursor:
        return {}
    data = signing.unseal(cursor, scope)
    if data is None:
        raise BusinessRule("The cursor is not valid for this list.", [{"loc": "query.cursor", "msg": "invalid cursor"}])
    return data
