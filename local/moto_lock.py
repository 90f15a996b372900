"""The embedded DynamoDB applies one request at a time, as the real service appears to.

moto's TransactWriteItems copies each table it touches first and, when a condition
fails, puts the copy back. With the local server's threads writing at once, that copy
loses every write made meanwhile by another thread (a client's search words, say), or
brings back what another thread deleted. One lock around every write keeps each
request whole: the copy and its restore then see no other writer."""
from __future__ import annotations

import functools
import threading

WRITES = ("transact_write_items", "put_item", "update_item", "delete_item", "batch_write_item")
_lock = threading.RLock()


def serialise_table_writes() -> None:
    from moto.dynamodb.models import DynamoDBBackend
    for name in WRITES:
        method = getattr(DynamoDBBackend, name)
        if not getattr(method, "_serialised", False):
            setattr(DynamoDBBackend, name, _locked(method))


def _locked(method):
    @functools.wraps(method)
    def write(*args, **kwargs):
        with _lock:
            return method(*args, **kwargs)
    write._serialised = True
    return write


class _Untracked(list):
    """A list that keeps nothing appended to it."""

    def append(self, _item: object) -> None:
        pass


def stop_tracking_table_models() -> None:
    """The emulator keeps every model object it ever makes, for its dashboard: each item,
    stream record and the whole copy of the table a transaction takes first. The local
    stack needs none of that for DynamoDB (sent mail and texts are other services), and
    a fuzzing run of thousands of requests grew it past 20 GB until it was killed."""
    import moto.dynamodb.models  # noqa: F401  (registers the classes below)
    import moto.dynamodbstreams.models  # noqa: F401
    from moto.core.model_instances import model_data
    for service in ("dynamodb", "dynamodbstreams"):
        for model in model_data[service].values():
            model.instances_tracked = _Untracked()  # type: ignore[attr-defined]


def forget_read_stream_records(stream_arn: str, read_up_to: int | None) -> None:
    """DynamoDB keeps a stream's records for 24 hours; the emulator keeps them all, copies
    them with the table at every transaction, and keeps every shard iterator ever made,
    each holding the table of its day (a refused transaction swaps in a copy). A busy
    local stack (a fuzzing run of thousands of requests) grew past 20 GB that way and was
    killed. The outbox pump is the stream's one reader and makes a new iterator each
    round: after each round the old iterators go, and so do the records it has read (the
    numbering of the rest stays as it was)."""
    from moto.dynamodb.models import dynamodb_backends
    from moto.dynamodbstreams.models import dynamodbstreams_backends
    _, _, _, region, account, resource = stream_arn.split(":", 5)
    try:
        shard = dynamodb_backends[account][region].get_table(resource.split("/")[1]).stream_shard
        iterators = dynamodbstreams_backends[account][region].shard_iterators
    except Exception:  # the emulator runs in another process: nothing of it to trim here
        return
    with _lock:
        iterators.clear()
        read = 0 if shard is None or read_up_to is None else read_up_to - shard.starting_sequence_number + 1
        if read > 0:
            del shard.items[:read]
            shard.starting_sequence_number += read
