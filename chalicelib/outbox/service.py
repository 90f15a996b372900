"""The outbox: a message is written in the same transaction as the change that causes
it, then delivered at least once by the stream -> queue -> sender chain, and marked
sent so a redelivery sends nothing twice. Bodies are dropped once sent (they may hold
a temporary password)."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from chalicelib.aws import mail, queue, sms
from chalicelib.core import clock
from chalicelib.core.ids import new_id
from chalicelib.outbox import push
from chalicelib.outbox.templates import AT_SEND, Email
from chalicelib.store import FirmStore, Refused, Work, at_version, keys

log = logging.getLogger(__name__)
PENDING, SENDING, SENT = "pending", "sending", "sent"
# Longer than the sender function may run, so a live claim is never taken over.
CLAIM_LEASE_SECONDS = 5 * 60
KEEP_SENT_SECONDS = 30 * 24 * 3600


def queue_email(work: Work, to: str, message: Email, from_name: str, ref: str = "",
                message_id: str | None = None) -> None:
    """The message commits with `work`; the stream hands it to the sender afterwards. A
    `message_id` the caller derives makes it created once however often it is queued."""
    work.create(_message(work.firm_id, "email", to, ref, {"subject": message.subject, "text": message.text,
                                                         "html": message.html, "from_name": from_name},
                         message_id=message_id))


def queue_email_at_send(work: Work, to: str, template: str, values: dict[str, Any], ref: str = "") -> None:
    """An email composed when it is sent (`templates.AT_SEND`), in the firm's name and
    branding as they are then: the request that queues it reads no firm."""
    if template not in AT_SEND:
        raise ValueError(f"no email template {template!r}")
    work.create(_message(work.firm_id, "email", to, ref, {"template": template, "values": values}))


def queue_sms(work: Work, to: str, text: str, ref: str = "", not_before: str | None = None,
              message_id: str | None = None) -> None:
    """`not_before` (ISO time) holds a text back, e.g. until the firm's quiet hours end."""
    work.create(_message(work.firm_id, "sms", to, ref, {"text": text}, not_before, message_id))


def _message(firm_id: str, channel: str, to: str, ref: str, body: dict[str, str],
             not_before: str | None = None, message_id: str | None = None) -> dict[str, Any]:
    message_id = message_id or new_id()
    return {**keys.outbox(message_id), "type": "outbox", "id": message_id, "firm_id": firm_id, "channel": channel,
            "to": to, "ref": ref, "not_before": not_before, "status": PENDING, "attempts": 0,
            "created_at": clock.now_iso(), "body": body}


class NotDue(Exception):
    """The message must wait; `seconds` until it may go."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"not due for {seconds} s")
        self.seconds = seconds


def dispatch(new_images: list[dict[str, Any]]) -> int:
    """Stream side: forward each new pending outbox item to the delivery queue."""
    count = 0
    for item in new_images:
        if item.get("type") == "outbox" and item.get("status") == PENDING:
            queue.enqueue({"firm_id": item["firm_id"], "id": item["id"]})
            count += 1
    return count


def deliver(firm_id: str, message_id: str) -> bool:
    """Queue side: claim, then send, then mark sent, so two deliveries of one message
    (SQS delivers at least once) send it once. Returns False when there was nothing to send."""
    db = FirmStore.trusted(firm_id)  # the firm the outbox item's own stream record names
    key = keys.outbox(message_id)
    item = db.get(key, consistent=True)
    if item is None or not _claimable(item):
        return False
    if item.get("not_before") and item["not_before"] > clock.now_iso():
        raise NotDue(_seconds_until(item["not_before"]))
    if not _claim(db, key, item["v"]):
        return False  # another delivery claimed it first
    try:
        provider_id = _send(db, item)
    except Exception:
        _write(db, key, item["v"] + 1, {"status": PENDING, "attempts": item["attempts"] + 1})
        raise
    _write(db, key, item["v"] + 1, {"status": SENT, "sent_at": clock.now_iso(), "provider_id": provider_id,
                                    "attempts": item["attempts"] + 1, "ttl": clock.epoch() + KEEP_SENT_SECONDS},
           remove=("body", "claimed_at"))
    return True


def _claim(db: FirmStore, key: dict[str, str], version: int) -> bool:
    try:
        _write(db, key, version, {"status": SENDING, "claimed_at": clock.now_iso()})
    except Refused:
        return False
    return True


def _write(db: FirmStore, key: dict[str, str], version: int, changes: dict[str, Any],
           remove: tuple[str, ...] = ()) -> None:
    work = db.work()
    work.update(key, set=changes, remove=remove, when=at_version(version))
    work.commit()


def _claimable(item: dict[str, Any]) -> bool:
    """Pending, or claimed by a delivery that died before it could finish: a claim older
    than the sender's timeout is abandoned, and the message goes out on a later retry."""
    if item["status"] == PENDING:
        return True
    return item["status"] == SENDING and item.get("claimed_at", "") < _iso_ago(CLAIM_LEASE_SECONDS)


def _iso_ago(seconds: int) -> str:
    return clock.iso(clock.now() - timedelta(seconds=seconds))


def _send(db: FirmStore, item: dict[str, Any]) -> str:
    body = item["body"]
    if item["channel"] == "email" and "template" in body:
        firm = db.get(keys.firm())
        message = AT_SEND[body["template"]](firm, **body["values"])
        return mail.send_email(item["to"], message.subject, message.text, message.html, firm["name"])
    if item["channel"] == "email":
        return mail.send_email(item["to"], body["subject"], body["text"], body["html"], body["from_name"])
    if item["channel"] == push.PUSH:
        return push.send(db, body)
    return sms.send_sms(item["to"], body["text"])


def _seconds_until(iso: str) -> int:
    return max(int((datetime.fromisoformat(iso.replace("Z", "+00:00")) - clock.now()).total_seconds()), 1)


def backoff_seconds(receive_count: int) -> int:
    """30 s, 1 min, 2 min, ... capped at 15 minutes."""
    return min(30 * 2 ** max(receive_count - 1, 0), 900)
