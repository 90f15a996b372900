from typing import Annotated, Union

from pydantic import Field

from chalicelib.accounts import service
from chalicelib.accounts.models import ChallengeAnswer, ChallengeView, LoginRequest, MeView, RefreshRequest, TokenView
from chalicelib.core.api import Api, Call

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
