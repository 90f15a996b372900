"""What makes moto cheap enough to rebuild for every world (the suite builds dozens, the
benchmarks more): work moto repeats without need is done once. Each piece wraps moto and
keeps its behaviour."""
from __future__ import annotations

import base64
import calendar
import copy
import datetime
import json
import os
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


# Answers that are items and little else: moto builds them already in DynamoDB's wire
# format (attribute values as {"S": ...}), so its shape-by-shape serializer, a third of
# the time of building a security world, has nothing to change but dropping nulls and
# writing times and bytes.
ITEM_ANSWERS = {("dynamodb", op) for op in ("GetItem", "BatchGetItem", "Query", "Scan", "PutItem", "UpdateItem",
                                            "DeleteItem", "TransactGetItems", "TransactWriteItems")}
ITEM_ANSWERS |= {("dynamodbstreams", "GetRecords")}
# tests/unit/test_fast_moto.py sets it, as ATRIUM_FAST_MOTO_VERIFY=1 does for a whole run:
# every answer is then also serialized moto's way and the two must be equal.
VERIFY = SimpleNamespace(on=os.environ.get("ATRIUM_FAST_MOTO_VERIFY") == "1", compared=0)


def _wire(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _wire(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_wire(v) for v in value]
    if isinstance(value, datetime.datetime):  # seconds, truncated to milliseconds, as moto writes them
        whole = calendar.timegm(value.timetuple())
        return whole + (value.microsecond // 1000) / 1000.0 if value.microsecond else whole
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value


def _first_difference(got: Any, expected: Any, at: str = "") -> str:
    if isinstance(got, dict) and isinstance(expected, dict):
        for k in sorted(set(got) | set(expected)):
            if got.get(k, "<absent>") != expected.get(k, "<absent>"):
                return _first_difference(got.get(k, "<absent>"), expected.get(k, "<absent>"), f"{at}.{k}")
    if isinstance(got, list) and isinstance(expected, list) and len(got) == len(expected):
        for i, (g, e) in enumerate(zip(got, expected)):
            if g != e:
                return _first_difference(g, e, f"{at}[{i}]")
    return f"{at}: {str(got)[:200]} != {str(expected)[:200]}"


def _serialize_items_directly() -> None:
    from moto.core import responses
    if getattr(responses.ActionResult.execute_result, "fast", False):
        return
    generic = responses.ActionResult.execute_result

    def execute_result(self: Any, context: Any) -> Any:
        which = (context.service_model.service_name, context.operation_model.name)
        # A result class with its own way of writing itself (a paginated one) keeps it.
        if type(self).execute_result is not execute_result or which not in ITEM_ANSWERS or \
                not isinstance(self.result, dict):
            return generic(self, context)
        declared = context.operation_model.output_shape.members  # moto's serializer writes nothing else
        body = json.dumps(_wire({k: v for k, v in self.result.items() if k in declared}))
        if VERIFY.on:
            expected = json.loads(generic(self, context)[2])
            assert json.loads(body) == expected, (which, _first_difference(json.loads(body), expected))
            VERIFY.compared += 1
        protocol = context.service_model.metadata.get("jsonVersion", "1.0")
        return 200, {"Content-Type": f"application/x-amz-json-{protocol}"}, body
    execute_result.fast = True
    responses.ActionResult.execute_result = execute_result


def install() -> None:
    _load_pool_key_once()
    _back_up_only_what_a_transaction_touches()
    _serialize_items_directly()
