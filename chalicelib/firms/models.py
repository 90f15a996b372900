"""A firm: the tenant. Its settings shape every portal it runs."""
from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import available_timezones

from pydantic import AfterValidator, BeforeValidator, Field, HttpUrl, TypeAdapter, ValidationError

from chalicelib.accounts.models import UserView
from chalicelib.core.models import Email, Flag, Input, Integer, Name, Password, Slug, View

Clock = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="HH:MM, 24-hour")]


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _zone(value: str) -> str:
    if value not in _zones():
        raise ValueError("not a known IANA time zone")
    return value


def _zones_in_schema(schema: dict[str, Any]) -> None:
    schema["enum"] = sorted(_zones())


# The zones this machine's time zone database knows, listed in the document (read when it
# is built, not at import).
TimeZone = Annotated[str, Field(max_length=64, json_schema_extra=_zones_in_schema), AfterValidator(_zone)]




@lru_cache(maxsize=1)
def _url() -> TypeAdapter:
    return TypeAdapter(HttpUrl)


def _storable_url(value: Any) -> str:
    # The limit is the document's maxLength, on the address as given; the normalised form
    # that is stored may be a character longer (pydantic adds a "/" to a bare host).
    if isinstance(value, str) and len(value) > 2048:
        raise ValueError("at most 2048 characters")
    try:
        return str(_url().validate_python(value))
    except ValidationError:
        raise ValueError("not a valid http(s) URL")


class Branding(Input):
    colour: str | None = Field(None, pattern=r"^#[0-9A-Fa-f]{6}$")
    logo_url: Annotated[str, BeforeValidator(_storable_url),
                        Field(json_schema_extra={"format": "uri", "maxLength": 2048})] | None = None


class BrandingView(View):
    """Branding as stored: read back without validating it a second time."""
    colour: str | None = None
    logo_url: str | None = None


class FirmSettings(Input):
    invitation_days: Integer = Field(7, ge=1, le=30, description="How long portal invitation links stay valid.")
    sms_quiet_start: Clock = "21:00"
    sms_quiet_end: Clock = "08:00"
    default_professional_id: str | None = Field(None, max_length=40,
                                                description="Staff member new clients are assigned to by default.")
    clients_may_start_threads: Flag = Field(True, description="Portal users may start new message threads in "
                                                              "their rooms (replies are always allowed).")
    require_staff_mfa: Flag = Field(False, description="Staff must sign in with an authenticator app code; "
                                                       "one without it set up can only set it up.")


class OwnerCreate(Input):
    name: Name
    email: Email
    password: Password


class SignupCreate(Input):
    firm_name: Name
    slug: Slug
    owner: OwnerCreate
    time_zone: TimeZone = "UTC"


class FirmUpdate(Input):
    name: Name | None = None
    time_zone: TimeZone | None = None
    branding: Branding | None = None
    settings: FirmSettings | None = None


class FirmView(View):
    id: str
    name: str
    slug: str
    time_zone: str
    branding: BrandingView
    settings: FirmSettings
    created_at: str
    version: int


class FirmPublicView(View):
    """What anyone may learn from a slug: enough to brand a sign-in page."""
    name: str
    slug: str
    branding: BrandingView


def firm_view(item: dict) -> FirmView:
    return FirmView(id=item["id"], name=item["name"], slug=item["slug"], time_zone=item["time_zone"],
                    branding=BrandingView(**item.get("branding", {})),
                    settings=FirmSettings(**item.get("settings", {})),
                    created_at=item["created_at"], version=item["v"])


class SignupView(View):
    firm: FirmView
    owner: UserView
