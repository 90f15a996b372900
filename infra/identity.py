"""Cognito user pool and the app client the API signs people in with."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cognito as cognito
from constructs import Construct

import project  # noqa: F401  (before chalicelib: puts the project on sys.path)
from chalicelib.core import password_policy

from settings import Settings
from storage import removal


def user_pool(scope: Construct, settings: Settings) -> cognito.UserPool:
    return cognito.UserPool(
        scope, "UserPool",
        user_pool_name=settings.prefix,
        # Atrium creates every login itself (AdminCreateUser) and sends its own
        # branded invitations and resets, so Cognito's public sign-up and
        # e-mail recovery stay off.
        self_sign_up_enabled=False,
        account_recovery=cognito.AccountRecovery.NONE,
        sign_in_case_sensitive=False,
        custom_attributes={
            # A login belongs to one firm for life: nobody may move it.
            "firm_id": cognito.StringAttribute(min_len=1, max_len=64, mutable=False),
        },
        standard_attributes=cognito.StandardAttributes(
            email=cognito.StandardAttribute(required=False, mutable=True)),
        mfa=cognito.Mfa.OPTIONAL,
        mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
        password_policy=cognito.PasswordPolicy(
            min_length=password_policy.MIN_LENGTH,
            require_lowercase=True,
            require_uppercase=True,
            require_digits=True,
            require_symbols=True,
            temp_password_validity=Duration.days(password_policy.TEMPORARY_PASSWORD_DAYS),
        ),
        deletion_protection=settings.retain_data,
        removal_policy=removal(settings),
    )


def app_client(pool: cognito.UserPool) -> cognito.UserPoolClient:
    return pool.add_client(
        "ApiClient",
        user_pool_client_name="atrium-api",
        # The API calls Cognito server-side; a secret would only add a
        # SECRET_HASH to every call without keeping anyone out.
        generate_secret=False,
        # No hosted UI and no OAuth redirects: tokens come only from the API.
        disable_o_auth=True,
        # Sign-in and refresh both go through AdminInitiateAuth.
        auth_flows=cognito.AuthFlow(admin_user_password=True),
        prevent_user_existence_errors=True,
        enable_token_revocation=True,
        id_token_validity=Duration.hours(1),
        access_token_validity=Duration.hours(1),
        refresh_token_validity=Duration.days(30),
        # Attributes change only through the API, never by a user holding an
        # access token and calling Cognito directly.
        write_attributes=cognito.ClientAttributes().with_standard_attributes(fullname=True),
    )
