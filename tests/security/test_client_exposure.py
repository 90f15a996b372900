"""BOPLA at the level of models. What a portal user actually receives, on every route
(reads and writes) with canaries planted in the internal fields, is checked by the matrix
(tests/security/test_matrix.py with tests/security/exposure.py); here: the models a
portal user can receive, read from the routes a client may call, declare no internal
field, forbid extra properties in /openapi.json, and every writable internal field
carries a canary in the matrix worlds."""
from __future__ import annotations

import typing
from typing import Any, Iterator

from pydantic import BaseModel

from app import app  # noqa: F401  (registers the routes)
from chalicelib.core import openapi
from chalicelib.core.api import every_operation
from chalicelib.core.principal import CLIENT
from tests.security.exposure import CANARY_VALUES, INTERNAL_FIELDS, leaked_keys
from tests.security.internal_fields import CANARIES, SHARED_METADATA, STAFF_ONLY_BY_MODEL

OPERATIONS = every_operation()
CLIENT_CALLABLE = [op for op in OPERATIONS if op.response is not None and (op.public or CLIENT in op.roles)]


def _members(tp: Any) -> list[Any]:
    """The alternatives of a response type: a route that serves staff and clients answers
    one model per audience."""
    if typing.get_origin(tp) is typing.Annotated:
        return _members(typing.get_args(tp)[0])
    if typing.get_origin(tp) in (typing.Union, getattr(__import__("types"), "UnionType")):
        return [m for arg in typing.get_args(tp) for m in _members(arg)]
    return [tp] if isinstance(tp, type) and issubclass(tp, BaseModel) else []


def _items(model: type[BaseModel]) -> type[BaseModel]:
    """ListOf[X] -> X: the audience is decided per item."""
    items = model.model_fields.get("items")
    inner = _members(typing.get_args(items.annotation)[0]) if items is not None and typing.get_args(items.annotation) else []
    return inner[0] if inner else model


def _fields(model: type[BaseModel]) -> set[str]:
    return set(_items(model).model_fields)


def _audiences(op: Any) -> tuple[list[type[BaseModel]], list[type[BaseModel]]]:
    """(what a portal user may get, staff-only variants). A route that renders per audience
    names both (`client_response`). Otherwise a member that has every field of another
    and more is that one's staff variant (ClientStaffView over ClientClientView); members
    that do not extend each other (a token or a challenge) are all the user's."""
    if op.client_response is not None:
        return _members(op.client_response), _members(op.staff_response)
    members = _members(op.response)
    staff = [m for m in members if any(o is not m and _fields(o) < _fields(m) for o in members)]
    return [m for m in members if m not in staff], staff


def _nested(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> Iterator[type[BaseModel]]:
    seen = set() if seen is None else seen
    if model in seen:
        return
    seen.add(model)
    yield model
    for info in model.model_fields.values():
        for arg in [info.annotation, *typing.get_args(info.annotation)]:
            for inner in _members(arg) + [a for a in typing.get_args(arg) if isinstance(a, type) and issubclass(a, BaseModel)]:
                yield from _nested(inner, seen)


def client_models() -> set[type[BaseModel]]:
    return {n for op in CLIENT_CALLABLE for m in _audiences(op)[0] for n in _nested(m)}


def test_the_client_models_are_found():
    names = {m.__name__ for m in client_models()}
    assert {"ClientClientView", "MeView", "UserView", "InvitationPreview", "FirmPublicView"} <= names, names


def test_no_client_model_declares_an_internal_field():
    declared = {f"{m.__name__}.{f}" for m in client_models() for f in m.model_fields if f in INTERNAL_FIELDS}
    assert not declared, f"models a portal user receives declare internal fields: {sorted(declared)}"


def test_every_field_a_staff_variant_adds_is_listed_as_internal():
    """A route that answers both audiences: what the staff model has beyond the client's."""
    unlisted = set()
    for op in CLIENT_CALLABLE:
        clients, staff_variants = _audiences(op)
        for staff in staff_variants:
            # The nearest client model: one the staff variant extends, else the route's own.
            client = max([c for c in clients if _fields(c) < _fields(staff)] or clients, key=lambda c: len(_fields(c)))
            known = STAFF_ONLY_BY_MODEL.get(_items(staff).__name__, frozenset())
            unlisted |= {f"{_items(staff).__name__}.{f}" for f in _fields(staff) - _fields(client)
                         - SHARED_METADATA - INTERNAL_FIELDS - known}
    assert not unlisted, f"staff-only fields missing from tests/security/internal_fields.py: {sorted(unlisted)}"


def test_client_models_forbid_extra_properties_in_the_document():
    schemas = openapi.build()["components"]["schemas"]
    open_ended = sorted(name for name, schema in schemas.items()
                        if any(name == m.__name__ or name.endswith(f"[{m.__name__}]") for m in client_models())
                        and schema.get("type") == "object" and schema.get("additionalProperties") is not False)
    assert not open_ended, f"client models that allow undeclared properties: {open_ended}"


def test_every_writable_internal_field_gets_a_canary():
    writable = {f for op in OPERATIONS if op.body is not None for m in _nested(op.body) for f in m.model_fields
                if f in INTERNAL_FIELDS and not f.endswith("_id")}
    planted = {f for body in CANARIES.values() for f in body}
    assert writable <= planted, f"internal fields no canary is planted in: {sorted(writable - planted)}"
    for body in CANARIES.values():
        assert all(any(c in str(v) for c in CANARY_VALUES) for v in body.values()), body


def test_the_key_check_finds_a_nested_internal_field():
    assert list(leaked_keys({"items": [{"id": "x", "profile": {"notes": "n"}}]})) == ["$.items[0].profile.notes"]
