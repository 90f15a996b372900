"""Verifying Cognito access tokens: RS256 signature against the pool's JWKS (cached per
process, refetched once when a new key id appears), then iss, token_use, client_id, exp.

PyJWT (and the cryptography it loads for RS256) is imported on the first verification,
not with this module: the API function imports it through its routes, and only the
authorizer function ever verifies."""
from __future__ import annotations

import time
from typing import Any

import requests

from chalicelib.core.config import settings

_JWKS: dict[str, Any] = {"keys": {}, "fetched": 0.0}
_REFETCH_AFTER = 300.0


class InvalidToken(Exception):
    pass


def issuer() -> str:
    s = settings()
    return f"https://cognito-idp.{s.region}.amazonaws.com/{s.user_pool_id}"


def _jwks_url() -> str:
    s = settings()
    base = s.endpoint_url.rstrip("/") if s.endpoint_url else f"https://cognito-idp.{s.region}.amazonaws.com"
    return f"{base}/{s.user_pool_id}/.well-known/jwks.json"


def _fetch_keys() -> dict[str, Any]:
    import jwt
    # requests, not urllib: the in-process AWS mock intercepts requests only.
    resp = requests.get(_jwks_url(), timeout=5)
    resp.raise_for_status()
    return {k["kid"]: jwt.PyJWK(k, algorithm="RS256").key for k in resp.json()["keys"]}


def _key_for(kid: str) -> Any:
    keys = _JWKS["keys"]
    stale = time.monotonic() - _JWKS["fetched"] > _REFETCH_AFTER
    if kid not in keys and (not keys or stale):
        _JWKS["keys"] = keys = _fetch_keys()
        _JWKS["fetched"] = time.monotonic()
    if kid not in keys:
        raise InvalidToken("unknown signing key")
    return keys[kid]


def forget_keys() -> None:
    _JWKS["keys"] = {}
    _JWKS["fetched"] = 0.0


def verify_access_token(token: str) -> dict[str, Any]:
    import jwt
    try:
        header = jwt.get_unverified_header(token)
        key = _key_for(header.get("kid", ""))
        claims = jwt.decode(token, key, algorithms=["RS256"], issuer=issuer(),
                            options={"require": ["exp", "iss", "token_use"], "verify_aud": False})
    except (jwt.PyJWTError, requests.RequestException, KeyError, ValueError) as exc:
        raise InvalidToken(str(exc)) from exc
    if claims.get("token_use") != "access":
        raise InvalidToken("not an access token")
    if claims.get("client_id") != settings().user_pool_client_id:
        raise InvalidToken("issued to another app client")
    return claims


def bearer(header_value: str | None) -> str:
    if not header_value:
        raise InvalidToken("no credentials")
    scheme, _, token = header_value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("expected a bearer token")
    return token.strip()
