"""Messages in a room: threads, replies and internal notes, with their bodies limited to
a safe Markdown subset of at most 10,000 characters."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from chalicelib.core.models import Flag, Input, Ref, View, shown
from chalicelib.messages.markdown import MAX_CHARS, clean


def _body(value: str) -> str:
    cleaned = clean(value)
    if not cleaned:
        raise ValueError("a message needs some text")
    if len(cleaned) > MAX_CHARS:
        raise ValueError(f"at most {MAX_CHARS} characters once made safe")
    return cleaned


Body = Annotated[str, Field(min_length=1, max_length=MAX_CHARS,
                            description="Plain text or Markdown (emphasis, code, lists, http(s)/mailto links); "
                                        "HTML is kept as text."),
                 AfterValidator(_body)]
Tag = shown(40, refused="<>")


Attachments = Annotated[list[Ref], Field(max_length=10, json_schema_extra={"uniqueItems": True},
                                         description="Ids of finalised documents of this room.")]


class ThreadCreate(Input):
    body: Body
    attachments: Attachments = []
    welcome: Flag = Field(False, description="Staff: make this thread the room's welcome message.")


class ReplyCreate(Input):
    body: Body
    attachments: Attachments = []


class NoteCreate(Input):
    body: Body
    attachments: Attachments = []


class MessageEdit(Input):
    body: Body


class TagsSet(Input):
    tags: list[Tag] = Field(max_length=20, description="Internal: never shown to portal users.")


class EmailMembers(Input):
    user_ids: list[Ref] = Field(min_length=1, max_length=25)
    message: Body


class EmailMembersView(View):
    sent_to: int = Field(description="How many members are written to: each gets an email, or a text if they "
                                     "chose texts, a moment later.")
