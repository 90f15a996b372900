"""SMS quiet hours: a firm's window, in its own time zone, when no text is sent."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def sms_not_before(now: datetime, time_zone: str, start: str, end: str) -> datetime | None:
    """When a text asked for at `now` may go out: None if now is fine, else the end of the
    quiet window (UTC). The window may span midnight (21:00-08:00)."""
    begin, finish = _clock(start), _clock(end)
    if begin == finish:
        return None
    local = now.astimezone(ZoneInfo(time_zone))
    t = local.time().replace(tzinfo=None)
    quiet = begin <= t < finish if begin < finish else (t >= begin or t < finish)
    if not quiet:
        return None
    day = local.date() + timedelta(days=1 if begin > finish and t >= begin else 0)
    resume = datetime.combine(day, finish, tzinfo=ZoneInfo(time_zone))
    return resume.astimezone(timezone.utc)
