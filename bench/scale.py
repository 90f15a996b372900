"""Scale: each list route (a GET without path parameters that pages with a cursor and has
a POST on the same path: /staff, /clients) at a small and a large number of entries.
A list page must make the same DynamoDB calls at both sizes, and Atrium's own time per
page must stay flat.

Entries are made fast (seeding.py). moto answers an index Query by walking the whole
table, so the total time per page grows with the table there (it does not in DynamoDB);
the time outside AWS calls is Atrium's part, and its ratio is the one that matters."""
from __future__ import annotations

import gc
import statistics
import time
from typing import Any
from urllib.parse import quote

from bench import seeding
from bench.calls import AwsCalls
from bench.inprocess import world_for
from tests.security import matrix

PAGE = 50
REPEAT = 7


def list_routes() -> list[str]:
    from app import app  # noqa: F401  (registers the routes)
    from chalicelib.core.api import every_operation
    operations = every_operation()
    posts = {op.path for op in operations if op.method == "POST"}
    return [op.path for op in operations
            if op.method == "GET" and "{" not in op.path and op.path in posts
            and op.query is not None and "cursor" in op.query.model_fields]


def _timed_get(world: Any, url: str, calls: AwsCalls) -> tuple[Any, float]:
    calls.reset()
    started = time.perf_counter()
    resp = world.api.get(url, token=world.firm.token)
    elapsed = time.perf_counter() - started
    assert resp.status == 200, f"GET {url}: {resp.status} {resp.text[:300]}"
    return resp, elapsed


def _page_costs(world: Any, url: str, calls: AwsCalls) -> dict[str, Any]:
    totals, apps, counts, items = [], [], set(), 0
    for _ in range(REPEAT):
        resp, elapsed = _timed_get(world, url, calls)
        totals.append(elapsed)
        apps.append(elapsed - calls.seconds())
        counts.add(len(calls.of("dynamodb")))
        items = len(resp.json["items"])
    return {"dynamodb_calls": sorted(counts), "items": items,
            "total_ms": round(statistics.median(totals) * 1000, 2), "app_ms": round(statistics.median(apps) * 1000, 2)}


def _measure(world: Any, path: str, calls: AwsCalls) -> dict[str, Any]:
    """The first page, and the page a cursor leads to."""
    first, _ = _timed_get(world, f"{path}?limit={PAGE}", calls)
    cursor = first.json.get("next_cursor")
    pages = {"first": _page_costs(world, f"{path}?limit={PAGE}", calls)}
    if cursor:
        pages["next"] = _page_costs(world, f"{path}?limit={PAGE}&cursor={quote(cursor)}", calls)
    return pages


def _ratios(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    same_calls = all(small[p]["dynamodb_calls"] == large[p]["dynamodb_calls"] for p in small if p in large)
    ratio = lambda key: round(statistics.mean(large[p][key] / small[p][key] for p in small if p in large), 2)  # noqa: E731
    return {"same_calls": same_calls, "total_ratio": ratio("total_ms"), "app_ratio": ratio("app_ms")}


def _scale_one(path: str, sizes: tuple[int, int], calls: AwsCalls) -> dict[str, Any]:
    from chalicelib.aws.clients import client
    from chalicelib.core.config import settings
    with world_for(("POST", path)) as world:
        ddb, table = client("dynamodb"), settings().table
        template = seeding.template(world, path, ddb, table)
        listed = len(world.api.get(f"{path}?limit=200", token=world.firm.token).json["items"])
        results: dict[str, Any] = {}
        for size in sizes:
            seeding.grow(ddb, table, template, size - listed)
            listed = size
            # The mock's table lives in this process's heap; frozen, its items no longer
            # make each garbage collection slower, as they would not in Lambda.
            gc.collect()
            gc.freeze()
            try:
                results[str(size)] = _measure(world, path, calls)
            finally:
                gc.unfreeze()
    small, large = (results[str(s)] for s in sizes)
    return {**results, **_ratios(small, large)}


def run(calls: AwsCalls, sizes: tuple[int, int]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for path in list_routes():
        if matrix.owner_of(("POST", path)) is None:
            results[path] = {"skipped": f"no matrix module describes POST {path} yet"}
            continue
        results[path] = _scale_one(path, sizes, calls)
    return results
