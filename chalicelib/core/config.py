"""Settings read from the environment once per process.

Every AWS resource name reaches the code through an ATRIUM_* variable so the same
package runs against moto locally and against real AWS after `cdk deploy`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    region: str
    table: str
    bucket: str
    user_pool_id: str
    user_pool_client_id: str
    mail_from: str
    ses_config_set: str
    outbox_queue_url: str
    schedule_group: str
    scheduler_role_arn: str
    scheduler_target_arn: str
    event_bus: str
    signing_secret: str  # the Secrets Manager secret holding the signing keys (core/signing.py)
    endpoint_url: str | None
    public_url: str
    push_ios_arn: str = ""
    push_android_arn: str = ""
    max_body_bytes: int = 256 * 1024
    # Web origins whose browser calls may read the API's answers (CORS); none: no browser
    # page on another origin may.
    allowed_origins: tuple[str, ...] = ()


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings(
        region=_env("AWS_DEFAULT_REGION", _env("AWS_REGION", "us-east-1")),
        table=_env("ATRIUM_TABLE", "atrium"),
        bucket=_env("ATRIUM_BUCKET", "atrium-files"),
        user_pool_id=_env("ATRIUM_USER_POOL_ID"),
        user_pool_client_id=_env("ATRIUM_USER_POOL_CLIENT_ID"),
        mail_from=_env("ATRIUM_MAIL_FROM", "portal@atrium.example"),
        ses_config_set=_env("ATRIUM_SES_CONFIG_SET"),
        outbox_queue_url=_env("ATRIUM_OUTBOX_QUEUE_URL"),
        schedule_group=_env("ATRIUM_SCHEDULE_GROUP", "atrium"),
        scheduler_role_arn=_env("ATRIUM_SCHEDULER_ROLE_ARN"),
        scheduler_target_arn=_env("ATRIUM_SCHEDULER_TARGET_ARN"),
        event_bus=_env("ATRIUM_EVENT_BUS", "default"),
        signing_secret=_env("ATRIUM_SIGNING_SECRET", "atrium-signing-key"),
        endpoint_url=_env("AWS_ENDPOINT_URL") or None,
        public_url=_env("ATRIUM_PUBLIC_URL", "http://127.0.0.1:8000"),
        push_ios_arn=_env("ATRIUM_PUSH_IOS_ARN"),
        push_android_arn=_env("ATRIUM_PUSH_ANDROID_ARN"),
        allowed_origins=tuple(o.strip().rstrip("/") for o in _env("ATRIUM_ALLOWED_ORIGINS").split(",") if o.strip()),
    )


def reset_settings() -> None:
    """Tests and the local stack change the environment after import."""
    settings.cache_clear()
