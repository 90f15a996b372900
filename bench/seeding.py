"""Filling a list fast for the scale benchmark: one entry is made through the API, then
the items it stored (those whose keys hold its id) are cloned under fresh ids with
batch_write_item, so the clones are what the API itself would have written."""
from __future__ import annotations

from typing import Any, Iterator

from tests.security import matrix

KEY_ATTRIBUTES = ("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK")


def _scan(ddb: Any, table: str) -> Iterator[dict[str, Any]]:
    """The benchmark's own look at what the API stored (never the app's way of reading)."""
    args: dict[str, Any] = {"TableName": table}
    for _ in range(10000):
        page = ddb.scan(**args)
        yield from page["Items"]
        if "LastEvaluatedKey" not in page:
            return
        args["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def _replace(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, dict):
        return {k: _replace(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace(v, old, new) for v in value]
    return value


def _write(ddb: Any, table: str, items: list[dict[str, Any]]) -> None:
    for start in range(0, len(items), 25):
        request = {table: [{"PutRequest": {"Item": i}} for i in items[start:start + 25]]}
        for _ in range(100):
            left = ddb.batch_write_item(RequestItems=request).get("UnprocessedItems") or {}
            if not left:
                break
            request = left


def grow(ddb: Any, table: str, template: tuple[str, list], count: int) -> None:
    from chalicelib.core.ids import new_id
    original, items = template
    clones = []
    for _ in range(count):
        fresh = new_id()
        clones += [_replace(item, original, fresh) for item in items]
    _write(ddb, table, clones)


def template(world: Any, path: str, ddb: Any, table: str) -> tuple[str, list]:
    resp = world.api.post(path, matrix.body_for(world, ("POST", path)), token=world.firm.token)
    assert resp.status == 201, f"POST {path}: {resp.status} {resp.text[:300]}"
    made = resp.json["id"]
    items = [i for i in _scan(ddb, table) if any(made in i.get(k, {}).get("S", "") for k in KEY_ATTRIBUTES)]
    return made, items
