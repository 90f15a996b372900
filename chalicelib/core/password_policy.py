"""The one password policy: the API checks it (so a weak password is a 400 naming the
field), the local user pool and the deployed one (infra/identity.py) enforce it."""
from __future__ import annotations

import string

MIN_LENGTH = 12
TEMPORARY_PASSWORD_DAYS = 7

_RULES = (
    (lambda p: len(p) >= MIN_LENGTH, f"at least {MIN_LENGTH} characters"),
    (lambda p: any(c.islower() for c in p), "a lower-case letter"),
    (lambda p: any(c.isupper() for c in p), "an upper-case letter"),
    (lambda p: any(c.isdigit() for c in p), "a digit"),
    (lambda p: any(c in string.punctuation or c == " " for c in p), "a symbol"),
)


# The same rules as one pattern for the OpenAPI document (ASCII classes, no spaces at the
# ends since inputs are stripped): what it allows, missing() allows.
PATTERN = r"^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])(?=.*[!-/:-@\[-`{-~])\S.{%d,254}\S$" % (MIN_LENGTH - 2)


def missing(password: str) -> list[str]:
    return [why for ok, why in _RULES if not ok(password)]


def cognito_policy() -> dict:
    """As Cognito's CreateUserPool takes it."""
    return {"MinimumLength": MIN_LENGTH, "RequireUppercase": True, "RequireLowercase": True,
            "RequireNumbers": True, "RequireSymbols": True,
            "TemporaryPasswordValidityDays": TEMPORARY_PASSWORD_DAYS}
