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
