"""The one place that reads the time, so tests can move it."""
from __future__ import annotations

from datetime import datetime, timezone

_frozen: datetime | None = None


def now() -> datetime:
    return _frozen or datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """A moment as stored and compared: UTC, to the second, ending in `Z`, so that stored
    times sort as strings."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def now_iso() -> str:
    return iso(now())


def epoch() -> int:
    return int(now().timestamp())


def freeze(at: datetime | None) -> None:
    global _frozen
    _frozen = at
