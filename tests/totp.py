"""RFC 6238 codes, as an authenticator app computes them, for tests."""
from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time


def totp(secret_b32: str, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    key = base64.b32decode(secret_b32.upper() + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


def wrong_code(secret_b32: str) -> str:
    """A well-formed code that is none of the ones a clock-skew window accepts."""
    near = {totp(secret_b32, time.time() + d * 30) for d in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in near)
