"""Fires the one-off schedules that are due, as EventBridge Scheduler would: moto
stores them but never runs them."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from chalicelib.aws.clients import client
from chalicelib.core import clock
from chalicelib.core.config import settings
from chalicelib.jobs.reminders import on_reminder


def _due_at(expression: str) -> datetime | None:
    if not expression.startswith("at("):
        return None
    return datetime.strptime(expression[3:-1], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)


def run_due_schedules() -> int:
    """Invokes and deletes every schedule of Atrium's group whose time has come."""
    sched = client("scheduler")
    group = settings().schedule_group
    fired = 0
    for summary in sched.list_schedules(GroupName=group).get("Schedules", []):
        schedule = sched.get_schedule(Name=summary["Name"], GroupName=group)
        due = _due_at(schedule["ScheduleExpression"])
        if due is None or due > clock.now():
            continue
        on_reminder(json.loads(schedule["Target"]["Input"]))
        sched.delete_schedule(Name=summary["Name"], GroupName=group)
        fired += 1
    return fired
