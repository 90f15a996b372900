"""Invitation tokens: `<firm_id>.<invite_id>.<secret>`. The ids let a public request find
the invitation without a firm context; only an HMAC of the whole token is stored, so a
leaked table does not leak working links.

The secret is itself an HMAC of the ids under the signing key, so the link can be made
again where the invitation is followed from the stream (its message is sent from there)
without storing it: the key is not in the table, so the table still rebuilds no link."""
from __future__ import annotations

import base64
import hashlib
import hmac
import re

from chalicelib.core import signing
from chalicelib.core.errors import BadRequest

PATTERN = r"^([0-9A-Z]{26})\.([0-9A-Z]{26})\.([A-Za-z0-9_-]{32,64})$"
_SHAPE = re.compile(PATTERN)


def new_token(firm_id: str, invite_id: str, key: bytes | None = None) -> str:
    mac = hmac.new(key or signing.keys().current, f"invitation-link:{firm_id}.{invite_id}".encode(), hashlib.sha256)
    return f"{firm_id}.{invite_id}.{base64.urlsafe_b64encode(mac.digest()).decode().rstrip('=')}"


def token_of(firm_id: str, invite_id: str, stored_digest: str) -> str | None:
    """The link of a stored invitation, made with the key its stored digest was made with
    (one made before a key rotation, with the previous key); None once no kept key made it."""
    for key in signing.keys().all:
        token = new_token(firm_id, invite_id, key)
        if hmac.compare_digest(digest(token, key), stored_digest):
            return token
    return None


def digest(token: str, key: bytes | None = None) -> str:
    return hmac.new(key or signing.keys().current, token.encode(), hashlib.sha256).hexdigest()


def well_formed(token: str) -> bool:
    return _SHAPE.match(token or "") is not None


def parse(token: str) -> tuple[str, str]:
    """(firm_id, invite_id) of a well-formed token; anything else is a 400."""
    found = _SHAPE.match(token or "")
    if not found:
        raise BadRequest("This is not an invitation link Atrium made; check it was copied whole.",
                         [{"loc": "token", "msg": "malformed invitation token"}])
    return found.group(1), found.group(2)


def matches(token: str, stored_digest: str) -> bool:
    """A link made before a key rotation keeps working while the previous key is kept."""
    return any(hmac.compare_digest(digest(token, key), stored_digest) for key in signing.keys().all)
