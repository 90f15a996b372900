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


class _OneBackupPerTable:
    """moto backs a table up (a deep copy, its stream included) once per item of a
    TransactWriteItems, before writing any of them; copies taken before the first write
    are all alike, so while this is on the first copy of a table serves them all."""

    def __init__(self, table_type: type) -> None:
        self.table_type = table_type
        self.copies: dict[int, Any] | None = None

    def deepcopy(self, value: Any, memo: Any = None) -> Any:
        if self.copies is None or not isinstance(value, self.table_type):
            return copy.deepcopy(value, memo)
        if id(value) not in self.copies:
            self.copies[id(value)] = copy.deepcopy(value, memo)
        return self.copies[id(value)]


def _back_up_each_table_once() -> None:
    from moto.dynamodb import models
    if isinstance(models.copy, _OneBackupPerTable):
        return
    backups = _OneBackupPerTable(models.Table)
    transact = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        backups.copies = {}
        try:
            return transact(self, transact_items)
        finally:
            backups.copies = None
    models.copy = backups
    models.DynamoDBBackend.transact_write_items = transact_write_items


def install() -> None:
    _load_pool_key_once()
    _back_up_each_table_once()
