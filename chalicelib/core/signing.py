"""The signing key of cursors, upload tickets and invitation links, read from Secrets
Manager, and the sealing of values the API hands out and takes back unchanged.

The secret holds JSON `{"current": ..., "previous": ...}`. Everything is signed with
`current` and checked against both, so a rotation (write a new current, move the old one
to previous) needs no deployment: for as long as the cached copy lives in each warm
function, and for the grace period the previous key is kept, both keys verify.

Powertools' parameters utility is imported on first use, not with this module: a
function that never signs pays nothing for it at cold start."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

import boto3

from chalicelib.core.config import Settings, settings

# What `seal` writes: two unpadded URL-safe base64 parts joined by a dot, the second a
# 16-byte signature.
SEALED_PATTERN = r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$"
MAX_AGE_SECONDS = 300  # how stale a function's copy of the keys may be after a rotation


@dataclass(frozen=True)
class SigningKeys:
    current: bytes
    previous: bytes | None = None

    @property
    def all(self) -> tuple[bytes, ...]:
        return (self.current,) if self.previous is None else (self.current, self.previous)


_PROVIDER: dict[str, Any] = {}


def _provider(s: Settings) -> Any:
    # One provider (and so one cache) per settings: tests and the local stack reset them.
    if _PROVIDER.get("for") is not s:
        from aws_lambda_powertools.utilities.parameters import SecretsProvider
        secrets = boto3.client("secretsmanager", region_name=s.region, endpoint_url=s.endpoint_url)
        _PROVIDER.update({"for": s, "provider": SecretsProvider(boto3_client=secrets)})
    return _PROVIDER["provider"]


def parse(secret_string: str) -> SigningKeys:
    data = json.loads(secret_string)
    previous = data.get("previous")
    return SigningKeys(current=data["current"].encode(), previous=previous.encode() if previous else None)


def keys() -> SigningKeys:
    s = settings()
    return parse(_provider(s).get(s.signing_secret, max_age=MAX_AGE_SECONDS))


def seal(data: dict[str, Any], scope: str) -> str:
    """`data` as text only this API can have written, for `scope` alone (SEALED_PATTERN)."""
    payload = json.dumps({**data, "s": scope}, separators=(",", ":"), sort_keys=True).encode()
    return f"{_b64(payload)}.{_signature(payload, keys().current)}"


def unseal(sealed: str, scope: str) -> dict[str, Any] | None:
    """What `seal` wrote for `scope`, or None for anything else. Every key verifies: a
    value sealed just before a rotation still opens."""
    if not sealed.isascii():
        return None  # compare_digest refuses non-ASCII text with a TypeError
    try:
        body, signature = sealed.split(".", 1)
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError:
        return None
    if not any(hmac.compare_digest(signature, _signature(payload, key)) for key in keys().all):
        return None
    data = json.loads(payload)  # signed by this API, so well formed
    return data if data.pop("s", None) == scope else None


def _signature(payload: bytes, key: bytes) -> str:
    return _b64(hmac.new(key, payload, hashlib.sha256).digest()[:16])


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")
