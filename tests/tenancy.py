"""The tenant guard: sees every key a request sends to DynamoDB and says which ones leave
the caller's firm. A botocore hook added to the built-in handlers, so every client made
afterwards (moto replaces boto3's default session) carries it."""
from __future__ import annotations

import base64
import json
from typing import Any, Iterator

from botocore import handlers

# The only keys that belong to no firm: slug claims and the lists of inviting firms and
# of firms with trashed documents.
PLATFORM_PREFIXES = ("P#SLUG#", "P#INVITING", "P#DOCTRASH")
_KEY_ATTRS = ("PK", "GSI1PK", "GSI2PK")


def _strings(value: dict[str, Any] | None, attrs: tuple[str, ...] = _KEY_ATTRS) -> Iterator[str]:
    for attr in attrs:
        typed = (value or {}).get(attr)
        if isinstance(typed, dict) and "S" in typed:
            yield typed["S"]


def keys_in(params: dict[str, Any]) -> list[str]:
    """Partition keys a DynamoDB request names: keys, items, queries, batches, and index
    keys an update sets (any value that reads like a key)."""
    found = [*_strings(params.get("Key")), *_strings(params.get("Item")), *_strings(params.get("ExclusiveStartKey"))]
    found += [v["S"] for v in (params.get("ExpressionAttributeValues") or {}).values()
              if isinstance(v, dict) and isinstance(v.get("S"), str) and v["S"][:2] in ("F#", "P#")]
    for op in params.get("TransactItems", []):
        found += keys_in(next(iter(op.values())))
    for batch in (params.get("RequestItems") or {}).values():
        for key in batch.get("Keys", []):
            found += _strings(key)
    return found


def token_firm(token: str | None) -> tuple[str, str] | None:
    """(firm, user) a token names in its username; the signature is the authorizer's job."""
    if not token:
        return None
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    firm_id, _, user_id = claims.get("username", "").partition(".")
    return firm_id, user_id


def strays(keys: list[str], caller: tuple[str, str] | None) -> list[str]:
    """Keys outside the caller's firm. When the authorizer did not look the caller up (a
    public route), the request may still reach one firm only: the one it resolved."""
    tenant = [k for k in keys if not k.startswith(PLATFORM_PREFIXES)]
    unknown = [k for k in tenant if not k.startswith("F#")]
    firms = {k.split("#")[1] for k in tenant if k.startswith("F#")}
    if caller and keys and keys[0] == f"F#{caller[0]}#USER#{caller[1]}":
        return unknown + [k for k in tenant if k.startswith("F#") and not k.startswith(f"F#{caller[0]}#")]
    return unknown + ([f"{len(firms)} firms in one request: {sorted(firms)}"] if len(firms) > 1 else [])


class KeyGuard:
    def __init__(self) -> None:
        self.keys: list[str] = []
        self.recording = False

    def install(self) -> "KeyGuard":
        """Must run before the first client is made: clients copy the hooks they find."""
        handlers.BUILTIN_HANDLERS.append(("before-parameter-build.dynamodb", self._seen))
        return self

    def _seen(self, params: dict[str, Any], **_: Any) -> None:
        if self.recording:
            self.keys.extend(keys_in(params))


GUARD = KeyGuard().install()


def route_of(method: str, path: str) -> Any:
    """The registered operation a concrete request path belongs to."""
    import re

    from chalicelib.core.api import every_operation
    bare = path.split("?", 1)[0]
    for op in sorted(every_operation(), key=lambda o: o.path.count("{")):
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", op.path) + "$"
        if op.method == method and re.match(pattern, bare):
            return op
    return None
