"""The outbox's queue side: the table stream feeds the queue (chalicelib.jobs.stream),
the queue feeds the sender. A failed send stays on the queue with growing backoff and, after the
queue's receive limit, lands in the dead-letter queue."""
from __future__ import annotations

import json
import logging
from typing import Any

from chalicelib.aws import queue
from chalicelib.outbox import service

log = logging.getLogger(__name__)
MAX_HIDE_SECONDS = 12 * 3600


def on_queue(event: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
    failures = []
    for record in event.get("Records", []):
        try:
            ref = json.loads(record["body"])
            service.deliver(ref["firm_id"], ref["id"])
        except service.NotDue as wait:
            # Held back, not failed: hide it until due (SQS allows at most 12 hours).
            queue.delay(record["receiptHandle"], min(wait.seconds, MAX_HIDE_SECONDS))
            failures.append({"itemIdentifier": record["messageId"]})
        except Exception:  # noqa: BLE001 - one bad message must not sink the batch
            log.exception("outbox delivery failed", extra={"message_id": record.get("messageId")})
            receives = int(record.get("attributes", {}).get("ApproximateReceiveCount", "1"))
            queue.delay(record["receiptHandle"], service.backoff_seconds(receives))
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
