"""Per-request overhead: requests per second through the in-process API Gateway
(ProblemGateway) for a representative read and write, against a bare Chalice route
making the same DynamoDB calls. The difference is what Atrium adds per request: token
verification, principal, parsing and validation, models, middleware."""
from __future__ import annotations

import time
from typing import Any, Callable

from bench.bare import Recorder, bare_app
from bench.inprocess import world_for

ROUTES = (("GET", "/me", None), ("PATCH", "/firm", {"name": "Northwind Advisory"}))
ROUNDS = 5


def _rate(send: Callable[[], Any], seconds: float, cap: int = 20000) -> tuple[int, float]:
    started, done = time.perf_counter(), 0
    while done < cap and time.perf_counter() - started < seconds:
        send()
        done += 1
    return done, time.perf_counter() - started


def _compare(atrium: Callable[[], Any], bare: Callable[[], Any], seconds: float) -> dict[str, Any]:
    """Short alternating rounds, so a busy machine slows both sides alike."""
    totals = {"atrium": [0, 0.0], "bare": [0, 0.0]}
    for _ in range(ROUNDS):
        for name, send in (("atrium", atrium), ("bare", bare)):
            count, spent = _rate(send, seconds / ROUNDS)
            totals[name][0] += count
            totals[name][1] += spent
    rps = {name: count / spent for name, (count, spent) in totals.items()}
    return {"atrium_rps": round(rps["atrium"], 1), "bare_rps": round(rps["bare"], 1),
            "ratio": round(rps["atrium"] / rps["bare"], 2),
            "overhead_ms": round(1000 / rps["atrium"] - 1000 / rps["bare"], 2)}


def run(seconds: float) -> dict[str, Any]:
    from chalicelib.aws.clients import reset_clients
    from local.gateway import ProblemGateway
    recorder = Recorder()
    reset_clients()  # clients made from now on carry the recorder's hook
    results: dict[str, Any] = {}
    with world_for() as world:
        token = world.firm.token
        scripts = {}
        for method, path, body in ROUTES:
            recorder.on = True
            resp = world.api.request(method, path, json=body, token=token)
            recorder.on = False
            assert resp.status == 200, resp.text
            scripts[(method, path)] = recorder.take()
        bare = ProblemGateway(bare_app(scripts), world.api.gateway._config)
        for method, path, body in ROUTES:
            atrium_call = lambda m=method, p=path, b=body: world.api.request(m, p, json=b, token=token)  # noqa: E731
            bare_call = lambda m=method, p=path: bare.handle_request(  # noqa: E731
                method=m, path=p, headers={"content-type": "application/json"}, body=b"{}")
            assert bare_call()["statusCode"] == 200
            results[f"{method} {path}"] = {"dynamodb": [op for op, _ in scripts[(method, path)]],
                                           **_compare(atrium_call, bare_call, seconds)}
    return results
