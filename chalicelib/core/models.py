"""Base classes for every API model: inputs reject unknown fields, outputs are plain."""
from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from chalicelib.core import password_policy

T = TypeVar("T")

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


# Models build their validators on first use, not at import: a cold start pays only for
# the few a request touches.
class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class View(BaseModel):
    # Answers hold exactly the declared fields: the document says so, so a client (and
    # the fuzzer) can tell a leaked extra field from a declared one.
    model_config = ConfigDict(extra="ignore", defer_build=True,
                              json_schema_extra={"additionalProperties": False})


def exactly_one_of(*fields: str) -> ConfigDict:
    """Says in the document what the service enforces: give one of these fields, not both
    and not neither (a null counts as not given)."""
    given = [{"required": [f], "properties": {f: {"not": {"type": "null"}}}} for f in fields]
    return ConfigDict(json_schema_extra={"oneOf": given})


class ListOf(View, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def _email(value: str) -> str:
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError("not a valid email address")
    return value.lower()


def _password(value: str) -> str:
    lacking = password_policy.missing(value)
    if lacking:
        raise ValueError("the password needs " + ", ".join(lacking))
    return value


# The rules the validators apply, also written into the schema, so that what the document
# calls valid is accepted and a generated client can check before it sends.
Email = Annotated[str, Field(max_length=254, json_schema_extra={"format": "email", "pattern": _EMAIL.pattern}),
                  AfterValidator(_email)]
Password = Annotated[str, Field(max_length=256, json_schema_extra={
    "format": "password", "minLength": password_policy.MIN_LENGTH, "pattern": password_policy.PATTERN}),
    AfterValidator(_password)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$",
                            description="A firm's address: lower-case letters, digits, hyphens; 3 to 40.")]
# Text shown to people (in the portal, in emails and texts): no control characters that
# could hide or forge content, no bidirectional overrides or isolates that reorder
# what a reader sees (a name that displays as "Support" but reads otherwise).
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
SHOWN_PATTERN = f"^[^\\x00-\\x1f\\x7f-\\x9f{_BIDI_CONTROLS}]*$"
# Several lines (notes): line breaks and tabs are allowed, other controls are not.
SHOWN_TEXT_PATTERN = f"^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{_BIDI_CONTROLS}]*$"


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


# One line of display text (names, labels), NFC-normalised so that the same name typed on
# two keyboards is stored, compared and searched the same. The pattern is in the schema,
# so a generated client refuses what the API refuses.
DisplayText = Annotated[str, Field(pattern=SHOWN_PATTERN), AfterValidator(_nfc)]
MultilineText = Annotated[str, Field(pattern=SHOWN_TEXT_PATTERN), AfterValidator(_nfc)]
Name = Annotated[DisplayText, Field(min_length=1, max_length=200)]

