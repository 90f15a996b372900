"""DynamoDB round trips per route: every route in the route table is called once, in a
world of its own, as a persona the matrix expects to succeed, and the DynamoDB calls the
request makes are counted. A write whose callers give back what an earlier answer
sealed is called with it (bench/given_back.py), as the web portal calls it.

The budget and the routes allowed over it, each with its reason, are in bench/budget.py;
calls are counted at the HTTP send, so retries show."""
from __future__ import annotations

from typing import Any

from bench import budget, given_back
from bench.calls import AwsCalls
from bench.inprocess import world_for
from tests.security import matrix

# Who to call as: no token when the route is open to all, else the most privileged
# persona the matrix expects to succeed.
PREFERENCE = ("anonymous", "owner", "admin", "staff", "client_member", "client_outsider", "other_owner")


def _persona(op: Any, row: dict[str, int]) -> str | None:
    if not row:  # no matrix row yet: guess from the route's declared roles
        return "anonymous" if op.public else "owner" if "owner" in op.roles else "client_member"
    return next((p for p in PREFERENCE if 200 <= row.get(p, 0) < 300), None)


def _visit(calls: AwsCalls, op: Any, row: dict[str, int]) -> dict[str, Any]:
    route = (op.method, op.path)
    persona = _persona(op, row)
    entry: dict[str, Any] = {"route": f"{op.method} {op.path}", "persona": persona,
                             "kind": "read" if op.method == "GET" else "write", "budget": budget.budget(op.public),
                             "allowed": budget.allowance(op.method, op.path, op.public)}
    if persona is None:
        return {**entry, "skipped": "no persona may call it"}
    with world_for(route) as world:
        token = world.token(persona)
        if persona != "anonymous" and token is None:
            return {**entry, "skipped": f"no {persona} in the world yet"}
        try:
            url = matrix.concrete_path(world, op.path)
        except AssertionError as missing:
            return {**entry, "skipped": str(missing)}
        matrix.prepare(world, route)
        url, body = given_back.request(world, route, token, url, matrix.body_for(world, route))
        calls.reset()
        resp = world.api.request(op.method, url, json=body, token=token)
        dynamo = calls.of("dynamodb")
        others = sorted({f"{c.service}:{c.operation}" for c in calls.calls if c.service != "dynamodb"})
    return {**entry, "status": resp.status, "given_back": route in given_back.GIVEN_BACK,
            "dynamodb_calls": len(dynamo), "dynamodb": dynamo,
            "other_aws": others, "over_budget": len(dynamo) > entry["budget"],
            "reason": budget.reason(op.method, op.path) if len(dynamo) > entry["budget"] else None,
            "over_allowance": len(dynamo) > entry["allowed"]}


def run(calls: AwsCalls) -> dict[str, Any]:
    from app import app  # noqa: F401  (registers the routes)
    from chalicelib.core.api import every_operation
    expected = matrix.expected()
    routes = [_visit(calls, op, expected.get((op.method, op.path), {})) for op in every_operation()]
    over = [r["route"] for r in routes if r.get("over_budget")]
    unexplained = [r["route"] for r in routes if r.get("over_allowance")]
    failed = [r["route"] for r in routes if "status" in r and not 200 <= r["status"] < 300]
    return {"routes": routes, "over_budget": over, "over_without_reason": unexplained, "not_2xx": failed,
            "allowed_over": budget.listed()}
