"""Values the API signs and hands out, to be given back later as they were: a list's
cursor, a person as they were read. A later request trusts a sealed value as the API's
own word, bound to its scope (the list, the firm and person), and a write conditioned on
the version it names finds out whether it still holds.

A sealed value is two unpadded URL-safe base64 parts joined by a dot: the JSON payload
and its 16-byte signature."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

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


def given(value: str | None, scope: str, loc: str, about: str) -> dict[str, Any] | None:
    """What a request's sealed value holds for `scope`; None when the request gave none.
    A value this API did not seal for it is the caller's error (422 at `loc`)."""
    if value is None:
        return None
    opened = unseal(value, scope)
    if opened is None:
        raise BusinessRule(f"That is not {about} as the API answered it.",
                           [{"loc": loc, "msg": f"not sealed for {about}"}])
    return opened
