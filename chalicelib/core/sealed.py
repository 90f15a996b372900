"""Values the API signs and hands out, to be given back later as they were: a list's
cursor, an upload's ticket, an item as it was answered (a person, an opportunity). A later request trusts a sealed value as the API's
own word, bound to its scope (the list, the firm and person), and a write conditioned on
the version it names finds out whether it still holds.

A sealed value is two unpadded URL-safe base64 parts joined by a dot: the JSON payload
and its 16-byte signature."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any, Callable

from pydantic import Field

from chalicelib.core import signing
from chalicelib.core.errors import BusinessRule

PATTERN = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$"
SCOPE = "s"


def _sign(payload: bytes, key: bytes) -> str:
    mac = hmac.new(key, payload, hashlib.sha256).digest()
    return _b64(mac[:16])


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def seal(data: dict[str, Any], scope: str) -> str:
    payload = json.dumps({**data, SCOPE: scope}, separators=(",", ":"), sort_keys=True).encode()
    return f"{_b64(payload)}.{_sign(payload, signing.keys().current)}"


def unseal(sealed: str, scope: str) -> dict[str, Any] | None:
    """What was sealed for `scope`; None for anything this API did not seal for it."""
    if not sealed.isascii():
        return None  # compare_digest refuses non-ASCII text with a TypeError
    try:
        body, signature = sealed.split(".", 1)
        payload = _unb64(body)
    except ValueError:
        return None
    # Every key verifies: a value sealed just before a rotation still opens.
    if not any(hmac.compare_digest(signature, _sign(payload, key)) for key in signing.keys().all):
        return None
    data = json.loads(payload)  # signed by this API, so well formed
    return data if data.pop(SCOPE, None) == scope else None


# --- a stored item as the API answered it ----------------------------------------------

# Its place in the table stays behind: a sealed item carries what it says, not where it lives.
STORAGE = ("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "type")


def stored_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The item without its place in the table."""
    return {k: v for k, v in item.items() if k not in STORAGE}


def seal_item(item: dict[str, Any], scope: str) -> str:
    return seal({"i": stored_fields(item)}, scope)


def unseal_item(sealed: str, scope: str) -> dict[str, Any] | None:
    """The item `seal_item` sealed for `scope`; None for anything else."""
    data = unseal(sealed, scope)
    return None if data is None else data.get("i")


class Outdated(Exception):
    """A write pinned to a sealed item's version was refused: `item` is the item as it now
    stands, as the refused write returned it, for the write to be made again from."""

    def __init__(self, item: dict[str, Any]) -> None:
        super().__init__("the sealed item has changed since")
        self.item = item


def sealed_field(about: str, max_length: int) -> Any:
    """The request field that gives back `about` as sealed in its last answer."""
    return Field(None, max_length=max_length, pattern=PATTERN,
                 description=f"The `sealed` value of {about} as the API last answered it: with it, the "
                             "change reads nothing first.")


def opened_item(value: str | None, scope: str, loc: str, what: str) -> dict[str, Any] | None:
    """The item a request's sealed value holds; None without one. A value this API did not
    seal for this item of this firm is the caller's error (422)."""
    if value is None:
        return None
    opened = unseal_item(value, scope)
    if opened is None:
        raise BusinessRule(f"That is not this {what} as the API answered it.",
                           [{"loc": loc, "msg": f"not sealed for this {what}"}])
    return opened


def outdated_or(gone: Callable[[None], Exception],
                kind: type[Outdated] = Outdated) -> Callable[[dict[str, Any] | None], Exception]:
    """The refusal of a write pinned to a sealed item's version: the item moved on
    (`kind`, carrying it as it stands; a write pinned to two sealed items tells them
    apart by it), or is gone (`gone`)."""
    return lambda old: gone(None) if old is None else kind(old)
