"""Logins: staff and client users, tokens and the sign-in challenge."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from chalicelib.core.models import Email, Input, Password, Slug, View, exactly_one_of

ACTIVE, INVITED, DEACTIVATED = "active", "invited", "deactivated"
# Tokens and sessions hold no blanks. Inputs are stripped, so a value the document
# allowed with blanks could arrive shorter than it allows; this way what it allows arrives.
# `\s` alone means three things: the document's (ECMAScript) blanks, the validator's
# (Unicode White_Space: also U+0085) and what Python strips (also U+001C-U+001F). Naming
# the others as well makes the three agree (U+FEFF is a blank only to the document).
OPAQUE = r"^[^\s\u0085\ufeff\x1c-\x1f]+$"


class LoginRequest(Input):
    slug: Slug
    email: Email
    password: str = Field(min_length=1, max_length=256, json_schema_extra={"format": "password"})


TotpCode = Annotated[str, Field(pattern=r"^\d{6}$", description="Six digits from the authenticator app.")]


class ChallengeAnswer(Input):
    model_config = exactly_one_of("new_password", "code")
    slug: Slug
    email: Email
    # Cognito's own bounds: a shorter or longer one never names a session.
    session: str = Field(min_length=20, max_length=2048, pattern=OPAQUE,
                         description="The session the sign-in answered with.")
    new_password: Password | None = Field(None, description="The answer to `new_password_required`.")
    code: TotpCode | None = Field(None, description="The answer to `software_token_mfa`: the app's current code.")

    @model_validator(mode="after")
    def _one_answer(self) -> "ChallengeAnswer":
        if (self.new_password is None) == (self.code is None):
            raise ValueError("give either new_password or code, as the challenge asks")
        return self


class RefreshRequest(Input):
    refresh_token: str = Field(min_length=1, max_length=8192, pattern=OPAQUE)


class TokenView(View):
    kind: Literal["tokens"] = "tokens"
    access_token: str
    id_token: str | None = None
    refresh_token: str | None = None
    expires_in: int
    token_type: Literal["Bearer"] = "Bearer"
    mfa_setup_required: bool = Field(False, description="The firm requires two-step sign-in and this login has "
                                                        "none yet: only /me/mfa/* answers until it is set up.")


class ChallengeView(View):
    kind: Literal["challenge"] = "challenge"
    challenge: Literal["new_password_required", "software_token_mfa"] = "new_password_required"
    session: str


class UserView(View):
    id: str
    name: str
    email: str
    role: str
    status: str
    created_at: str
    last_login_at: str | None = None
    version: int


class MeFirm(View):
    id: str
    name: str
    slug: str
    time_zone: str
    branding: dict


class MeView(View):
    user: UserView
    firm: MeFirm
    role: str
    client_ids: list[str] = []


# What a login's view is made of: a copy of these (`view_copy`) answers as the login would.
VIEW_FIELDS = ("id", "name", "email", "role", "status", "created_at", "last_login_at", "v")


def view_copy(item: dict) -> dict:
    return {k: item[k] for k in VIEW_FIELDS if item.get(k) is not None}


def user_view(item: dict) -> UserView:
    return UserView(id=item["id"], name=item["name"], email=item["email"], role=item["role"],
                    status=item["status"], created_at=item["created_at"],
                    last_login_at=item.get("last_login_at"), version=item["v"])


__all__ = ["TotpCode", "LoginRequest", "ChallengeAnswer", "RefreshRequest", "TokenView", "ChallengeView",
           "UserView", "MeView", "user_view", "view_copy"]
