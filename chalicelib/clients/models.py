"""A firm's clients: a person or household (`individual`) or a company, trust or
partnership (`entity`). Staff see everything; a portal user sees no internal fields."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from chalicelib.contacts.as_read import sealed_field
from chalicelib.contacts.models import ContactCreate
from chalicelib.core.models import Input, MultilineText, Name, Ref, View, exactly_one_of, kept_if_absent, shown
from chalicelib.core.pagination import PageQuery

Kind = Literal["individual", "entity"]
Status = Literal["active", "archived"]
PortalState = Literal["none", "invited", "active"]
Tag = shown(40)


class ClientCreate(Input):
    model_config = exactly_one_of("primary_contact", "primary_contact_id")
    kind: Kind
    display_name: Name
    legal_name: Name | None = None
    professional_id: Ref | None = Field(None, description="A staff member of the firm; defaults to the "
                                                          "firm's default professional.")
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    notes: MultilineText | None = Field(None, max_length=5000)
    primary_contact: ContactCreate | None = Field(None, description="A new person, or give primary_contact_id.")
    primary_contact_id: Ref | None = Field(None, description="An existing contact of the firm.")
    primary_contact_sealed: str | None = sealed_field("the person named by primary_contact_id")


class ClientUpdate(Input):
    """Leave a field out to keep it; only legal_name and notes may be cleared (null)."""
    display_name: Name = kept_if_absent()
    legal_name: Name | None = None
    professional_id: Ref = kept_if_absent()
    tags: list[Tag] = kept_if_absent(max_length=20)
    notes: MultilineText | None = Field(None, max_length=5000)
    primary_contact_id: Ref = kept_if_absent()


class ClientListQuery(PageQuery):
    q: str | None = Field(None, min_length=2, max_length=100, description="Prefix of any word of the name.")
    kind: Kind | None = None
    professional_id: Ref | None = None
    status: Literal["active", "archived", "all"] = "active"
    portal_status: PortalState | None = None
    order: Literal["name", "created"] = "name"


class ClientClientView(View):
    """What a portal user sees of their own client."""
    id: str
    kind: Kind
    display_name: str
    legal_name: str | None = None
    status: Status
    professional_id: str | None = None
    professional_name: str | None = Field(None, description="Given to portal users, who cannot list the staff.")


class ClientSummaryView(ClientClientView):
    tags: list[str]
    portal_status: PortalState
    primary_contact_id: str
    created_at: str


class ClientStaffView(ClientSummaryView):
    notes: str | None = None
    portal_pending: int = 0
    portal_accepted: int = 0
    storage_bytes: int = Field(0, description="Bytes of the client's documents, every kept version included.")
    document_count: int = Field(0, description="The client's documents that were ever available, not purged.")
    updated_at: str | None = None
    version: int
