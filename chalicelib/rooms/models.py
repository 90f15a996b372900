"""Rooms: where a firm and one client work on one service together. Staff see every
field; a portal user sees no internal ones (no professional notes, no member sides)."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from chalicelib.contacts.as_read import sealed_field
from chalicelib.core.models import Input, MultilineText, Name, PartialUpdate, Ref, View, exactly_one_of, kept_if_absent
from chalicelib.core.pagination import PageQuery

RoomStatus = Literal["active", "archived"]
Side = Literal["staff", "client"]
Description = Annotated[MultilineText, Field(max_length=2000)]


class ClientRoomCreate(Input):
    service_id: Ref
    name: Name
    description: Description | None = None
    professional_id: Ref | None = Field(None, description="A staff member; defaults to the one creating the room.")


class RoomCreate(ClientRoomCreate):
    client_id: Ref


class RoomUpdate(PartialUpdate):
    name: Name = kept_if_absent(description="A room keeps a name: it may change, not go.")
    description: Description | None = None


class MemberAdd(Input):
    model_config = exactly_one_of("user_id", "contact_id")
    user_id: Ref | None = Field(None, description="A colleague (staff) to add.")
    contact_id: Ref | None = Field(None, description="A contact of the room's client who has portal access.")
    sealed: str | None = sealed_field("the contact named by contact_id")


class RoomListQuery(PageQuery):
    status: RoomStatus = "active"
    client_id: Ref | None = None
    service_id: Ref | None = None
    professional_id: Ref | None = None
    mine: bool = Field(False, description="Only rooms the caller is a member of.")
    q: str | None = Field(None, min_length=2, max_length=100, description="Start of any word of the room's "
                                                                           "or the client's name.")


class MemberView(View):
    user_id: str
    name: str
    side: Side
    contact_id: str | None = None
    added_at: str


class MemberClientView(View):
    user_id: str
    name: str
    side: Side


class RoomHeading(View):
    """What names a room wherever it appears: a list row or the room itself."""
    id: str
    name: str
    client_id: str
    client_name: str
    service_id: str
    service_name: str
    professional_id: str
    status: RoomStatus
    created_at: str


class RoomClientView(RoomHeading):
    description: str | None = None
    last_activity_at: str | None = None
    welcome_thread_id: str | None = None
    members: list[MemberClientView]


class RoomStaffView(RoomClientView):
    created_by: str
    members: list[MemberView]  # type: ignore[assignment]
    version: int


class RoomRowView(RoomHeading):
    """A row of a room list, with the caller's unread count for that room."""
    unread: int = 0


def _members(room: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(({"user_id": uid, **m} for uid, m in room.get("members", {}).items()),
                  key=lambda m: (m["side"] != "staff", m["name"].casefold()))


def staff_view(room: dict[str, Any]) -> RoomStaffView:
    return RoomStaffView(**{**room, "members": _members(room), "version": room["v"]})


def client_view(room: dict[str, Any]) -> RoomClientView:
    return RoomClientView(**{**room, "members": _members(room)})


class AttachmentView(View):
    """A document attached to a message (download it through /documents/{id}/download).
    Its name, type and size join the id a moment after the message is posted."""
    id: str
    file_name: str | None = None
    content_type: str | None = None
    size: int | None = None


class FeedClientView(View):
    """A feed item as a portal user sees it: no visibility, tags or edit history."""
    id: str
    kind: str
    at: str
    actor_id: str | None = None
    actor_name: str | None = None
    payload: dict[str, Any] = {}
    thread_id: str | None = None
    body: str | None = None
    reply_count: int = 0
    edited: bool = False
    deleted: bool = False
    attachments: list[AttachmentView] = []


class Edit(View):
    at: str
    body: str


class FeedStaffView(FeedClientView):
    visibility: Literal["client", "internal"]
    tags: list[str] = []
    edits: list[Edit] = []


def _feed_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {**item, "edited": bool(item.get("edited_at")), "deleted": bool(item.get("deleted_at"))}


def feed_staff_view(item: dict[str, Any]) -> FeedStaffView:
    return FeedStaffView(**_feed_fields(item))


def feed_client_view(item: dict[str, Any]) -> FeedClientView:
    return FeedClientView(**_feed_fields(item))
