"""Two-step sign-in with an authenticator app (TOTP): a signed-in user sets it up for
their own login, and a firm may require it of its staff.

Cognito holds the secret and checks the codes; Atrium's user record only carries
`mfa_pending`, set at a sign-in that the firm's rule refuses to trust fully, so that
the authorizer's one read already knows to answer nothing but the set-up routes."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from chalicelib.accounts.models import TotpCode
from chalicelib.aws import identity
from chalicelib.core.errors import BusinessRule
from chalicelib.core.models import Input, View
from chalicelib.core.principal import CLIENT, Principal
from chalicelib.store import FirmStore, keys

ISSUER = "Atrium"


class TotpSetupView(View):
    secret_code: str
    otpauth_uri: str


class TotpCodeInput(Input):
    code: TotpCode


class MfaView(View):
    totp_enabled: bool


def required_for(firm: dict[str, Any], user: dict[str, Any]) -> bool:
    return user["role"] != CLIENT and bool(firm.get("settings", {}).get("require_staff_mfa"))


def start(principal: Principal, access_token: str) -> TotpSetupView:
    """A new secret for the app; it takes effect only once `enable` checks a code."""
    user = FirmStore.of(principal).get(keys.user(principal.user_id))
    secret = identity.start_totp(access_token)
    label = quote(f"{ISSUER}:{user['email'] if user else principal.user_id}")
    return TotpSetupView(secret_code=secret,
                         otpauth_uri=f"otpauth://totp/{label}?secret={secret}&issuer={ISSUER}")


def enable(principal: Principal, access_token: str, body: TotpCodeInput) -> MfaView:
    identity.confirm_totp(principal.firm_id, principal.user_id, access_token, body.code)
    work = FirmStore.of(principal).work()
    work.update(keys.user(principal.user_id), set={"mfa_pending": None})
    work.commit()
    return MfaView(totp_enabled=True)


def disable(principal: Principal) -> MfaView:
    db = FirmStore.of(principal)
    firm = db.get(keys.firm())
    if firm is not None and required_for(firm, {"role": principal.role}):
        raise BusinessRule("This firm requires two-step sign-in for its staff; it cannot be turned off.",
                           [{"loc": "settings.require_staff_mfa", "msg": "required by the firm"}])
    identity.turn_off_totp(principal.firm_id, principal.user_id)
    return MfaView(totp_enabled=False)
