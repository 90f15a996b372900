"""The firm's message wording: header and text per message, with variables."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from chalicelib.core.models import Input, View
from chalicelib.wording.templates import VARIABLES, unknown_variables

Message = Literal["invitation", "timeline_email", "timeline_sms"]


def _known(text: str) -> str:
    unknown = unknown_variables(text)
    if unknown:
        raise ValueError(f"unknown variable(s) {', '.join(unknown)}; use {', '.join(VARIABLES)}")
    return text


Header = Annotated[str, Field(max_length=200), AfterValidator(_known)]
Text = Annotated[str, Field(max_length=2000), AfterValidator(_known)]


class WordingIn(Input):
    header: Header | None = None
    text: Text | None = None


class WordingUpdate(Input):
    """Only the messages given change; a null header or text goes back to the default."""
    messages: dict[Message, WordingIn] = Field(min_length=1, max_length=3)


class PreviewRequest(Input):
    message: Message
    header: Header | None = Field(None, description="Unsaved wording to try; the saved one if left out.")
    text: Text | None = None


class WordingView(View):
    header: str
    text: str
    customised: bool


class WordingsView(View):
    messages: dict[str, WordingView]
    variables: list[str]


class PreviewView(View):
    subject: str
    text: str
    html: str
    sms: str | None = Field(None, description="The invitation only: the same message as an SMS.")
