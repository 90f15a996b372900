"""The outbox delivery queue (SQS)."""
from __future__ import annotations

import json

from chalicelib.aws.clients import client
from chalicelib.core.config import settings


def enqueue(message: dict) -> None:
    client("sqs").send_message(QueueUrl=settings().outbox_queue_url, MessageBody=json.dumps(message))


def delay(receipt_handle: str, seconds: int) -> None:
    """Backoff: hide a failed message for longer at each receive."""
    client("sqs").change_message_visibility(QueueUrl=settings().outbox_queue_url,
                                            ReceiptHandle=receipt_handle, VisibilityTimeout=seconds)
