"""boto3 clients, made once per process and lazily, so cold start pays only for what
a request uses. AWS_ENDPOINT_URL points them all at the local stack."""
from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

from chalicelib.core.config import settings

_clients: dict[str, Any] = {}
_CONFIG = Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=3, read_timeout=10)


def client(service: str) -> Any:
    found = _clients.get(service)
    if found is None:
        found = boto3.client(service, region_name=settings().region,
                             endpoint_url=settings().endpoint_url, config=_CONFIG)
        _clients[service] = found
    return found


def reset_clients() -> None:
    _clients.clear()
