"""People a firm deals with: several emails and phones each, linked to one or more clients."""
from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from chalicelib.contacts.as_read import sealed_field
from chalicelib.core import clock
from chalicelib.core.models import DisplayText, Email, Flag, Input, View, shown

PhoneKind = Literal["mobile", "home", "work", "other"]
LinkRole = Literal["co_owner", "authorised_user"]
PortalStatus = Literal["not_invited", "pending", "accepted", "expired", "revoked"]
MAX_ADDRESSES = 5
# Digits are ASCII only (Python's \d would take any script's digits); the pattern the
# document shows allows the spaces, dots, dashes and brackets people type between them.
_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
_SEPARATOR = "[ ().-]*"
PHONE_PATTERN = rf"^{_SEPARATOR}\+{_SEPARATOR}[1-9](?:{_SEPARATOR}[0-9]){{6,14}}{_SEPARATOR}$"


def _e164(value: str) -> str:
    compact = re.sub(r"[ ().-]", "", value)
    if not _E164.match(compact):
        raise ValueError("not an E.164 phone number such as +15551234567")
    return compact


PHONE_MAX = 32  # as typed, separators included
PhoneNumber = Annotated[str, Field(max_length=PHONE_MAX, pattern=PHONE_PATTERN), AfterValidator(_e164)]
PersonName = shown(100)


class EmailAddress(Input):
    address: Email
    label: DisplayText | None = Field(None, max_length=40)
    shared: Flag = Field(False, description="The address is shared with another person (a couple's "
                                            "household address, say); it may then appear on two contacts "
                                            "of one client, and still holds at most one login.")


class Phone(Input):
    number: PhoneNumber
    kind: PhoneKind = "mobile"


def _distinct(values: list[str], what: str) -> None:
    if len(set(values)) != len(values):
        raise ValueError(f"the same {what} is listed twice")


class ContactFields(Input):
    emails: list[EmailAddress] = Field(default_factory=list, max_length=MAX_ADDRESSES)
    phones: list[Phone] = Field(default_factory=list, max_length=MAX_ADDRESSES)

    @model_validator(mode="after")
    def _no_repeats(self):
        _distinct([e.address for e in self.emails or []], "email address")
        _distinct([p.number for p in self.phones or []], "phone number")
        return self


class ContactCreate(ContactFields):
    first_name: PersonName
    last_name: PersonName | None = None


class ClientContactCreate(ContactCreate):
    role: LinkRole | None = Field(None, description="Defaults to co_owner for individuals, "
                                                    "authorised_user for entities.")


class ContactLink(Input):
    role: LinkRole | None = None


class PersonSealed(Input):
    """A change of a person's links or portal access, with the person as last answered."""
    sealed: str | None = sealed_field("the person")


class SealedLink(ContactLink, PersonSealed):
    pass


class ContactUpdate(ContactFields):
    first_name: PersonName | None = None
    last_name: PersonName | None = None
    emails: list[EmailAddress] | None = Field(None, max_length=MAX_ADDRESSES)
    phones: list[Phone] | None = Field(None, max_length=MAX_ADDRESSES)
    sealed: str | None = sealed_field("the person")


class PortalView(View):
    status: PortalStatus
    method: Literal["email", "sms"] | None = None
    sent_to: str | None = None
    login_email: str | None = None
    invited_at: str | None = None
    expires_at: str | None = None
    accepted_at: str | None = None
    revoked_at: str | None = None
    last_login_at: str | None = None


class ContactView(View):
    id: str
    first_name: str
    last_name: str | None = None
    emails: list[EmailAddress]
    phones: list[Phone]
    client_ids: list[str]
    portal: PortalView
    created_at: str
    version: int


SEALED_USE = ("give it back with a change of their emails, to make them a new client's primary contact, "
              "or to link, unlink or remove them from the portal, and that write reads nothing first.")


class SealedContactView(ContactView):
    """The person read or changed by their own route, from the stored item itself."""
    sealed: str = Field(description=f"This person as answered, signed: {SEALED_USE}")


class ClientContactView(ContactView):
    role: LinkRole
    primary: bool


class SealedClientContact(ClientContactView):
    """A client's contact from the link's copy of them, sealed only when the copy is whole
    (one kept before copies named the login cannot say which login a write changes)."""
    sealed: str | None = Field(None, description=f"This person as listed, signed: {SEALED_USE} Absent for a "
                                                 "person whose copy here predates copies naming their login.")


# --- stored contacts as staff see them: the portal state as it stands now, with the
# last sign-in that every sign-in copies onto the contact -----------------------------

def effective_status(portal: dict[str, Any]) -> str:
    """A pending invitation past its expiry reads as expired before the sweep records it."""
    status = portal.get("status", "not_invited")
    if status == "pending" and portal.get("expires_at", "") < clock.now_iso():
        return "expired"
    return status


def portal_view(contact: dict[str, Any]) -> PortalView:
    portal = contact.get("portal", {})
    return PortalView(**{**portal, "status": effective_status(portal)})


def contact_view(contact: dict[str, Any]) -> ContactView:
    return ContactView(**{**contact, "portal": portal_view(contact), "version": contact["v"]})


def client_contact_view(contact: dict[str, Any], link: dict[str, Any], primary_id: str | None) -> ClientContactView:
    return ClientContactView(**{**contact_view(contact).model_dump(), "role": link["role"],
                                "primary": contact["id"] == primary_id})
