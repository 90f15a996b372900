from typing import Annotated, Union

from pydantic import Field

from chalicelib.accounts import mfa, service
from chalicelib.accounts.models import ChallengeAnswer, ChallengeView, LoginRequest, MeView, RefreshRequest, TokenView
from chalicelib.core.api import Api, Call
from chalicelib.core.errors import Unauthorized
from chalicelib.core.tokens import InvalidToken, bearer

api = Api(__name__, "Sign-in")

SignInResult = Annotated[Union[TokenView, ChallengeView], Field(discriminator="kind")]


@api.route("POST", "/auth/login", public=True, body=LoginRequest, response=SignInResult,
           summary="Sign in with the firm's slug, email and password", errors=(400, 401))
def login(call: Call):
    return service.login(call.body)


@api.route("POST", "/auth/challenge", public=True, body=ChallengeAnswer, response=SignInResult,
           summary="Answer the first-sign-in challenge by choosing a password", errors=(400, 401))
def challenge(call: Call):
    return service.answer_challenge(call.body)


@api.route("POST", "/auth/refresh", public=True, body=RefreshRequest, response=TokenView,
           summary="Trade a refresh token for fresh tokens", errors=(400, 401))
def refresh(call: Call):
    return service.refresh(call.body.refresh_token)


@api.route("GET", "/me", response=MeView, summary="Who am I: my user, my firm, my role")
def me(call: Call):
    return service.me(call.me)


def _access_token(call: Call) -> str:
    # Cognito's own TOTP calls take the caller's access token, already proved by the authorizer.
    try:
        return bearer(call.request.headers.get("authorization"))
    except InvalidToken:
        raise Unauthorized("Authentication is required.")


@api.route("POST", "/me/mfa/setup", response=mfa.TotpSetupView, mfa_setup=True, errors=(401,),
           summary="Start two-step sign-in: a new secret for the authenticator app")
def mfa_setup(call: Call):
    return mfa.start(call.me, _access_token(call))


@api.route("POST", "/me/mfa/enable", body=mfa.TotpCodeInput, response=mfa.MfaView, mfa_setup=True,
           errors=(400, 401), summary="Turn two-step sign-in on with a code from the app")
def mfa_enable(call: Call):
    return mfa.enable(call.me, _access_token(call), call.body)


@api.route("DELETE", "/me/mfa", response=mfa.MfaView, errors=(422,),
           summary="Turn two-step sign-in off (not for staff of a firm that requires it)")
def mfa_disable(call: Call):
    return mfa.disable(call.me)
