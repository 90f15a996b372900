"""BOPLA: a portal user's responses never carry internal fields (tags, internal notes,
staff-only items), neither by key nor by value."""
from __future__ import annotations

import importlib
import pkgutil
from typing import Any, Iterator

import pytest
from pydantic import BaseModel

import chalicelib
from app import app  # noqa: F401  (registers every route in OPERATIONS)
from chalicelib.core.api import OPERATIONS
from tests.security import matrix
from tests.security.internal_fields import CANARIES, CANARY_VALUES, INTERNAL_FIELDS, SHARED_METADATA

CLIENT_PERSONAS = ("client_member", "client_outsider")
# The API's own description names every field of every model; it is documentation, not data.
READS = sorted({(op.method, op.path) for op in OPERATIONS if op.method == "GET" and op.tag != "Docs"})


def leaked_keys(value: Any, where: str = "$") -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in INTERNAL_FIELDS:
                yield f"{where}.{key}"
            yield from leaked_keys(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from leaked_keys(inner, f"{where}[{n}]")


def plant_canaries(world) -> None:
    routes = {(op.method, op.path) for op in OPERATIONS}
    for (method, path), body in CANARIES.items():
        try:
            url = path.format(**world.ids)
        except KeyError:
            continue  # the resource it marks is not in the world yet
        if (method, path) in routes:
            resp = world.api.request(method, url, json=body, token=world.firm.token)
            assert resp.status < 300, f"planting {method} {url}: {resp.status} {resp.text[:300]}"


@pytest.fixture(scope="module")
def client_world(worlds):
    world = worlds.get(None)
    plant_canaries(world)
    return world


@pytest.mark.parametrize("persona", CLIENT_PERSONAS)
@pytest.mark.parametrize("route", READS, ids=[f"{m} {p}" for m, p in READS])
def test_client_sees_no_internal_field(client_world, route, persona):
    token = client_world.token(persona)
    if token is None:
        pytest.skip(f"no {persona} login in the world yet (it arrives with tests/security/matrix/clients.py)")
    url = matrix.concrete_path(client_world, route[1])
    resp = client_world.api.get(url, token=token)
    assert resp.status < 500, resp.text[:400]
    if "json" in resp.content_type:
        assert not list(leaked_keys(resp.json)), f"GET {url} as {persona} shows internal fields: {resp.text[:600]}"
    leaked = [v for v in CANARY_VALUES if v in resp.text]
    assert not leaked, f"GET {url} as {persona} shows staff-only values {leaked}: {resp.text[:600]}"


def _model_modules() -> Iterator[Any]:
    for info in pkgutil.walk_packages(chalicelib.__path__, "chalicelib."):
        if info.name.endswith(".models"):
            yield importlib.import_module(info.name)


def _view_pairs() -> Iterator[tuple[type[BaseModel], type[BaseModel]]]:
    for module in _model_modules():
        for name, staff in vars(module).items():
            client = getattr(module, name.replace("StaffView", "ClientView"), None)
            if name.endswith("StaffView") and isinstance(client, type) and issubclass(client, BaseModel):
                yield staff, client


def test_every_staff_only_field_is_listed_as_internal():
    unlisted = {f"{staff.__name__}.{field}"
                for staff, client in _view_pairs()
                for field in set(staff.model_fields) - set(client.model_fields) - SHARED_METADATA
                if field not in INTERNAL_FIELDS}
    assert not unlisted, f"staff-only fields missing from tests/security/internal_fields.py: {sorted(unlisted)}"


def test_no_client_view_declares_an_internal_field():
    declared = {f"{client.__name__}.{field}" for _, client in _view_pairs()
                for field in client.model_fields if field in INTERNAL_FIELDS}
    assert not declared, f"client views declare internal fields: {sorted(declared)}"
