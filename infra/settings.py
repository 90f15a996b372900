"""Per-stage settings, read from CDK context.

Defaults live in cdk.json under "atrium"; any of them can be overridden on the
command line (`-c mail_from=...`), which is how a deployer points a stage at
real addresses without editing files.
"""

from __future__ import annotations

from dataclasses import dataclass

from constructs import Node

from project import ROOT

STAGES = ("dev", "prod")
APP_NAME = "atrium"


@dataclass(frozen=True)
class Settings:
    stage: str
    mail_from: str
    public_url: str
    allowed_origins: tuple[str, ...]
    retain_data: bool
    log_retention: str
    alarm_email: str | None
    # The WAF web ACL costs a monthly fee per ACL and rule: on in prod, a choice in dev.
    waf: bool = True
    # SNS platform applications for push to the mobile apps (they hold the firm's APNs
    # and FCM credentials, so the firm makes them); unset, the API refuses device sign-up.
    push_ios_arn: str | None = None
    push_android_arn: str | None = None
    # GuardDuty Malware Protection for S3 bills per object and per GB scanned: on in prod,
    # a choice in dev. On, uploads wait for its verdict tag before they become available.
    malware_scan: bool = False
    project_dir: str = ROOT

    @property
    def prefix(self) -> str:
        return f"{APP_NAME}-{self.stage}"

    @property
    def mail_domain(self) -> str:
        return self.mail_from.rsplit("@", 1)[1]


def from_context(node: Node) -> Settings:
    stage = node.try_get_context("stage") or "dev"
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, not {stage!r}")
    values = dict((node.try_get_context("atrium") or {}).get(stage, {}))
    values.update(_overrides(node))
    return _settings(stage, values)


def _overrides(node: Node) -> dict:
    keys = ("mail_from", "public_url", "allowed_origins", "alarm_email", "waf", "push_ios_arn", "push_android_arn",
            "malware_scan")
    return {k: node.try_get_context(k) for k in keys if node.try_get_context(k)}


def _settings(stage: str, values: dict) -> Settings:
    mail_from = values["mail_from"]
    if "@" not in mail_from or "<" in mail_from:
        raise ValueError("mail_from must be a bare address such as no-reply@example.org")
    return Settings(
        stage=stage,
        mail_from=mail_from,
        public_url=values["public_url"].rstrip("/"),
        allowed_origins=_origins(values["allowed_origins"]),
        retain_data=bool(values["retain_data"]),
        log_retention=values["log_retention"],
        alarm_email=values.get("alarm_email") or None,
        waf=_flag(values.get("waf", True)),
        push_ios_arn=values.get("push_ios_arn") or None,
        push_android_arn=values.get("push_android_arn") or None,
        malware_scan=_flag(values.get("malware_scan", False)),
    )


def _flag(value) -> bool:
    # -c passes strings; cdk.json passes booleans.
    return value.lower() in ("1", "true", "yes", "on") if isinstance(value, str) else bool(value)


def _origins(value) -> tuple[str, ...]:
    # -c passes strings; cdk.json passes lists.
    items = value.split(",") if isinstance(value, str) else value
    return tuple(o.strip() for o in items if o.strip())
