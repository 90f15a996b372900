"""One-off reminders through EventBridge Scheduler: each is a schedule in Atrium's group
that invokes the scheduled_reminder function once, with a JSON payload, then deletes
itself."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from botocore.exceptions import ClientError

from chalicelib.aws.clients import client
from chalicelib.core.config import settings


def schedule_once(name: str, at: datetime, payload: dict) -> None:
    s = settings()
    when = at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    client("scheduler").create_schedule(
        Name=name, GroupName=s.schedule_group, ScheduleExpression=f"at({when})",
        ScheduleExpressionTimezone="UTC", FlexibleTimeWindow={"Mode": "OFF"},
        ActionAfterCompletion="DELETE",
        Target={"Arn": s.scheduler_target_arn, "RoleArn": s.scheduler_role_arn, "Input": json.dumps(payload)})


def cancel(name: str) -> None:
    try:
        client("scheduler").delete_schedule(Name=name, GroupName=settings().schedule_group)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ResourceNotFoundException":
            raise
