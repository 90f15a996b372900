"""Every route x every persona answers with the status the matrix expects, a status
/openapi.json documents for it, and problem+json when it refuses; and an answer it
accepts carries nothing of another firm or, for a portal user, of another client or of
the firm's internal fields (tests/security/exposure.py)."""
from __future__ import annotations

import pytest

from app import app
from chalicelib.core import openapi
from chalicelib.core.api import every_operation
from tests.security import exposure, matrix
from tests.security.world import PERSONAS

OPERATIONS = every_operation()
EXPECTED = matrix.expected()


def world_key(route: matrix.Route) -> matrix.Route | None:
    """Reads change nothing, so they share one world; each write route has its own."""
    return None if route[0] == "GET" else route


# Reads first, so their shared world is built once.
CASES = [pytest.param(route, persona, id=f"{route[0]} {route[1]} as {persona}")
         for route in sorted(EXPECTED, key=lambda r: (r[0] != "GET", r)) for persona in PERSONAS]
PROBLEM = "application/problem+json"


PUBLIC = {(op.method, op.path) for op in OPERATIONS if op.public}
# The API's description names every field of every model; it is documentation, not data.
DESCRIBES = {(op.method, op.path) for op in OPERATIONS if op.tag == "Docs"}


def served_routes() -> set[matrix.Route]:
    """What the Chalice app itself serves, however a route was registered."""
    return {(method, path) for path, methods in app.routes.items() for method in methods}


def test_every_served_route_is_documented():
    undocumented = sorted(served_routes() - {(op.method, op.path) for op in OPERATIONS})
    assert not undocumented, f"routes registered outside Api.route (no OpenAPI, no matrix): {undocumented}"


def test_every_route_has_a_complete_row():
    routes = served_routes()
    missing = sorted(routes - set(EXPECTED))
    stale = sorted(set(EXPECTED) - routes)
    incomplete = {route: sorted(set(PERSONAS) ^ set(row)) for route, row in EXPECTED.items()
                  if set(row) != set(PERSONAS)}
    assert not missing, f"routes without a row in tests/security/matrix/<domain>.py: {missing}"
    assert not stale, f"rows for routes that no longer exist: {stale}"
    assert not incomplete, f"rows whose personas differ from {PERSONAS}: {incomplete}"


def test_the_body_check_sees_what_must_not_be_there(worlds):
    """The check itself can fail: another firm's client id, another client's name, a
    canary in an internal field, an internal field's name."""
    from tests.support import Resp
    world = worlds.get(None)
    outsider = next(iter(world.scopes.own_clients["client_outsider"]))
    member_client = world.ids["client_id"]
    answers = {
        ("other_owner", member_client): ("GET", "/clients"),
        ("client_member", outsider): ("GET", "/clients"),
        ("owner", "zz-canary-southbank-note"): ("GET", "/clients"),
        ("client_member", "zz-canary-internal-note"): ("GET", "/clients/{client_id}"),
        ("client_member", '", "tags": []'): ("GET", "/me"),
    }
    for (persona, value), route in answers.items():
        leak = Resp(200, {"Content-Type": "application/json"}, '{"items": [{"id": "%s"}]}' % value
                    if not value.startswith('"') else '{"id": "x%s}' % value)
        with pytest.raises(AssertionError):
            assert_nothing_foreign(world, route, persona, leak)


@pytest.mark.parametrize(("route", "persona"), CASES)
def test_access(worlds, route, persona):
    world = worlds.get(world_key(route))
    token = world.token(persona)
    assert persona == "anonymous" or token is not None, f"no {persona} login in the world: a matrix setup must sign one in"
    method, path = route
    url = matrix.concrete_path(world, path)
    matrix.prepare(world, route)
    resp = world.api.request(method, url, json=matrix.body_for(world, route), token=token)
    want = EXPECTED[route][persona]
    assert resp.status == want, f"{method} {url} as {persona}: expected {want}, got {resp.status}: {resp.text[:400]}"
    if resp.status >= 400:
        assert resp.content_type == PROBLEM, f"{method} {url} as {persona}: {resp.content_type}"
    documented = openapi.build()["paths"][path][method.lower()]["responses"]
    assert str(resp.status) in documented, f"{method} {path} answers {resp.status}, not among {sorted(documented)}"
    if 200 <= resp.status < 300:
        assert_nothing_foreign(world, route, persona, resp)


def assert_nothing_foreign(world, route: matrix.Route, persona: str, resp) -> None:
    where = f"{route[0]} {route[1]} as {persona}"
    leaked = sorted(v for v in exposure.foreign(world.scopes, persona, route in PUBLIC) if v in resp.text)
    assert not leaked, f"{where} answers with values it must not see {leaked}: {resp.text[:600]}"
    if persona in exposure.CLIENT_PERSONAS and route not in DESCRIBES and "json" in resp.content_type:
        keys = list(exposure.leaked_keys(resp.json))
        assert not keys, f"{where} shows internal fields {keys}: {resp.text[:600]}"
