"""Base classes for every API model: inputs reject unknown fields, outputs are plain."""
from __future__ import annotations

import re
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
    model_config = ConfigDict(extra="ignore", defer_build=True)


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


Email = Annotated[str, Field(max_length=254), AfterValidator(_email)]
Password = Annotated[str, Field(max_length=256, json_schema_extra={"format": "password"}), AfterValidator(_password)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$",
                            description="A firm's address: lower-case letters, digits, hyphens; 3 to 40.")]
Name = Annotated[str, Field(min_length=1, max_length=200)]

