"""The handles domain code reads and writes through. A `FirmStore` is bound to one firm:
every key it is given is firm-relative (see `keys`), and it prefixes `F#<firm_id>#` to each
partition key on the way out and strips it on the way back, so a service cannot name
another firm's item. `Platform` is the one handle for the few `P#` items that belong to no
firm; its name makes every such use easy to find."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Protocol

from chalicelib.core.pagination import decode_carried, decode_cursor, encode_cursor
from chalicelib.store import platform_keys
from chalicelib.store.wire import ddb, from_ddb, table_name, to_ddb
from chalicelib.store.work import HEAD, Work
from chalicelib.store.conditions import Attr, ConditionBase, compile_condition

PARTITION_ATTRS = ("PK", "GSI1PK", "GSI2PK")


class HasFirm(Protocol):
    firm_id: str


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None
    # What the cursor this page was asked with carried from the first page (`query(carry=)`).
    carried: dict[str, Any] = field(default_factory=dict)


class Handle:
    """Reads shared by both handles; `place` and `unplace` say where keys live."""

    def place(self, key: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def unplace(self, item: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def partition(self, name: str) -> str:
        return self.place({"PK": name})["PK"]

    def get(self, key: dict[str, str], consistent: bool = False) -> dict[str, Any] | None:
        found = ddb().get_item(TableName=table_name(), Key=to_ddb(self.place(key)), ConsistentRead=consistent)
        return self.unplace(from_ddb(found["Item"])) if "Item" in found else None

    def get_many(self, keys: list[dict[str, str]], consistent: bool = False) -> list[dict[str, Any]]:
        """BatchGetItem for screens that show several known items; order is not kept.
        `consistent` for a use case that must see the latest write (finalising an upload)."""
        out: list[dict[str, Any]] = []
        unique = list({(k["PK"], k["SK"]): k for k in keys}.values())
        for start in range(0, len(unique), 100):
            request = {table_name(): {"Keys": [to_ddb(self.place(k)) for k in unique[start:start + 100]],
                                      **({"ConsistentRead": True} if consistent else {})}}
            while request:
                resp = ddb().batch_get_item(RequestItems=request)
                out.extend(self.unplace(from_ddb(i)) for i in resp["Responses"].get(table_name(), []))
                request = resp.get("UnprocessedKeys") or {}
        return out

    def query(self, partition: str, *, index: str | None = None, sk_prefix: str | None = None,
              sk_between: tuple[str, str] | None = None, newest_first: bool = False,
              where: ConditionBase | None = None, limit: int = 50, cursor: str | None = None,
              carry: Callable[[list[dict[str, Any]]], dict[str, Any]] | None = None) -> Page:
        """One Query per page. The cursor is bound to this exact list (handle, partition,
        index, range and filter), so it fits nowhere else. `where` narrows a page without
        extra calls; `sk_between` (inclusive) serves sort keys that begin with a time.
        What `carry` takes from a page's items goes into its next cursor (signed) and
        comes back as every later page's `carried`: what they would otherwise read again."""
        args, list_id = self._query_args(partition, index, sk_prefix, sk_between, newest_first, where, limit)
        items, last = self._query_page(args, decode_cursor(cursor, list_id))
        carried = decode_carried(cursor, list_id)
        return Page(items, encode_cursor(last, list_id, carry(items) if carry else carried), carried)

    def _query_args(self, partition: str, index: str | None, sk_prefix: str | None,
                    sk_between: tuple[str, str] | None, newest_first: bool, where: ConditionBase | None,
                    limit: int) -> tuple[dict[str, Any], str]:
        pk_name, sk_name = (f"{index}PK", f"{index}SK") if index else ("PK", "SK")
        names, values = {"#pk": pk_name}, {":pk": self.partition(partition)}
        expr = "#pk = :pk"
        if sk_prefix is not None:
            expr += " AND begins_with(#sk, :sk)"
            names["#sk"], values[":sk"] = sk_name, sk_prefix
        elif sk_between:
            expr += " AND #sk BETWEEN :lo AND :hi"
            names["#sk"] = sk_name
            values[":lo"], values[":hi"] = sk_between
        args: dict[str, Any] = {"TableName": table_name(), "KeyConditionExpression": expr, "Limit": limit,
                                "ScanIndexForward": not newest_first}
        if index:
            args["IndexName"] = index
        if where is not None:
            args["FilterExpression"] = compile_condition(where, names, values)
        args["ExpressionAttributeNames"], args["ExpressionAttributeValues"] = names, to_ddb(values)
        return args, repr((values, expr, args.get("FilterExpression"), index, newest_first))

    def _query_page(self, args: dict[str, Any], start: dict[str, Any] | None
                    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        resp = ddb().query(**args, **({"ExclusiveStartKey": to_ddb(start)} if start else {}))
        last = from_ddb(resp["LastEvaluatedKey"]) if "LastEvaluatedKey" in resp else None
        return [self.unplace(from_ddb(i)) for i in resp.get("Items", [])], last

    def headed_page(self, partition: str, *, index: str, where: ConditionBase | None = None, limit: int = 50,
                    cursor: str | None = None) -> tuple[bool | None, Page]:
        """A page, newest first, of a list whose owner wrote a head item into it
        (`keys.LIST_HEAD`, type `list_head`). Returns the page without the head and, for a
        first page, whether the head was there: the owner's existence, with no read of it.
        Later pages return None for it (their cursor already proves the list)."""
        is_head = Attr("type").eq(HEAD)
        page = self.query(partition, index=index, newest_first=True, where=where | is_head if where else None,
                          limit=limit + (0 if cursor else 1), cursor=cursor)
        entries = [i for i in page.items if i.get("type") != HEAD]
        return (None if cursor else len(entries) < len(page.items)), Page(entries, page.next_cursor)

    def query_all(self, partition: str, *, index: str | None = None, sk_prefix: str | None = None,
                  sk_between: tuple[str, str] | None = None, newest_first: bool = False,
                  where: ConditionBase | None = None, limit: int = 50) -> Iterator[dict[str, Any]]:
        """Every item of a query, still one Query per page: for jobs and reports that must
        see the whole (bounded) range rather than hand a cursor back. The position never
        leaves the process, so it is not signed: a job needs no signing key to page."""
        args, _ = self._query_args(partition, index, sk_prefix, sk_between, newest_first, where, limit)
        start = None
        while True:
            items, start = self._query_page(args, start)
            yield from items
            if not start:
                return

    def work(self) -> Work:
        """A unit of work whose keys this handle places (and `work.platform` for `P#` items)."""
        return Work(self, Platform())


class FirmStore(Handle):
    """Everything one firm owns. Request code gets it from the principal (`of`); jobs and
    public flows that learnt the firm from a platform item or a signed token use
    `trusted`, which says so at the call site."""

    def __init__(self, firm_id: str) -> None:
        if not firm_id or "#" in firm_id:
            raise ValueError("a firm id names one firm")
        self.firm_id = firm_id
        self.prefix = f"F#{firm_id}#"

    @classmethod
    def of(cls, principal: HasFirm) -> "FirmStore":
        return cls(principal.firm_id)

    @classmethod
    def trusted(cls, firm_id: str) -> "FirmStore":
        return cls(firm_id)

    def place(self, key: dict[str, Any]) -> dict[str, Any]:
        return {k: f"{self.prefix}{v}" if k in PARTITION_ATTRS and v is not None else v for k, v in key.items()}

    def unplace(self, item: dict[str, Any]) -> dict[str, Any]:
        return {k: v.removeprefix(self.prefix) if k in PARTITION_ATTRS and isinstance(v, str) else v
                for k, v in item.items()}


class Platform(Handle):
    """The `P#` items: slug claims and the list of inviting firms. Nothing else."""

    def place(self, key: dict[str, Any]) -> dict[str, Any]:
        for attr in PARTITION_ATTRS:
            if key.get(attr) is not None and not key[attr].startswith(platform_keys.PREFIX):
                raise ValueError(f"not a platform key: {key[attr]}")
        return dict(key)

    def unplace(self, item: dict[str, Any]) -> dict[str, Any]:
        return item
