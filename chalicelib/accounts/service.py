"""Signing in: password, first-login challenge, refresh; and who am I."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.accounts.models import (ACTIVE, INVITED, ChallengeAnswer, ChallengeView, LoginRequest, MeFirm,
                                        MeView, TokenView, user_view)
from chalicelib.accounts import mfa
from chalicelib.accounts.users import find_user_by_email, sign_in_changes, signed_in
from chalicelib.aws import identity
from chalicelib.core.errors import NotFound, Unauthorized
from chalicelib.core.principal import Principal
from chalicelib.store import FirmStore, Platform, keys, platform_keys

_REFUSED = "The email or password is not right."


@dataclass
class _Signing:
    db: FirmStore
    user: dict[str, Any]
    firm: dict[str, Any]


def _signable_user(slug: str, email: str) -> _Signing:
    """Unknown firm, unknown email and a closed login all fail alike: no enumeration.
    The firm comes in the user's batch read: its settings decide the second step."""
    claim = Platform().get(platform_keys.slug(slug))
    if claim is None:
        raise Unauthorized(_REFUSED)
    db = FirmStore.trusted(claim["firm_id"])  # the firm the portal's own address names
    login_claim = db.get(keys.login_email(email))
    found = {i["type"]: i for i in db.get_many([keys.user(login_claim["user_id"]), keys.firm()])} \
        if login_claim else {}
    user = found.get("user")
    if user is None or "firm" not in found or user["status"] not in (ACTIVE, INVITED):
        raise Unauthorized(_REFUSED)
    return _Signing(db, user, found["firm"])


_CHALLENGES = {"NEW_PASSWORD_REQUIRED": "new_password_required", "SOFTWARE_TOKEN_MFA": "software_token_mfa"}


def _outcome(signing: _Signing, result: identity.Tokens | identity.Challenge, *, used_totp: bool = False
             ) -> TokenView | ChallengeView:
    if isinstance(result, identity.Challenge):
        if result.name not in _CHALLENGES:
            raise Unauthorized(_REFUSED)
        return ChallengeView(challenge=_CHALLENGES[result.name], session=result.session)
    user = signing.user
    # With TOTP on, the pool always asks for a code, so a sign-in without one had none.
    pending = not used_totp and mfa.required_for(signing.firm, user)
    changes = {**sign_in_changes(user), "mfa_pending": True if pending else None}
    if user["status"] == INVITED:
        changes["status"] = ACTIVE
    work = signing.db.work()
    work.update(keys.user(user["id"]), set=changes)
    signed_in(signing.db, user, work)
    work.commit()
    return TokenView(access_token=result.access_token, id_token=result.id_token,
                     refresh_token=result.refresh_token, expires_in=result.expires_in, mfa_setup_required=pending)


def login(body: LoginRequest) -> TokenView | ChallengeView:
    signing = _signable_user(body.slug, body.email)
    try:
        result = identity.password_sign_in(signing.user["firm_id"], signing.user["id"], body.password)
    except Unauthorized:
        raise Unauthorized(_REFUSED)
    return _outcome(signing, result)


def answer_challenge(body: ChallengeAnswer) -> TokenView | ChallengeView:
    signing = _signable_user(body.slug, body.email)
    firm_id, user_id = signing.user["firm_id"], signing.user["id"]
    try:
        if body.code is not None:
            return _outcome(signing, identity.answer_totp(firm_id, user_id, body.session, body.code), used_totp=True)
        result = identity.answer_new_password(firm_id, user_id, body.session, body.new_password)
    except Unauthorized:
        raise Unauthorized("The sign-in session or code is not valid or has expired; sign in again.")
    return _outcome(signing, result)


def refresh(refresh_token: str) -> TokenView:
    tokens = identity.refresh(refresh_token)
    return TokenView(access_token=tokens.access_token, id_token=tokens.id_token,
                     refresh_token=tokens.refresh_token or refresh_token, expires_in=tokens.expires_in)


def me(principal: Principal) -> MeView:
    # One BatchGetItem for both: the screen that opens every session stays one round trip.
    found = {i["type"]: i for i in FirmStore.of(principal).get_many([keys.user(principal.user_id), keys.firm()])}
    if set(found) != {"user", "firm"}:
        raise NotFound("No such user.")
    user, firm = found["user"], found["firm"]
    return MeView(user=user_view(user), role=principal.role, client_ids=list(principal.client_ids),
                  firm=MeFirm(id=firm["id"], name=firm["name"], slug=firm["slug"], time_zone=firm["time_zone"],
                              branding=firm.get("branding", {})))
