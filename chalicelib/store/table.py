"""The first store API, kept only for `store/idempotency.py` until it moves onto
`work.Work`: absolute keys, and HTTP errors raised from the store, which nothing else may
do (tests/unit/test_import_graph.py names this module as the one exception)."""
from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from chalicelib.core.errors import Conflict, NotFound, PreconditionFailed
from chalicelib.store.wire import ddb, from_ddb, table_name, to_ddb
from chalicelib.store.work import _path


def get(key: dict[str, str], consistent: bool = False) -> dict[str, Any] | None:
    found = ddb().get_item(TableName=table_name(), Key=to_ddb(key), ConsistentRead=consistent)
    return from_ddb(found["Item"]) if "Item" in found else None


def put_op(item: dict[str, Any]) -> dict[str, Any]:
    """A create: fails if the key exists."""
    return {"Put": {"TableName": table_name(), "Item": to_ddb({**item, "v": item.get("v", 1)}),
                    "ConditionExpression": "attribute_not_exists(PK)"}}


def delete_op(key: dict[str, str]) -> dict[str, Any]:
    return {"Delete": {"TableName": table_name(), "Key": to_ddb(key)}}


def transact(ops: list[dict[str, Any]]) -> None:
    """One write (these callers never send more): a failed create is a 409."""
    kind, args = next(iter(ops[0].items()))
    try:
        (ddb().put_item if kind == "Put" else ddb().delete_item)(**args)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        raise Conflict("It already exists or was changed meanwhile.")


def update(key: dict[str, str], changes: dict[str, Any], expected_v: int | None) -> dict[str, Any]:
    """A versioned update of one item, returning the item as now stored."""
    names, values, sets = {"#v": "v"}, {":one": 1}, ["#v = #v + :one"]
    for n, (attr, val) in enumerate(sorted(changes.items())):
        values[f":a{n}"] = val
        sets.append(f"{_path(f'a{n}', attr, names)} = :a{n}")
    condition = "attribute_exists(PK)"
    if expected_v is not None:
        condition, values[":expected"] = "#v = :expected", expected_v
    try:
        resp = ddb().update_item(TableName=table_name(), Key=to_ddb(key), UpdateExpression="SET " + ", ".join(sets),
                                 ConditionExpression=condition, ExpressionAttributeNames=names,
                                 ExpressionAttributeValues=to_ddb(values), ReturnValues="ALL_NEW")
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        if expected_v is None:
            raise NotFound("No such item.")
        raise PreconditionFailed("The item was changed by someone else; reload it and try again.")
    return from_ddb(resp["Attributes"])
