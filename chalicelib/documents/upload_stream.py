"""What an upload's own changes (`type=document_version`) move besides it, followed from
the table stream: a cancelling's trail and a first upload's document (cancelling.py),
and a quarantine's alert to the room's staff (alert.py)."""
from __future__ import annotations

from typing import Any

from chalicelib.documents.alert import follow_quarantine
from chalicelib.documents.cancelling import follow_cancel
from chalicelib.store import Work


def follow_upload(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    follow_cancel(old, new, work)
    follow_quarantine(old, new, work)
