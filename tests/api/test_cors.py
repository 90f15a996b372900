"""CORS: a page on an allowed origin may call the API and read its answers; a preflight
(OPTIONS) for any route answers 204 without authentication; any other origin gets no
CORS header, so its browser keeps every answer from it."""
import pytest

from app import app  # noqa: F401  (registers the routes)
from chalicelib.core.api import every_operation
from chalicelib.core.config import reset_settings

PORTAL, VITE, EVIL = "https://portal.atrium.example", "http://localhost:5173", "https://evil.example"
CORS = "access-control-"


@pytest.fixture(autouse=True)
def origins(monkeypatch, aws):
    monkeypatch.setenv("ATRIUM_ALLOWED_ORIGINS", f"{PORTAL}, {VITE}")
    reset_settings()
    yield
    monkeypatch.undo()
    reset_settings()


def _lower(headers):
    return {k.lower(): v for k, v in headers.items()}


def _preflight(api, path, origin, method="GET"):
    return api.request("OPTIONS", path, headers={"Origin": origin, "Access-Control-Request-Method": method,
                                                 "Access-Control-Request-Headers": "authorization,if-match"})


def _concrete(path):
    return path.replace("{", "").replace("}", "")  # any id will do: a preflight reads nothing


def test_every_route_answers_its_preflight_without_authentication(api):
    paths = {}
    for op in every_operation():
        paths.setdefault(op.path, set()).add(op.method)
    for path, methods in paths.items():
        resp = _preflight(api, _concrete(path), VITE)
        assert resp.status == 204, (path, resp.status, resp.text)
        got = _lower(resp.headers)
        assert got["access-control-allow-origin"] == VITE and got["vary"] == "Origin", path
        assert set(got["access-control-allow-methods"].split(", ")) == methods | {"OPTIONS"}, path
        assert set(got["access-control-allow-headers"].split(", ")) >= {
            "Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key"}
        assert resp.text == ""


def test_answers_name_the_allowed_origin(api, firm):
    me = api.get("/me", token=firm.token, headers={"Origin": PORTAL})
    assert me.status == 200
    got = _lower(me.headers)
    assert got["access-control-allow-origin"] == PORTAL and got["vary"] == "Origin"
    assert "ETag" in got["access-control-expose-headers"]
    refused = _lower(api.get("/me", headers={"Origin": PORTAL}).headers)  # the gateway's own 401
    assert refused["access-control-allow-origin"] == PORTAL
    problem = api.post("/auth/login", {"slug": "nope"}, headers={"Origin": VITE})  # the app's own 400
    assert problem.status == 400 and _lower(problem.headers)["access-control-allow-origin"] == VITE


def test_an_origin_not_allowed_gets_no_cors_headers(api, firm):
    for resp in (_preflight(api, "/me", EVIL), _preflight(api, "/clients/C1", PORTAL + ".evil.example"),
                 api.get("/me", token=firm.token, headers={"Origin": EVIL}),
                 api.get("/me", headers={"Origin": EVIL})):
        got = _lower(resp.headers)
        assert not [h for h in got if h.startswith(CORS)], got
    assert _preflight(api, "/me", EVIL).status == 204
    plain = _lower(api.get("/me", token=firm.token).headers)  # no Origin: not a CORS call at all
    assert not [h for h in plain if h.startswith(CORS)]


def test_a_preflight_of_an_unknown_path_is_the_gateways_refusal(api):
    assert _preflight(api, "/no/such/route", PORTAL).status in (403, 404)
