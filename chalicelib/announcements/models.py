"""Firm announcements (seed 002): shown on the client home while active and among the
client's notifications at each sign-in until dismissed."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from chalicelib.core.models import Input, Moment, Ref, View, schema_rules, shown, shown_text, when

# Shown as text, never as markup: one line of title, a body of lines.
Title = shown(120)
Body = shown_text(2000)


class AnnouncementCreate(Input):
    model_config = schema_rules(when("audience", "services",
                                     {"required": ["service_ids"], "properties": {"service_ids": {"minItems": 1}}},
                                     otherwise={"properties": {"service_ids": {"maxItems": 0}}}))
    title: Title
    body: Body
    starts_at: Moment
    ends_at: Moment
    audience: Literal["all", "services"] = "all"
    service_ids: list[Ref] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _coherent(self) -> "AnnouncementCreate":
        if self.starts_at.tzinfo is None or self.ends_at.tzinfo is None:
            raise ValueError("starts_at and ends_at need a time zone (e.g. Z)")
        if (self.audience == "services") != bool(self.service_ids):
            raise ValueError("service_ids is for audience 'services', and it needs at least one")
        return self


class AnnouncementView(View):
    id: str
    title: str
    body: str
    starts_at: str
    ends_at: str
    audience: Literal["all", "services"]
    service_ids: list[str] = []
    created_at: str


class AnnouncementClientView(View):
    """As a client sees it (the staff preview returns this too)."""
    id: str
    title: str
    body: str
    starts_at: str
    ends_at: str
