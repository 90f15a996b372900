"""The unit of work: the writes of one use case, committed together or not at all.

Each write may carry a condition (any boto3 `Attr` expression) and a `refused` callable
that turns a failed condition into the domain's own error, given the item as it stood
(None if it did not exist): that is how a service answers 404, 409, 412 or 422 without
reading first. A `check` is a ConditionCheck: a condition on an item the unit does not
write ("the professional exists and is staff"). Counters are `count`: an atomic ADD with
an optional condition ("owner_count > 1"), never a versioned read-modify-write.

One write commits as a single PutItem/UpdateItem/DeleteItem (an update returns the item
as now stored, ALL_NEW; a delete the item as it was, ALL_OLD); more commit as one
TransactWriteItems. A failed condition that no
`refused` explains raises `Refused` with the reason of every item; a clash with another
transaction raises `Collided`. The store raises no HTTP errors."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Protocol

from botocore.exceptions import ClientError

from chalicelib.core.errors import WriteDeclined
from chalicelib.store.conditions import ConditionBase, compile_condition, exists, missing
from chalicelib.store.wire import ddb, from_ddb, table_name, to_ddb

Refusal = Callable[[dict[str, Any] | None], Exception]
HEAD = "list_head"  # the type of a list's head item (keys.LIST_HEAD, Handle.headed_page)
FAILED = "ConditionalCheckFailed"


class Placer(Protocol):
    def place(self, key: dict[str, Any]) -> dict[str, Any]: ...

    def unplace(self, item: dict[str, Any]) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Reason:
    """Why one item of a cancelled unit did not commit; `old` is the item as it stood."""
    index: int
    kind: str
    key: dict[str, Any]
    code: str
    old: dict[str, Any] | None


class Refused(WriteDeclined):
    """A condition failed and no `refused` callable said what it means."""

    def __init__(self, reasons: list[Reason]) -> None:
        super().__init__("a condition of the write failed")
        self.reasons = reasons

    @property
    def failed(self) -> list[Reason]:
        return [r for r in self.reasons if r.code == FAILED]


class Collided(WriteDeclined):
    """Another write changed the same items at the same moment; retrying may succeed."""

    def __init__(self, reasons: list[Reason]) -> None:
        super().__init__("the write collided with another one")
        self.reasons = reasons


@dataclass(frozen=True)
class CopyOf:
    """A `set` value that copies another attribute of the same item as it stood before
    the update (`restore_to` keeps the `status` a change replaces), with no read."""
    attribute: str


@dataclass
class _Op:
    kind: str
    args: dict[str, Any]
    placer: Placer
    refused: Refusal | None
    stored: dict[str, Any] | None = None


class Work:
    """Writes collected for one commit. Keys are placed by the handle the unit came
    from; `platform` writes `P#` items into the same commit (a slug claim at signup)."""

    def __init__(self, handle: Placer, platform: Placer | None = None,
                 ops: list[_Op] | None = None) -> None:
        self.handle = handle
        self._platform = platform
        self.ops: list[_Op] = [] if ops is None else ops

    @property
    def platform(self) -> "Work":
        if self._platform is None:
            raise ValueError("this unit of work has no platform handle")
        return Work(self._platform, None, self.ops)

    @property
    def firm_id(self) -> str:
        """The firm whose items this unit writes (items such as outbox messages record it)."""
        return self.handle.firm_id  # type: ignore[attr-defined]

    def __len__(self) -> int:
        return len(self.ops)

    def touches(self, key: dict[str, str]) -> bool:
        """Whether the unit already writes or checks this item: a transaction may name an
        item once, so a second change to it must join the first."""
        placed = to_ddb(self.handle.place({"PK": key["PK"], "SK": key["SK"]}))
        return any({k: v for k, v in (op.args.get("Key") or op.args.get("Item", {})).items() if k in ("PK", "SK")}
                   == placed for op in self.ops)

    def without(self, indexes: set[int]) -> "Work":
        """The same unit less the writes at `indexes`: a projection drops the copies whose
        condition says they have moved on, and commits the rest."""
        return Work(self.handle, self._platform, [op for i, op in enumerate(self.ops) if i not in indexes])

    # --- collecting -------------------------------------------------------------------

    def create(self, item: dict[str, Any], *, refused: Refusal | None = None) -> dict[str, Any]:
        """A new item at version 1; fails if its key exists. Returns it as stored."""
        stored = {**item, "v": item.get("v", 1)}
        args = {"Item": to_ddb(self.handle.place(stored))}
        self._add("Put", args, missing(), refused, stored)
        return stored

    def create_head(self, key: dict[str, Any]) -> None:
        """The head item of one or more newest-first lists (`keys.client_lists_head`)."""
        self.create({**key, "type": HEAD})

    def put(self, item: dict[str, Any], *, when: ConditionBase | None = None,
            refused: Refusal | None = None) -> dict[str, Any]:
        """Writes the whole item, whatever was there (unless `when` says otherwise)."""
        self._add("Put", {"Item": to_ddb(self.handle.place(item))}, when, refused, item)
        return item

    def update(self, key: dict[str, str], *, set: dict[str, Any] | None = None,
               add: dict[str, Any] | None = None, remove: tuple[str, ...] = (),
               append: dict[str, list[Any]] | None = None,
               when: ConditionBase | None = None, refused: Refusal | None = None) -> None:
        """Changes an existing item and bumps its version. `set` takes dotted paths into
        maps (`settings.invitation_days`); a None value removes the attribute. `append`
        adds to the end of a list attribute (made if missing) without reading it."""
        condition = exists() if when is None else exists() & when
        self._expression("Update", key, set or {}, add or {}, remove, True, condition, refused, append or {})

    def count(self, key: dict[str, str], deltas: dict[str, Any], *, set: dict[str, Any] | None = None,
              discard: dict[str, Any] | None = None, when: ConditionBase | None = None,
              refused: Refusal | None = None) -> None:
        """Counters: atomic ADD, no version bump, the item is created on first use. A
        condition makes limits race-free (`Attr("owner_count").gt(1)` before a -1). A
        delta may be a set of strings, joined to a set attribute; `discard` takes such
        members out of one (DELETE), so adding or taking out twice changes nothing."""
        self._expression("Update", key, set or {}, deltas, (), False, when, refused, discards=discard or {})

    def upsert(self, key: dict[str, str], *, set: dict[str, Any], when: ConditionBase | None = None,
               refused: Refusal | None = None) -> None:
        """Sets the named attributes, creating the item if it is not there; no version bump.
        For settings-like items whose fields change one at a time without a read."""
        self._expression("Update", key, set, {}, (), False, when, refused)

    def delete(self, key: dict[str, str], *, when: ConditionBase | None = None,
               refused: Refusal | None = None) -> None:
        self._add("Delete", {"Key": to_ddb(self.handle.place(key))}, when, refused)

    def check(self, key: dict[str, str], when: ConditionBase, *, refused: Refusal | None = None) -> None:
        """A ConditionCheck: `when` must hold on an item this unit does not write."""
        self._add("ConditionCheck", {"Key": to_ddb(self.handle.place(key))}, when, refused)

    def _expression(self, kind: str, key: dict[str, str], sets: dict[str, Any], adds: dict[str, Any],
                    removes: tuple[str, ...], bump: bool, when: ConditionBase | None,
                    refused: Refusal | None, appends: dict[str, list[Any]] | None = None,
                    discards: dict[str, Any] | None = None) -> None:
        names: dict[str, str] = {}
        values: dict[str, Any] = {}
        set_parts, add_parts, remove_parts, delete_parts = [], [], [], []
        if bump:
            names["#uv"] = "v"
            values[":uzero"], values[":uone"] = 0, 1
            set_parts.append("#uv = if_not_exists(#uv, :uzero) + :uone")
        for n, (attr, more) in enumerate(sorted((appends or {}).items())):
            path = _path(f"ul{n}", attr, names)
            values[f":ul{n}"], values[":unone"] = list(more), []
            set_parts.append(f"{path} = list_append(if_not_exists({path}, :unone), :ul{n})")
        # Copies come first: they read the item as it was, before the other sets change it.
        for n, (attr, val) in enumerate(sorted((a, v) for a, v in sets.items() if isinstance(v, CopyOf))):
            set_parts.append(f"{_path(f'uc{n}', attr, names)} = {_path(f'uf{n}', val.attribute, names)}")
        # Index keys set by an update (a GSI entry that appears) are placed like any key.
        plain = {a: v for a, v in sets.items() if not isinstance(v, CopyOf)}
        for n, (attr, val) in enumerate(sorted(self.handle.place(plain).items())):
            if val is None:
                removes = (*removes, attr)
                continue
            values[f":us{n}"] = val
            set_parts.append(f"{_path(f'us{n}', attr, names)} = :us{n}")
        for n, (attr, delta) in enumerate(sorted(adds.items())):
            values[f":ua{n}"] = delta
            add_parts.append(f"{_path(f'ua{n}', attr, names)} :ua{n}")
        for n, attr in enumerate(removes):
            remove_parts.append(_path(f"ur{n}", attr, names))
        for n, (attr, members) in enumerate(sorted((discards or {}).items())):
            values[f":ud{n}"] = members
            delete_parts.append(f"{_path(f'ud{n}', attr, names)} :ud{n}")
        clauses = [(word, parts) for word, parts in (("SET", set_parts), ("ADD", add_parts),
                                                      ("REMOVE", remove_parts), ("DELETE", delete_parts)) if parts]
        expr = " ".join(f"{word} {', '.join(parts)}" for word, parts in clauses)
        args = {"Key": to_ddb(self.handle.place(key)), "UpdateExpression": expr}
        self._add(kind, args, when, refused, names=names, values=values)

    def _add(self, kind: str, args: dict[str, Any], when: ConditionBase | None, refused: Refusal | None,
             stored: dict[str, Any] | None = None, names: dict[str, str] | None = None,
             values: dict[str, Any] | None = None) -> None:
        names, values = dict(names or {}), dict(values or {})
        if when is not None:
            args["ConditionExpression"] = compile_condition(when, names, values)
        if names:
            args["ExpressionAttributeNames"] = names
        if values:
            args["ExpressionAttributeValues"] = to_ddb(values)
        self.ops.append(_Op(kind, {"TableName": table_name(), **args}, self.handle, refused, stored))

    # --- committing -------------------------------------------------------------------

    def commit(self) -> dict[str, Any] | None:
        """Writes everything or nothing. A lone update returns the item as now stored; a
        lone delete the item it removed (None if there was none); a lone create or put
        returns what it wrote; a transaction returns None."""
        if not self.ops:
            return None
        if len(self.ops) == 1 and self.ops[0].kind != "ConditionCheck":
            return _single(self.ops[0])
        _transact(self.ops)
        return None


def _path(prefix: str, attr: str, names: dict[str, str]) -> str:
    """`settings.invitation_days` names a field inside a map: each part gets a placeholder."""
    parts = []
    for i, part in enumerate(attr.split(".")):
        names[f"#{prefix}_{i}"] = part
        parts.append(f"#{prefix}_{i}")
    return ".".join(parts)


def _single(op: _Op) -> dict[str, Any] | None:
    call = {"Put": ddb().put_item, "Update": ddb().update_item, "Delete": ddb().delete_item}[op.kind]
    extra = {"ReturnValues": {"Update": "ALL_NEW", "Delete": "ALL_OLD"}.get(op.kind, "NONE")}
    if "ConditionExpression" in op.args:
        extra["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    try:
        resp = call(**op.args, **extra)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        raise _refusal([_reason(0, op, {"Code": FAILED, "Item": exc.response.get("Item")})], [op])
    if op.kind in ("Update", "Delete"):
        return op.placer.unplace(from_ddb(resp["Attributes"])) if "Attributes" in resp else None
    return op.stored


def _transact(ops: list[_Op]) -> None:
    items = []
    for op in ops:
        args = dict(op.args)
        if "ConditionExpression" in args:
            args["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
        items.append({op.kind: args})
    try:
        ddb().transact_write_items(TransactItems=items)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "TransactionCanceledException":
            raise
        found = exc.response.get("CancellationReasons", [])
        raise _refusal([_reason(i, op, r) for i, (op, r) in enumerate(zip(ops, found))], ops)


def _reason(index: int, op: _Op, raw: dict[str, Any]) -> Reason:
    old = raw.get("Item")
    key = op.args.get("Key") or {k: v for k, v in op.args["Item"].items() if k in ("PK", "SK")}
    return Reason(index, op.kind, op.placer.unplace(from_ddb(key)), raw.get("Code") or "None",
                  op.placer.unplace(from_ddb(old)) if old else None)


def _refusal(reasons: list[Reason], ops: list[_Op]) -> Exception:
    """The first failed condition a domain explained, else the reasons as data."""
    for reason in reasons:
        if reason.code == FAILED and ops[reason.index].refused is not None:
            return ops[reason.index].refused(reason.old)
    if any(r.code == FAILED for r in reasons):
        return Refused(reasons)
    return Collided(reasons)
