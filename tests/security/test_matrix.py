"""Every route x every persona answers with the status the matrix expects, a status
/openapi.json documents for it, and problem+json when it refuses."""
from __future__ import annotations

import pytest

from app import app  # noqa: F401  (registers every route in OPERATIONS)
from chalicelib.core import openapi
from chalicelib.core.api import OPERATIONS
from tests.security import matrix
from tests.security.world import PERSONAS

EXPECTED = matrix.expected()


def world_key(route: matrix.Route) -> matrix.Route | None:
    """Reads change nothing, so they share one world; each write route has its own."""
    return None if route[0] == "GET" else route


# Reads first, so their shared world is built once.
CASES = [pytest.param(route, persona, id=f"{route[0]} {route[1]} as {persona}")
         for route in sorted(EXPECTED, key=lambda r: (r[0] != "GET", r)) for persona in PERSONAS]
PROBLEM = "application/problem+json"


def test_every_route_has_a_complete_row():
    routes = {(op.method, op.path) for op in OPERATIONS}
    missing = sorted(routes - set(EXPECTED))
    stale = sorted(set(EXPECTED) - routes)
    incomplete = {route: sorted(set(PERSONAS) ^ set(row)) for route, row in EXPECTED.items()
                  if set(row) != set(PERSONAS)}
    assert not missing, f"routes without a row in tests/security/matrix/<domain>.py: {missing}"
    assert not stale, f"rows for routes that no longer exist: {stale}"
    assert not incomplete, f"rows whose personas differ from {PERSONAS}: {incomplete}"


@pytest.mark.parametrize(("route", "persona"), CASES)
def test_access(worlds, route, persona):
    world = worlds.get(world_key(route))
    token = world.token(persona)
    if persona != "anonymous" and token is None:
        pytest.skip(f"no {persona} login in the world: no matrix setup signs one in yet "
                    "(client personas arrive with tests/security/matrix/clients.py)")
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
