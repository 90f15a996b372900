"""Email and SMS about new notifications, debounced: the first notification of a burst
schedules one digest a few minutes later (an EventBridge Scheduler schedule named after
the person, so a second one in the burst finds it there and joins it); when it fires,
everything still unread since the last digest goes out as ONE message through the
outbox, on the channel the person chose. SMS respects the firm's quiet hours."""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.aws import scheduler
from chalicelib.core import clock
from chalicelib.core.config import settings
from chalicelib.outbox.quiet_hours import sms_not_before
from chalicelib.outbox.service import queue_email, queue_sms
from chalicelib.outbox.templates import Email, branded_email
from chalicelib.notifications.records import is_read
from chalicelib.store import FirmStore, keys

log = logging.getLogger(__name__)
KIND = "notification_digest"
DEBOUNCE = timedelta(minutes=3)
EMAIL, SMS, NONE = "email", "sms", "none"
DIGEST_MARK = "digest_to"
MOST = 50


def _name(firm_id: str, user_id: str) -> str:
    return f"digest-{firm_id}-{user_id}"


def schedule(firm_id: str, user_ids: list[str]) -> None:
    """After the commit of what caused the notifications; a digest already due absorbs them."""
    at = clock.now() + DEBOUNCE
    for user_id in user_ids:
        try:
            scheduler.schedule_once(_name(firm_id, user_id), at, {"kind": KIND, "firm_id": firm_id,
                                                                  "user_id": user_id})
        except ClientError as exc:
            if exc.response["Error"]["Code"] != "ConflictException":
                log.exception("digest not scheduled", extra={"user_id": user_id})


def send_digest(firm_id: str, user_id: str) -> bool:
    """The scheduled digest: True when a message was queued."""
    db = FirmStore.trusted(firm_id)  # named by the schedule `schedule` created
    found = {i["SK"]: i for i in db.get_many([keys.firm(), keys.user(user_id), keys.unread(user_id),
                                              keys.notify_settings(user_id)])}
    firm, user, summary = found.get("FIRM"), found.get("USER"), found.get("UNREAD")
    prefs = found.get("NOTIFY") or {}
    if firm is None or user is None or user.get("status") != "active":
        return False
    fresh = [n for n in db.query(keys.notifications(user_id), newest_first=True, limit=MOST).items
             if n["id"] > (summary or {}).get(DIGEST_MARK, "") and not is_read(n, summary)]
    channel = prefs.get("channel", EMAIL)
    if not fresh or channel == NONE or (channel == SMS and not prefs.get("sms_to")):
        return False
    work = db.work()
    if channel == SMS:
        queue_sms(work, prefs["sms_to"], _text(firm, fresh), user_id, sms_resume_at(firm))
    else:
        queue_email(work, user["email"], _email(firm, user, fresh), firm["name"], user_id)
    work.count(keys.unread(user_id), {}, set={DIGEST_MARK: fresh[0]["id"]})
    work.commit()
    return True


def room_link(firm: dict[str, Any], room_id: str) -> str:
    return f"{settings().public_url}/portal/{firm['slug']}/rooms/{room_id}"


def _headline(fresh: list[dict[str, Any]]) -> str:
    rooms = {n["room_name"] for n in fresh}
    where = next(iter(rooms)) if len(rooms) == 1 else f"{len(rooms)} rooms"
    return f"{len(fresh)} new {'update' if len(fresh) == 1 else 'updates'} in {where}"


def _email(firm: dict[str, Any], user: dict[str, Any], fresh: list[dict[str, Any]]) -> Email:
    lines = [f"Hello {user['name']},", f"{_headline(fresh)} at {firm['name']}:"]
    lines += [f"{n['title']}: {n['preview']}" for n in reversed(fresh)]
    return branded_email(firm, _headline(fresh), lines, action=("Open the room", room_link(firm, fresh[0]["room_id"])),
                         footer="You can choose email, text messages or no messages in your portal settings.")


def _text(firm: dict[str, Any], fresh: list[dict[str, Any]]) -> str:
    return f"{firm['name']}: {_headline(fresh)}. {room_link(firm, fresh[0]['room_id'])}"


def sms_resume_at(firm: dict[str, Any]) -> str | None:
    s = firm.get("settings", {})
    resume = sms_not_before(clock.now(), firm.get("time_zone", "UTC"), s.get("sms_quiet_start", "21:00"),
                            s.get("sms_quiet_end", "08:00"))
    return clock.iso(resume) if resume else None
