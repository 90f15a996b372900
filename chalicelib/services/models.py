"""Services: the kinds of work a firm does for its clients (tax return, bookkeeping...).
Every room is of one service."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.core.models import Input, MultilineText, Name, PartialUpdate, View, kept_if_absent

ServiceStatus = Literal["active", "retired"]


class ServiceCreate(Input):
    name: Name
    description: MultilineText | None = Field(None, max_length=1000)


class ServiceUpdate(PartialUpdate):
    name: Name = kept_if_absent(description="A service keeps a name: it may change, not go.")
    description: MultilineText | None = Field(None, max_length=1000)


class ServiceQuery(Input):
    status: ServiceStatus | Literal["all"] = "active"


class ServiceView(View):
    id: str
    name: str
    description: str | None = None
    status: ServiceStatus
    created_at: str
    version: int


def service_view(item: dict) -> ServiceView:
    return ServiceView(**{**item, "version": item["v"]})
