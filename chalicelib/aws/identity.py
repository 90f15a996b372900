"""Cognito admin calls. Usernames are `<firm_id>.<user_id>`: the token then names the
firm and the user, and the same email may hold logins at several firms."""
from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.aws.clients import client
from chalicelib.core.config import settings
from chalicelib.core.errors import BadRequest, Unauthorized


@dataclass
class Tokens:
    access_token: str
    id_token: str | None
    refresh_token: str | None
    expires_in: int


@dataclass
class Challenge:
    name: str
    session: str


def username(firm_id: str, user_id: str) -> str:
    return f"{firm_id}.{user_id}"


def split_username(value: str) -> tuple[str, str] | None:
    firm_id, dot, user_id = value.partition(".")
    return (firm_id, user_id) if dot and firm_id and user_id else None


def _idp() -> Any:
    return client("cognito-idp")


def temporary_password() -> str:
    """Meets the pool policy: upper, lower, digit, symbol, 16 characters."""
    pool = string.ascii_letters + string.digits
    core = "".join(secrets.choice(pool) for _ in range(12))
    return core + secrets.choice(string.ascii_uppercase) + secrets.choice(string.ascii_lowercase) \
        + secrets.choice(string.digits) + "!"


def create_login(firm_id: str, user_id: str, email: str, password: str | None = None) -> str:
    """Creates the Cognito user without Cognito's own message (Atrium sends its own).
    With `password` the login is ready at once; otherwise it gets a temporary one that
    must be changed at first sign-in. Returns the temporary password, if any."""
    temp = temporary_password()
    name = username(firm_id, user_id)
    try:
        _idp().admin_create_user(
            UserPoolId=settings().user_pool_id, Username=name, MessageAction="SUPPRESS",
            TemporaryPassword=temp,
            UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"},
                            {"Name": "custom:firm_id", "Value": firm_id}])
        if password is not None:
            set_password(firm_id, user_id, password)
            return ""
    except ClientError as exc:
        _raise_password_problem(exc)
        raise
    return temp


def set_password(firm_id: str, user_id: str, password: str) -> None:
    try:
        _idp().admin_set_user_password(UserPoolId=settings().user_pool_id,
                                       Username=username(firm_id, user_id),
                                       Password=password, Permanent=True)
    except ClientError as exc:
        _raise_password_problem(exc)
        raise


def set_temporary_password(firm_id: str, user_id: str, temp: str) -> None:
    """`temp` (from `temporary_password`) replaces an unused login's temporary password:
    for a caller that records the password before Cognito takes it."""
    _idp().admin_set_user_password(UserPoolId=settings().user_pool_id, Username=username(firm_id, user_id),
                                   Password=temp, Permanent=False)


def _raise_password_problem(exc: ClientError) -> None:
    if exc.response["Error"]["Code"] in ("InvalidPasswordException", "InvalidParameterException"):
        raise BadRequest("The password does not meet the policy.",
                         [{"loc": "body.password", "msg": exc.response["Error"].get("Message", "")}])


def delete_login(firm_id: str, user_id: str) -> None:
    try:
        _idp().admin_delete_user(UserPoolId=settings().user_pool_id, Username=username(firm_id, user_id))
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "UserNotFoundException":
            raise


def sign_out_everywhere(firm_id: str, user_id: str) -> None:
    """Revokes refresh tokens; access tokens already out are refused by the authorizer."""
    try:
        _idp().admin_user_global_sign_out(UserPoolId=settings().user_pool_id,
                                          Username=username(firm_id, user_id))
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "UserNotFoundException":
            raise


_REJECTED = ("NotAuthorizedException", "UserNotFoundException", "PasswordResetRequiredException",
             "UserNotConfirmedException", "InvalidPasswordException", "CodeMismatchException",
             "ExpiredCodeException", "InvalidParameterException")


def _auth_result(resp: dict[str, Any]) -> Tokens | Challenge:
    if "ChallengeName" in resp:
        return Challenge(resp["ChallengeName"], resp.get("Session", ""))
    result = resp["AuthenticationResult"]
    return Tokens(result["AccessToken"], result.get("IdToken"), result.get("RefreshToken"),
                  result.get("ExpiresIn", 3600))


def _call(method: str, **kwargs: Any) -> Tokens | Challenge:
    try:
        return _auth_result(getattr(_idp(), method)(UserPoolId=settings().user_pool_id,
                                                    ClientId=settings().user_pool_client_id, **kwargs))
    except ClientError as exc:
        if exc.response["Error"]["Code"] in _REJECTED:
            raise Unauthorized("The credentials were not accepted.")
        raise


def password_sign_in(firm_id: str, user_id: str, password: str) -> Tokens | Challenge:
    return _call("admin_initiate_auth", AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                 AuthParameters={"USERNAME": username(firm_id, user_id), "PASSWORD": password})


def answer_new_password(firm_id: str, user_id: str, session: str, new_password: str) -> Tokens | Challenge:
    # A session the pool does not know (forged, expired, from another sign-in) can only be
    # remedied by signing in again; the local emulator fails it with an internal error.
    try:
        return _call("admin_respond_to_auth_challenge", ChallengeName="NEW_PASSWORD_REQUIRED", Session=session,
                     ChallengeResponses={"USERNAME": username(firm_id, user_id), "NEW_PASSWORD": new_password})
    except ClientError as exc:
        raise Unauthorized("The sign-in session was not accepted.") from exc


def refresh(refresh_token: str) -> Tokens:
    # Whatever goes wrong with a refresh token, the caller's only remedy is to sign in
    # again, so every failure is a 401 (the local emulator even fails unknown tokens
    # with an internal error rather than NotAuthorizedException).
    try:
        result = _call("admin_initiate_auth", AuthFlow="REFRESH_TOKEN_AUTH",
                       AuthParameters={"REFRESH_TOKEN": refresh_token})
    except Exception:  # noqa: BLE001
        raise Unauthorized("The refresh token was not accepted.")
    if not isinstance(result, Tokens):
        raise Unauthorized("The refresh token was not accepted.")
    return result


def answer_totp(firm_id: str, user_id: str, session: str, code: str) -> Tokens | Challenge:
    """The second step of a sign-in with TOTP on: the code from the authenticator app."""
    try:
        return _call("admin_respond_to_auth_challenge", ChallengeName="SOFTWARE_TOKEN_MFA", Session=session,
                     ChallengeResponses={"USERNAME": username(firm_id, user_id), "SOFTWARE_TOKEN_MFA_CODE": code})
    except ClientError as exc:
        raise Unauthorized("The sign-in session was not accepted.") from exc


def start_totp(access_token: str) -> str:
    """A new authenticator secret for the caller's own login (the token proves who)."""
    try:
        return _idp().associate_software_token(AccessToken=access_token)["SecretCode"]
    except ClientError as exc:
        if exc.response["Error"]["Code"] in _REJECTED:
            raise Unauthorized("Sign in again to set up two-step sign-in.")
        raise


def confirm_totp(firm_id: str, user_id: str, access_token: str, code: str) -> None:
    """Checks a code from the app against the new secret, then makes TOTP the login's
    second step."""
    try:
        answer = _idp().verify_software_token(AccessToken=access_token, UserCode=code, FriendlyDeviceName="Atrium")
    except ClientError as exc:
        if exc.response["Error"]["Code"] in ("CodeMismatchException", "EnableSoftwareTokenMFAException",
                                             "InvalidParameterException"):
            raise BadRequest("The code does not match; set up the app again or wait for the next code.",
                             [{"loc": "body.code", "msg": "code mismatch"}])
        if exc.response["Error"]["Code"] in _REJECTED:
            raise Unauthorized("Sign in again to set up two-step sign-in.")
        raise
    if answer.get("Status") != "SUCCESS":
        raise BadRequest("The code does not match.", [{"loc": "body.code", "msg": "code mismatch"}])
    _set_totp(firm_id, user_id, True)


def turn_off_totp(firm_id: str, user_id: str) -> None:
    _set_totp(firm_id, user_id, False)


def _set_totp(firm_id: str, user_id: str, on: bool) -> None:
    _idp().admin_set_user_mfa_preference(UserPoolId=settings().user_pool_id, Username=username(firm_id, user_id),
                                         SoftwareTokenMfaSettings={"Enabled": on, "PreferredMfa": on})
