"""The signing key of cursors and invitation links, read from Secrets Manager.

The secret holds JSON `{"current": ..., "previous": ...}`. Everything is signed with
`current` and checked against both, so a rotation (write a new current, move the old one
to previous) needs no deployment: for as long as the cached copy lives in each warm
function, and for the grace period the previous key is kept, both keys verify.

Powertools' parameters utility is imported on first use, not with this module: a
function that never signs pays nothing for it at cold start."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import boto3

from chalicelib.core.config import Settings, settings

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
