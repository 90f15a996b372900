"""What a person sees of their notifications, and how they want to be told."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from chalicelib.contacts.models import PhoneNumber
from chalicelib.core.models import Input, View, schema_rules, when
from chalicelib.core.pagination import PageQuery

Channel = Literal["email", "sms", "none"]


class NotificationQuery(PageQuery):
    unread_only: bool = False


class NotificationView(View):
    id: str
    room_id: str | None = Field(description="The room it is about; null for a firm announcement (kind "
                                            "`announcement`, whose id is `item_id`).")
    room_name: str | None = None
    kind: str
    item_id: str
    thread_id: str | None = None
    title: str
    preview: str
    at: str
    read: bool


class UnreadSummary(View):
    total: int
    rooms: dict[str, int] = Field(description="Room id -> unread count; rooms at zero are left out.")
    announcements: int = Field(0, description="Unread notifications of firm announcements (also in total).")
    version: int = Field(description="Moves with every change; also the ETag for If-None-Match.")


class NotifySettings(Input):
    model_config = schema_rules(when("channel", "sms", {"required": ["sms_to"], "properties": {"sms_to": {"type": "string"}}}))
    channel: Channel = Field("email", description="How new messages reach you besides the portal: one digest "
                                                  "per burst by email or text message, or none.")
    sms_to: PhoneNumber | None = Field(None, description="Your mobile number, for channel sms.")

    @model_validator(mode="after")
    def _number_for_sms(self):
        if self.channel == "sms" and not self.sms_to:
            raise ValueError("channel sms needs sms_to, a mobile number")
        return self


class NotifySettingsView(View):
    channel: Channel = "email"
    sms_to: str | None = None


class DeviceCreate(Input):
    platform: Literal["ios", "android"]
    token: Annotated[str, Field(min_length=8, max_length=4096, pattern=r"^[A-Za-z0-9:_\-.]+$",
                                description="The APNs or FCM device token.")]


class DeviceView(View):
    id: str
    platform: Literal["ios", "android"]
    created_at: str
