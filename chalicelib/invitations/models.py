"""Portal invitations: asking for one, previewing a link, accepting it."""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from chalicelib.contacts.models import PHONE_MAX, PHONE_PATTERN, PersonSealed, PhoneNumber
from chalicelib.core.models import EMAIL_PATTERN, Email, Input, Password, View, schema_rules, when
from chalicelib.firms.models import BrandingView
from chalicelib.invitations import tokens

_ADDRESS = {"email": (Email, "an email address"), "sms": (PhoneNumber, "an E.164 phone number such as +15551234567")}


@lru_cache(maxsize=2)
def _adapter(method: str) -> TypeAdapter:
    return TypeAdapter(_ADDRESS[method][0])


class InviteRequest(PersonSealed):
    model_config = schema_rules(when(
        "method", "sms", {"properties": {"to": {"pattern": PHONE_PATTERN, "maxLength": PHONE_MAX}}},
        otherwise={"properties": {"to": {"format": "email", "pattern": EMAIL_PATTERN}, "login_email": {"type": "null"}}}))
    method: Literal["email", "sms"]
    to: str = Field(min_length=3, max_length=254, description="One of the contact's email addresses, or one "
                                                              "of their mobile numbers.")
    login_email: Email | None = Field(None, description="SMS only: which of the contact's email addresses they "
                                                        "will sign in with (default: the first one free).")

    @model_validator(mode="after")
    def _address_fits_method(self):
        what = _ADDRESS[self.method][1]
        try:
            self.to = _adapter(self.method).validate_python(self.to)
        except ValidationError:
            raise ValueError(f"`to` must be {what} for a {self.method} invitation")
        if self.method == "email" and self.login_email is not None:
            raise ValueError("login_email is only for SMS invitations; an email invitation signs in with `to`")
        return self


class AcceptRequest(Input):
    token: str = Field(max_length=200, pattern=tokens.PATTERN, description="The token of the invitation link.")
    password: Password


class InvitationPreview(View):
    """All a link reveals before it is used: whose portal, for whom, until when."""
    firm_name: str
    firm_slug: str
    branding: BrandingView
    first_name: str
    expires_at: str
    status: Literal["pending"] = "pending"
