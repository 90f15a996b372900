"""Base classes for every API model: inputs reject unknown fields, outputs are plain."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator

from chalicelib.core import password_policy

T = TypeVar("T")

# An address mail can reach: a dot-atom before the @ (no leading, trailing or doubled dot)
# of at most 64 characters (RFC 5321; the document's "format": "email" says so, as a
# pattern could only with a look-ahead no generator can draw from), host labels after
# it, the last one (the top-level domain) starting with a letter.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_PATTERN = rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?$"
_EMAIL = re.compile(EMAIL_PATTERN)
LOCAL_PART_MAX = 64


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


def when(field: str, value: Any, then: dict[str, Any], otherwise: dict[str, Any] | None = None) -> dict[str, Any]:
    """A rule that holds when `field` is `value` (and `otherwise` when it is not, or absent)."""
    rule = {"if": {"required": [field], "properties": {field: {"const": value}}}, "then": then}
    return rule | ({"else": otherwise} if otherwise else {})


def together(*fields: str) -> dict[str, Any]:
    """These fields are given together (each a value) or not at all (absent or null)."""
    none = {"properties": {f: {"type": "null"} for f in fields}}
    all_of = {"required": list(fields), "properties": {f: {"not": {"type": "null"}} for f in fields}}
    return {"anyOf": [none, all_of]}


def schema_rules(*rules: dict[str, Any]) -> ConfigDict:
    """Rules across fields that the model's validator enforces, written into the document
    so that what it calls valid is what the API accepts."""
    return ConfigDict(json_schema_extra={"allOf": list(rules)})


def kept_if_absent(**field: Any) -> Any:
    """A field of a partial update that may be left out (it keeps its value) but not
    set to null. (The document drops the null default its type would not allow.)"""
    return Field(None, **field)


class PartialUpdate(Input):
    """A change to some fields of an item: it names at least one field (an empty one is a
    400 here, so no service checks it), and the document says so."""
    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    @model_validator(mode="before")
    @classmethod
    def _names_something(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data:
            raise ValueError("nothing to change: give at least one field")
        return data


class ListOf(View, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def _email(value: str) -> str:
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError("not a valid email address")
    if len(value.partition("@")[0]) > LOCAL_PART_MAX:
        raise ValueError(f"the part before the @ may be at most {LOCAL_PART_MAX} characters")
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
_HIDDEN = f"\\x00-\\x1f\\x7f-\\x9f{_BIDI_CONTROLS}"
# Several lines (notes): line breaks and tabs are allowed, other controls are not.
_HIDDEN_IN_TEXT = f"\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{_BIDI_CONTROLS}"
# What stripping removes besides those controls: a name of blanks only is empty.
_BLANKS = " \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
SHOWN_PATTERN = f"^[^{_HIDDEN}]*$"
SHOWN_TEXT_PATTERN = f"^[^{_HIDDEN_IN_TEXT}]*$"


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _with_something_shown(hidden: str, blank: str) -> str:
    return f"^[^{hidden}]*[^{hidden}{blank}][^{hidden}]*$"


# One line of display text (names, labels), NFC-normalised so that the same name typed on
# two keyboards is stored, compared and searched the same. The pattern is in the schema,
# so a generated client refuses what the API refuses.
DisplayText = Annotated[str, Field(pattern=SHOWN_PATTERN), AfterValidator(_nfc)]
MultilineText = Annotated[str, Field(pattern=SHOWN_TEXT_PATTERN), AfterValidator(_nfc)]


def shown(max_length: int, refused: str = "", **field: Any) -> Any:
    """One line of display text that must show something: its one pattern (the schema
    keeps only one) refuses the hidden characters, `refused` ones, and blanks only
    (inputs are stripped, so those would arrive empty)."""
    pattern = _with_something_shown(_HIDDEN + refused, _BLANKS)
    return Annotated[str, Field(min_length=1, max_length=max_length, pattern=pattern, **field), AfterValidator(_nfc)]


def shown_text(max_length: int, **field: Any) -> Any:
    """Several lines of display text that must show something."""
    pattern = _with_something_shown(_HIDDEN_IN_TEXT, _BLANKS + "\\t\\n\\r")
    return Annotated[str, Field(min_length=1, max_length=max_length, pattern=pattern, **field), AfterValidator(_nfc)]


Name = shown(200)
# true or false, as the document says: not 0, 1 or "yes", which lax parsing would take.
Flag = Annotated[bool, Strict()]


def _whole_number(value: Any) -> Any:
    """A JSON integer (5, or 5.0, which JSON Schema counts as one); never true, false or text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _written(value: Any) -> Any:
    """Dates and times arrive as text (RFC 3339), not as a number of seconds (code may
    hand over a datetime)."""
    if not isinstance(value, (str, dt.datetime)):
        raise ValueError("must be a date and time such as 2026-03-01T09:00:00Z")
    return value


Integer = Annotated[int, BeforeValidator(_whole_number)]
Moment = Annotated[dt.datetime, BeforeValidator(_written)]
# An id Atrium minted, named in a body: letters and digits, as in a path.
_REF = {"type": "string", "minLength": 1, "maxLength": 40, "pattern": r"^[A-Za-z0-9]+$"}
Ref = Annotated[str, Field(min_length=_REF["minLength"], max_length=_REF["maxLength"], pattern=_REF["pattern"])]


def _keys_and_values_are_refs(schema: dict[str, Any]) -> None:
    # pydantic writes the key rule as patternProperties, which lets any other key through.
    schema.pop("patternProperties", None)
    schema.update(propertyNames=dict(_REF), additionalProperties=dict(_REF))


def ref_map(**field: Any) -> Any:
    """A dict[Ref, Ref] field (one id to another), as exact in the document as in the model."""
    return Field(json_schema_extra=_keys_and_values_are_refs, **field)

