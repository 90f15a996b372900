"""The first store API (absolute keys, firm ids passed by hand), kept only while the
remaining domains move to `scope.FirmStore` and `work.Work`; nothing new may use it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.core.errors import Conflict, NotFound, PreconditionFailed
from chalicelib.core.pagination import decode_cursor, encode_cursor
from chalicelib.store.wire import ddb, from_ddb, table_name, to_ddb
from chalicelib.store.work import _path

_to_ddb, _from_ddb, _ddb, _table = to_ddb, from_ddb, ddb, table_name


def get(key: dict[str, str], consistent: bool = False) -> dict[str, Any] | None:
    found = _ddb().get_item(TableName=_table(), Key=_to_ddb(key), ConsistentRead=consistent)
    return _from_ddb(found["Item"]) if "Item" in found else None


def get_many(keys: list[dict[str, str]]) -> list[dict[str, Any]]:
    """BatchGetItem for screens that show several known items; order is not kept."""
    out: list[dict[str, Any]] = []
    for start in range(0, len(keys), 100):
        request = {_table(): {"Keys": [_to_ddb(k) for k in keys[start:start + 100]]}}
        while request:
            resp = _ddb().batch_get_item(RequestItems=request)
            out.extend(_from_ddb(i) for i in resp["Responses"].get(_table(), []))
            request = resp.get("UnprocessedKeys") or {}
    return out


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None


def query(pk: str, *, index: str | None = None, sk_prefix: str | None = None,
          limit: int = 50, cursor: str | None = None, scope: str = "",
          newest_first: bool = False, filter_attrs: dict[str, Any] | None = None,
          sk_between: tuple[str, str] | None = None) -> Page:
    """One Query per page. `scope` names the list (firm + filters) so its cursors only
    fit this list; equality filters narrow a page without extra calls. `sk_between`
    (inclusive) serves sort keys that begin with a time, such as expiry indexes."""
    pk_name, sk_name = (f"{index}PK", f"{index}SK") if index else ("PK", "SK")
    expr = "#pk = :pk"
    names = {"#pk": pk_name}
    values: dict[str, Any] = {":pk": pk}
    if sk_prefix:
        expr += " AND begins_with(#sk, :sk)"
        names["#sk"] = sk_name
        values[":sk"] = sk_prefix
    elif sk_between:
        expr += " AND #sk BETWEEN :lo AND :hi"
        names["#sk"] = sk_name
        values[":lo"], values[":hi"] = sk_between
    args: dict[str, Any] = {"TableName": _table(), "KeyConditionExpression": expr,
                            "Limit": limit, "ScanIndexForward": not newest_first}
    if filter_attrs:
        clauses = []
        for n, (attr, val) in enumerate(sorted(filter_attrs.items())):
            names[f"#f{n}"] = attr
            values[f":f{n}"] = val
            clauses.append(f"#f{n} = :f{n}")
        args["FilterExpression"] = " AND ".join(clauses)
    if index:
        args["IndexName"] = index
    args["ExpressionAttributeNames"] = names
    args["ExpressionAttributeValues"] = _to_ddb(values)
    full_scope = f"{pk}|{index}|{sk_prefix}|{sk_between}|{scope}|{newest_first}"
    start = decode_cursor(cursor, full_scope)
    if start:
        args["ExclusiveStartKey"] = _to_ddb(start)
    resp = _ddb().query(**args)
    last = _from_ddb(resp["LastEvaluatedKey"]) if "LastEvaluatedKey" in resp else None
    return Page([_from_ddb(i) for i in resp.get("Items", [])], encode_cursor(last, full_scope))


def query_pages(pk: str, **kwargs: Any):
    """Every item of a query, still one Query per page: for jobs and reports that must
    see the whole (bounded) range rather than hand a cursor back."""
    cursor = None
    while True:
        page = query(pk, cursor=cursor, **kwargs)
        yield from page.items
        cursor = page.next_cursor
        if not cursor:
            return


# --- writes -------------------------------------------------------------------------

def put_op(item: dict[str, Any]) -> dict[str, Any]:
    """A create: fails if the key exists (uniqueness claims use the same op)."""
    return {"Put": {"TableName": _table(), "Item": _to_ddb({**item, "v": item.get("v", 1)}),
                    "ConditionExpression": "attribute_not_exists(PK)"}}


def replace_op(item: dict[str, Any]) -> dict[str, Any]:
    """An unconditional put, for items the caller owns outright (outbox state)."""
    return {"Put": {"TableName": _table(), "Item": _to_ddb(item)}}


def update_op(key: dict[str, str], changes: dict[str, Any], expected_v: int | None,
              removes: tuple[str, ...] = ()) -> dict[str, Any]:
    """A versioned update: applies only if the item is still at `expected_v` (or, with
    None, only if it exists: for changes that cannot conflict, such as one field of a map)."""
    names = {"#v": "v"}
    values: dict[str, Any] = {":one": 1}
    sets = ["#v = #v + :one"]
    for n, (attr, val) in enumerate(sorted(changes.items())):
        if val is None:
            removes = (*removes, attr)
            continue
        values[f":a{n}"] = val
        sets.append(f"{_path(f'a{n}', attr, names)} = :a{n}")
    expr = "SET " + ", ".join(sets)
    if removes:
        expr += " REMOVE " + ", ".join(_path(f"r{n}", attr, names) for n, attr in enumerate(removes))
    condition = "attribute_exists(PK)"
    if expected_v is not None:
        condition = "#v = :expected"
        values[":expected"] = expected_v
    return {"Update": {"TableName": _table(), "Key": _to_ddb(key), "UpdateExpression": expr,
                       "ConditionExpression": condition,
                       "ExpressionAttributeNames": names,
                       "ExpressionAttributeValues": _to_ddb(values)}}


def add_op(key: dict[str, str], deltas: dict[str, int], attrs: dict[str, Any] | None = None) -> dict[str, Any]:
    """Counters: atomic ADD, no version, creates the item on first use, so many
    transactions can count into one item without colliding on a read version."""
    names, values, adds, sets = {}, {}, [], []
    for n, (attr, delta) in enumerate(sorted(deltas.items())):
        names[f"#c{n}"], values[f":c{n}"] = attr, delta
        adds.append(f"#c{n} :c{n}")
    for n, (attr, val) in enumerate(sorted((attrs or {}).items())):
        names[f"#s{n}"], values[f":s{n}"] = attr, val
        sets.append(f"#s{n} = :s{n}")
    expr = ("SET " + ", ".join(sets) + " " if sets else "") + "ADD " + ", ".join(adds)
    return {"Update": {"TableName": _table(), "Key": _to_ddb(key), "UpdateExpression": expr,
                       "ExpressionAttributeNames": names, "ExpressionAttributeValues": _to_ddb(values)}}


def delete_op(key: dict[str, str]) -> dict[str, Any]:
    return {"Delete": {"TableName": _table(), "Key": _to_ddb(key)}}



def transact(ops: list[dict[str, Any]], conflict: str = "It already exists or was changed meanwhile.") -> None:
    """One TransactWriteItems. A failed condition on a create is a 409, on an update a 412."""
    if len(ops) == 1:
        _single(ops[0], conflict)
        return
    try:
        _ddb().transact_write_items(TransactItems=ops)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "TransactionCanceledException":
            raise
        reasons = exc.response.get("CancellationReasons", [])
        for op, reason in zip(ops, reasons):
            if reason.get("Code") == "ConditionalCheckFailed":
                _raise_condition(op, conflict)
        raise Conflict("The change collided with another one; try again.")


def _single(op: dict[str, Any], conflict: str) -> None:
    kind, args = next(iter(op.items()))
    call = {"Put": _ddb().put_item, "Update": _ddb().update_item,
            "Delete": _ddb().delete_item, "ConditionCheck": None}[kind]
    if call is None:
        return transact_many([op])
    try:
        call(**args)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        _raise_condition(op, conflict)


def transact_many(ops: list[dict[str, Any]]) -> None:
    _ddb().transact_write_items(TransactItems=ops)


def _raise_condition(op: dict[str, Any], conflict: str) -> None:
    if "Put" in op:
        raise Conflict(conflict)
    raise PreconditionFailed("The item was changed by someone else; reload it and try again.")


def update(key: dict[str, str], changes: dict[str, Any], expected_v: int | None) -> dict[str, Any]:
    """A versioned update of one item, returning the item as now stored."""
    args = update_op(key, changes, expected_v)["Update"]
    try:
        resp = _ddb().update_item(**args, ReturnValues="ALL_NEW")
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        if expected_v is None:
            raise NotFound("No such item.")
        raise PreconditionFailed("The item was changed by someone else; reload it and try again.")
    return _from_ddb(resp["Attributes"])


def require(key: dict[str, str], what: str = "resource") -> dict[str, Any]:
    found = get(key)
    if found is None:
        raise NotFound(f"No such {what}.")
    return found


def from_stream_image(image: dict[str, Any]) -> dict[str, Any]:
    """A DynamoDB stream record's NewImage as a plain item."""
    return _from_ddb(image)
