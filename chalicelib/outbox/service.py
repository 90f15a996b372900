"""The outbox: a message is written in the same transaction as the change that causes
it, then delivered at least once by the stream -> queue -> sender chain, and marked
sent so a redelivery sends nothing twice. Bodies are dropped once sent (they may hold
a temporary password)."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from chalicelib.aws import mail, queue, sms
from chalicelib.core import clock
from chalicelib.core.ids import new_id
from chalicelib.outbox import push
from chalicelib.outbox.templates import Email
from chalicelib.store import FirmStore, Work, at_version, keys

log = logging.getLogger(__name__)
PENDING, SENT = "pending", "sent"
KEEP_SENT_SECONDS = 30 * 24 * 3600


def queue_email(work: Work, to: str, message: Email, from_name: str, ref: str = "") -> None:
    """The message commits with `work`; the stream hands it to the sender afterwards."""
    work.create(_message(work.firm_id, "email", to, ref, {"subject": message.subject, "text": message.text,
                                                         "html": message.html, "from_name": from_name}))


def queue_sms(work: Work, to: str, text: str, ref: str = "", not_before: str | None = None) -> None:
    """`not_before` (ISO time) holds a text back, e.g. until the firm's quiet hours end."""
    work.create(_message(work.firm_id, "sms", to, ref, {"text": text}, not_before))


def _message(firm_id: str, channel: str, to: str, ref: str, body: dict[str, str],
             not_before: str | None = None) -> dict[str, Any]:
    message_id = new_id()
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
    """Queue side: send once. Returns False when there was nothing left to send."""
    db = FirmStore.trusted(firm_id)  # the firm the outbox item's own stream record names
    item = db.get(keys.outbox(message_id), consistent=True)
    if item is None or item["status"] != PENDING:
        return False
    if item.get("not_before") and item["not_before"] > clock.now_iso():
        raise NotDue(_seconds_until(item["not_before"]))
    body = item["body"]
    if item["channel"] == "email":
        provider_id = mail.send_email(item["to"], body["subject"], body["text"], body["html"], body["from_name"])
    elif item["channel"] == push.PUSH:
        provider_id = push.send(db, body)
    else:
        provider_id = sms.send_sms(item["to"], body["text"])
    work = db.work()
    work.update(keys.outbox(message_id), set={"status": SENT, "sent_at": clock.now_iso(), "provider_id": provider_id,
                                              "attempts": item["attempts"] + 1,
                                              "ttl": clock.epoch() + KEEP_SENT_SECONDS},
                remove=("body",), when=at_version(item["v"]))
    work.commit()
    return True


def _seconds_until(iso: str) -> int:
    return max(int((datetime.fromisoformat(iso.replace("Z", "+00:00")) - clock.now()).total_seconds()), 1)


def backoff_seconds(receive_count: int) -> int:
    """30 s, 1 min, 2 min, ... capped at 15 minutes."""
    return min(30 * 2 ** max(receive_count - 1, 0), 900)
