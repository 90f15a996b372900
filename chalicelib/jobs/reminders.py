"""The scheduled_reminder function: one entry point for every one-off reminder, routed
by the payload's `kind`. A reminder whose subject has moved on does nothing."""
from __future__ import annotations

import logging
from typing import Any, Callable

from chalicelib.announcements import service as announcements
from chalicelib.phases import notices as timeline_notices
from chalicelib.notifications import digests
from chalicelib.staff import invitations as staff_invitations

log = logging.getLogger(__name__)

HANDLERS: dict[str, Callable[[dict[str, Any]], bool]] = {
    staff_invitations.REMINDER_KIND: lambda p: staff_invitations.remind(p["firm_id"], p["user_id"]),
    timeline_notices.KIND: lambda p: timeline_notices.send(p["firm_id"], p["room_id"]),
    digests.KIND: lambda p: digests.send_digest(p["firm_id"], p["user_id"]),
    announcements.ENDED_KIND: lambda p: announcements.leave(p["firm_id"], p["announcement_id"]),
}


def on_reminder(event: dict[str, Any]) -> dict[str, Any]:
    handler = HANDLERS.get(event.get("kind", ""))
    if handler is None:
        log.warning("unknown reminder kind", extra={"kind": event.get("kind")})
        return {"sent": False}
    return {"sent": handler(event)}
