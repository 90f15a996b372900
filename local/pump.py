"""What AWS would run on its own and moto does not: the table stream into the outbox
dispatcher, and the outbox queue into the sender, shaped as Lambda events."""
from __future__ import annotations

from typing import Any

from chalicelib.aws.clients import client
from chalicelib.jobs import outbox as outbox_jobs


class OutboxPump:
    def __init__(self, stream_arn: str, queue_url: str) -> None:
        self.stream_arn = stream_arn
        self.queue_url = queue_url
        self._iterators: dict[str, str] = {}

    def _stream_records(self) -> list[dict[str, Any]]:
        streams = client("dynamodbstreams")
        records: list[dict[str, Any]] = []
        for shard in streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]:
            shard_id = shard["ShardId"]
            if shard_id not in self._iterators:
                self._iterators[shard_id] = streams.get_shard_iterator(
                    StreamArn=self.stream_arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
            resp = streams.get_records(ShardIterator=self._iterators[shard_id])
            self._iterators[shard_id] = resp.get("NextShardIterator") or self._iterators[shard_id]
            records.extend(resp.get("Records", []))
        return records

    def _queue_records(self) -> list[dict[str, Any]]:
        resp = client("sqs").receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10,
                                             MessageSystemAttributeNames=["ApproximateReceiveCount"])
        return [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                 "attributes": m.get("Attributes", {})} for m in resp.get("Messages", [])]

    def run_once(self) -> int:
        """One round: stream -> queue -> sender. Returns how many messages were handled."""
        records = self._stream_records()
        if records:
            outbox_jobs.on_stream({"Records": records})
        messages = self._queue_records()
        if not messages:
            return 0
        failed = {f["itemIdentifier"] for f in outbox_jobs.on_queue({"Records": messages})["batchItemFailures"]}
        for m in messages:
            if m["messageId"] not in failed:
                client("sqs").delete_message(QueueUrl=self.queue_url, ReceiptHandle=m["receiptHandle"])
        return len(messages)
