"""What AWS would run on its own and moto does not: the table stream into the outbox
dispatcher, and the outbox queue into the sender, shaped as Lambda events."""
from __future__ import annotations

from typing import Any

from chalicelib.aws.clients import client
from chalicelib.jobs import outbox as outbox_jobs
from chalicelib.jobs import stream
from local.moto_lock import forget_read_stream_records


class OutboxPump:
    def __init__(self, stream_arn: str, queue_url: str, forget_read: bool = False) -> None:
        """`forget_read`: the stream's only reader (the local stack's pump) trims what it has
        read, which the emulator would otherwise keep forever; tests run several pumps over
        one stream, and each must still find what it has not read itself."""
        self.stream_arn = stream_arn
        self.queue_url = queue_url
        self.forget_read = forget_read
        self._read_up_to: dict[str, str] = {}

    @property
    def position(self) -> dict[str, str]:
        """Where reading the stream has got to, per shard: a copy, to `resume` from."""
        return dict(self._read_up_to)

    def resume(self, position: dict[str, str]) -> None:
        self._read_up_to = dict(position)

    def _iterator(self, streams: Any, shard_id: str) -> str:
        """A new iterator each round, after the last record read. The emulator puts a copy
        of the table back when a transaction fails (any 409 or 412), and an iterator kept
        from before would go on reading the stream of the table it replaced."""
        after = self._read_up_to.get(shard_id)
        where = {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after} if after else \
            {"ShardIteratorType": "TRIM_HORIZON"}
        return streams.get_shard_iterator(StreamArn=self.stream_arn, ShardId=shard_id, **where)["ShardIterator"]

    def _stream_records(self) -> list[dict[str, Any]]:
        streams = client("dynamodbstreams")
        records: list[dict[str, Any]] = []
        for shard in streams.describe_stream(StreamArn=self.stream_arn)["StreamDescription"]["Shards"]:
            shard_id = shard["ShardId"]
            found = streams.get_records(ShardIterator=self._iterator(streams, shard_id)).get("Records", [])
            if found:
                self._read_up_to[shard_id] = found[-1]["dynamodb"]["SequenceNumber"]
            read = self._read_up_to.get(shard_id)
            if self.forget_read:
                forget_read_stream_records(self.stream_arn, int(read) if read else None)
            records.extend(found)
        return records

    def _queue_records(self) -> list[dict[str, Any]]:
        resp = client("sqs").receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10,
                                             MessageSystemAttributeNames=["ApproximateReceiveCount"])
        return [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                 "attributes": m.get("Attributes", {})} for m in resp.get("Messages", [])]

    def run_once(self) -> int:
        """One round: stream -> queue -> sender. Returns how many messages were handled."""
        records = self._stream_records()
        # What a projection writes (an outbox message, an opportunity among its copies) is on
        # the stream at once: it is followed in the same round, as Lambda would soon deliver it.
        while records:
            stream.on_stream({"Records": records})
            records = self._stream_records()
        messages = self._queue_records()
        if not messages:
            return 0
        failed = {f["itemIdentifier"] for f in outbox_jobs.on_queue({"Records": messages})["batchItemFailures"]}
        for m in messages:
            if m["messageId"] not in failed:
                client("sqs").delete_message(QueueUrl=self.queue_url, ReceiptHandle=m["receiptHandle"])
        return len(messages)
