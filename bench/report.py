"""The benchmark results as plain-text tables for the terminal."""
from __future__ import annotations

from typing import Any


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    cells = [headers] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def tour(data: dict[str, Any]) -> str:
    rows = []
    for r in data["routes"]:
        if "skipped" in r:
            rows.append([r["route"], r.get("persona") or "-", "-", "-", r["budget"], "skipped", r["skipped"][:60]])
            continue
        verdict = "OVER" if r.get("over_allowance") else "listed" if r["over_budget"] else "ok"
        if not 200 <= r["status"] < 300:
            verdict = "not 2xx"
        rows.append([r["route"], r["persona"], r["status"], r["dynamodb_calls"], r["budget"], verdict,
                     ", ".join(r["dynamodb"])])
    head = ("DynamoDB round trips per route, counted at the HTTP send (budget: 1 call, +1 principal GetItem "
            "when signed in)")
    listed = "\n".join(f"  {o['route']} (up to {o['calls']}): {o['reason']}" for o in data.get("allowed_over", []))
    foot = (f"over budget without a reason: {', '.join(data.get('over_without_reason', [])) or 'none'}\n"
            f"routes allowed over budget (bench/budget.py), each with its reason:\n{listed}")
    return f"{head}\n{_table(['route', 'as', 'status', 'calls', 'budget', 'verdict', 'DynamoDB'], rows)}\n{foot}"


def coldstart(data: dict[str, Any]) -> str:
    heavy = ", ".join(f"{k} {v} ms" for k, v in data["heaviest_packages_ms"].items())
    return (f"Cold start (median of {data['runs']} fresh processes, the app compiled as packaged): "
            f"import app {data['app_ms']} ms, import boto3 {data['boto3_ms']} ms, ratio x{data['ratio']}\n"
            f"  import app and the first request's domain ({data['first_request_domain']}): "
            f"{data['first_request_ms']} ms, x{data['first_request_ratio']}\n"
            f"  heaviest in that first request's imports: {heavy}")


def overhead(data: dict[str, Any]) -> str:
    rows = [[route, r["atrium_rps"], r["bare_rps"], f"x{r['ratio']}", f"+{r['overhead_ms']}", ", ".join(r["dynamodb"])]
            for route, r in data.items()]
    return "Per-request overhead (in-process gateway, same DynamoDB calls)\n" + _table(
        ["route", "atrium req/s", "bare req/s", "ratio", "ms/request", "DynamoDB"], rows)


def scale(data: dict[str, Any]) -> str:
    rows = []
    for path, r in data.items():
        if "skipped" in r:
            rows.append([path, "skipped", r["skipped"], "", "", "", ""])
            continue
        small, large = [k for k in r if k.isdigit()]
        for page in r[small]:
            a, b = r[small][page], r[large][page]
            rows.append([f"GET {path} ({page} page)", f"{a['dynamodb_calls']} / {b['dynamodb_calls']}",
                         f"{a['total_ms']} / {b['total_ms']}", f"{a['app_ms']} / {b['app_ms']}",
                         r["same_calls"], f"x{r['total_ratio']}", f"x{r['app_ratio']}"])
    sizes = next((f"{a} vs {b}" for r in data.values() if "skipped" not in r
                  for a, b in [[k for k in r if k.isdigit()]]), "")
    return f"Scale ({sizes} entries; total includes the mock's own index walk)\n" + _table(
        ["list", "calls", "total ms", "app ms", "same calls", "total ratio", "app ratio"], rows)


def load(data: dict[str, Any]) -> str:
    rows = [[kind, p.get("count"), p.get("p50_ms", "-"), p.get("p95_ms", "-"), p.get("p99_ms", "-")]
            for kind, p in (("all", data["all"]), ("read", data["read"]), ("write", data["write"]))]
    head = (f"Load: {data['clients']} clients x {data['seconds']} s over HTTP on the local stack: "
            f"{data['requests']} requests, {data['rps']} req/s, {data['errors']} errors")
    created = data["creates_acknowledged"]
    foot = (f"nothing lost: {data['nothing_lost']} ({created} creates listed back, {data['renames_checked']} "
            f"last renames read back, {created - data['invitations_undelivered']}/{created} invitations delivered)")
    return f"{head}\n{_table(['requests', 'count', 'p50 ms', 'p95 ms', 'p99 ms'], rows)}\n{foot}"


def render(results: dict[str, Any]) -> str:
    writers = {"tour": tour, "coldstart": coldstart, "overhead": overhead, "scale": scale, "load": load}
    parts = [writers[name](results[name]) for name in writers if name in results]
    return "\n\n".join(parts)
