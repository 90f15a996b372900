"""What makes moto cheap enough to rebuild for every world (the suite builds dozens, the
benchmarks more): work moto repeats without need is done once. Each piece wraps moto and
keeps its behaviour."""
from __future__ import annotations

import copy
import json
from types import SimpleNamespace
from typing import Any


def _load_pool_key_once() -> None:
    """moto's Cognito imports the same RSA key for every user pool and recovers its primes
    each time (~0.4 s per world); the key never changes, so it is imported once."""
    from moto.cognitoidp import models
    if isinstance(models.jwk, SimpleNamespace):
        return
    original = models.jwk.RSAKey.import_key
    loaded: dict[str, Any] = {}

    def import_key(data: Any) -> Any:
        fingerprint = json.dumps(data, sort_keys=True, default=str)
        if fingerprint not in loaded:
            loaded[fingerprint] = original(data)
        return loaded[fingerprint]
    models.jwk = SimpleNamespace(RSAKey=SimpleNamespace(import_key=import_key))


class _TransactionBackups:
    """moto backs a table up before a TransactWriteItems (a deep copy of every item and
    stream record, once per item of the transaction) and puts the copy back when it is
    refused. The copy only has to undo what the transaction can change: the items it
    names, the partitions they sit in, and the stream's records. So while a transaction
    runs, a table's backup is one copy holding those items deep-copied, every other item
    shared, and the stream's record list cut where it stood."""

    def __init__(self, table_type: type) -> None:
        self.table_type = table_type
        self.touched: dict[str, set[tuple[Any, Any]]] | None = None
        self.copies: dict[int, Any] = {}

    def deepcopy(self, value: Any, memo: Any = None) -> Any:
        if self.touched is None or not isinstance(value, self.table_type):
            return copy.deepcopy(value, memo)
        if id(value) not in self.copies:
            self.copies[id(value)] = _backup(value, self.touched.get(value.name, set()))
        return self.copies[id(value)]

    def start(self, backend: Any, transact_items: list[dict[str, Any]]) -> None:
        from moto.dynamodb.models.dynamo_type import DynamoType
        self.copies, self.touched = {}, {}
        for item in transact_items:
            op = next(iter(item.values())) if item else {}
            table = backend.tables.get(op.get("TableName")) if isinstance(op, dict) else None
            key = (op.get("Item") if "Item" in op else op.get("Key")) if table is not None else None
            if not isinstance(key, dict) or table.hash_key_attr not in key:
                continue
            sort = key.get(table.range_key_attr) if table.range_key_attr else None
            self.touched.setdefault(table.name, set()).add(
                (DynamoType(key[table.hash_key_attr]), DynamoType(sort) if sort is not None else None))

    def stop(self) -> None:
        self.copies, self.touched = {}, None


def _backup(table: Any, touched: set[tuple[Any, Any]]) -> Any:
    kept = copy.copy(table)
    kept.items = type(table.items)(table.items.default_factory)
    for hash_key, held in table.items.items():
        kept.items[hash_key] = dict(held) if isinstance(held, dict) else held
    for hash_key, sort_key in touched:
        held = kept.items.get(hash_key)
        if isinstance(held, dict) and sort_key in held:
            held[sort_key] = copy.deepcopy(held[sort_key])
        elif held is not None and not isinstance(held, dict):
            kept.items[hash_key] = copy.deepcopy(held)
    if table.stream_shard is not None:
        kept.stream_shard = copy.copy(table.stream_shard)
        kept.stream_shard.items = list(table.stream_shard.items)
    return kept


def _back_up_only_what_a_transaction_touches() -> None:
    from moto.dynamodb import models
    if isinstance(models.copy, _TransactionBackups):
        return
    backups = _TransactionBackups(models.Table)
    transact = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        backups.start(self, transact_items)
        try:
            return transact(self, transact_items)
        finally:
            backups.stop()
    models.copy = backups
    models.DynamoDBBackend.transact_write_items = transact_write_items


def install() -> None:
    _load_pool_key_once()
    _back_up_only_what_a_transaction_touches()
