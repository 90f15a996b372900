"""Tokens for the authorizer tests, signed with the key moto's Cognito signs with, so
only the claim under test is wrong."""
from __future__ import annotations

import base64
import gzip
import json
import time
from pathlib import Path
from typing import Any

import jwt
import moto.cognitoidp


def _moto_private_key() -> Any:
    path = Path(moto.cognitoidp.__file__).parent / "resources" / "jwks-private.json.gz"
    data = json.loads(gzip.decompress(path.read_bytes()))
    return jwt.PyJWK(data, algorithm="RS256").key


def claims_of(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


def resign(token: str, **changes: Any) -> str:
    """The same token with some claims changed, validly signed by the pool's key."""
    claims = {**claims_of(token), **changes}
    header = jwt.get_unverified_header(token)
    return jwt.encode(claims, _moto_private_key(), algorithm="RS256", headers={"kid": header["kid"]})


def expired(token: str) -> str:
    now = int(time.time())
    return resign(token, iat=now - 7200, exp=now - 3600)


def tampered(token: str, **changes: Any) -> str:
    """Claims changed but the old signature kept: a forgery."""
    head, _, sig = token.split(".")
    payload = base64.urlsafe_b64encode(json.dumps({**claims_of(token), **changes}).encode()).decode().rstrip("=")
    return f"{head}.{payload}.{sig}"
