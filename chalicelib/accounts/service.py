"""Signing in: password, first-login challenge, refresh; and who am I."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import (ACTIVE, INVITED, ChallengeAnswer, ChallengeView, LoginRequest, MeFirm,
                                        MeView, TokenView, user_view)
from chalicelib.accounts.users import find_user_by_email, sign_in_changes
from chalicelib.aws import identity
from chalicelib.core.errors import NotFound, Unauthorized
from chalicelib.core.principal import Principal
from chalicelib.store import FirmStore, Platform, keys, platform_keys

_REFUSED = "The email or password is not right."


def _signable_user(slug: str, email: str) -> tuple[FirmStore, dict[str, Any]]:
    """Unknown firm, unknown email and a closed login all fail alike: no enumeration."""
    claim = Platform().get(platform_keys.slug(slug))
    if claim is None:
        raise Unauthorized(_REFUSED)
    db = FirmStore.trusted(claim["firm_id"])  # the firm the portal's own address names
    user = find_user_by_email(db, email)
    if user is None or user["status"] not in (ACTIVE, INVITED):
        raise Unauthorized(_REFUSED)
    return db, user


def _outcome(db: FirmStore, user: dict[str, Any], result: identity.Tokens | identity.Challenge
             ) -> TokenView | ChallengeView:
    if isinstance(result, identity.Challenge):
        if result.name != "NEW_PASSWORD_REQUIRED":
            raise Unauthorized(_REFUSED)
        return ChallengeView(session=result.session)
    changes = sign_in_changes(user)
    if user["status"] == INVITED:
        changes["status"] = ACTIVE
    work = db.work()
    work.update(keys.user(user["id"]), set=changes)
    work.commit()
    return TokenView(access_token=result.access_token, id_token=result.id_token,
                     refresh_token=result.refresh_token, expires_in=result.expires_in)


def login(body: LoginRequest) -> TokenView | ChallengeView:
    db, user = _signable_user(body.slug, body.email)
    try:
        result = identity.password_sign_in(user["firm_id"], user["id"], body.password)
    except Unauthorized:
        raise Unauthorized(_REFUSED)
    return _outcome(db, user, result)


def answer_challenge(body: ChallengeAnswer) -> TokenView | ChallengeView:
    db, user = _signable_user(body.slug, body.email)
    try:
        result = identity.answer_new_password(user["firm_id"], user["id"], body.session, body.new_password)
    except Unauthorized:
        raise Unauthorized("The sign-in session is not valid or has expired; sign in again.")
    return _outcome(db, user, result)


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
