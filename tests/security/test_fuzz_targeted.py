"""Targeted fuzzing of the classes of input the schema-driven fuzzer cannot reach: it
only sends what the document describes, while an attacker sends bodies nested thousands
deep, numbers no field can hold, and any characters in headers and cursors.

Each class is drawn against every route it applies to, as the firm's owner with the
world's real ids, so it reaches the code behind authorisation and the 404. Every answer
must be a 4xx problem+json or a success, never a 5xx. Same seed and budget switch as
test_fuzz.py (ATRIUM_FUZZ_SEED, ATRIUM_FUZZ=heavy)."""
from __future__ import annotations

import base64
import json
import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from app import app  # noqa: F401  (registers the routes)
from chalicelib.core.api import every_operation
from tests.security import matrix

HEAVY = os.environ.get("ATRIUM_FUZZ") == "heavy"
SEED = int(os.environ["ATRIUM_FUZZ_SEED"])
OPERATIONS = every_operation()
BUDGET = settings(max_examples=200 if HEAVY else 30, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

WITH_BODY = sorted((op.method, op.path, tuple(op.body.model_fields)) for op in OPERATIONS if op.body and not op.public)
PATCHES = sorted((op.method, op.path) for op in OPERATIONS if op.method == "PATCH")
IDEMPOTENT = sorted((op.method, op.path) for op in OPERATIONS if op.idempotent)
PAGED = sorted(op.path for op in OPERATIONS
               if op.method == "GET" and op.query is not None and "cursor" in op.query.model_fields)

# Any character a header or query string can carry once decoded, surrogates aside.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"), max_size=80)
BEYOND_ASCII = st.text(st.characters(min_codepoint=128, exclude_categories=("Cs",)), min_size=1, max_size=20)
DIGITS_OF_ANY_SCRIPT = st.text(st.characters(categories=("Nd", "No")), min_size=1, max_size=40)
B64 = st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), min_size=1,
              max_size=60)
# A cursor's first part is base64 of JSON, as anyone can see in their own cursors; a forger
# keeps that shape so the request gets past decoding to the signature check.
FORGED_PAYLOAD = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                              lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                            max_size=3),
                              max_leaves=6).map(lambda v: base64.urlsafe_b64encode(json.dumps(v).encode())
                                                .decode().rstrip("="))


@pytest.fixture(scope="module")
def world(worlds):
    return worlds.get(None)


def _send(world, method: str, path: str, *, body: bytes = b"{}", headers: dict[str, str] | None = None,
          query: str = ""):
    """The answer, and where it came from (with the seed that replays it)."""
    url = matrix.concrete_path(world, path) + query
    resp = world.api.request(method, url, body=body, headers=headers, token=world.firm.token)
    where = f"{method} {url[:120]} {str(headers)[:120]} body {body[:80]!r}... (ATRIUM_FUZZ_SEED={SEED})"
    return resp, f"{where}: {resp.status} {resp.text[:300]}"


def _clean(resp) -> bool:
    """No 5xx, and every refusal is a problem document."""
    return resp.status < 500 and (resp.status < 400 or resp.content_type == "application/problem+json")


def _nested(depth: int, opener: str) -> str:
    closer = {"[": "]", '{"a":': "}"}[opener]
    return opener * depth + "1" + closer * depth


@seed(SEED)
@BUDGET
@given(route=st.sampled_from(WITH_BODY), data=st.data(),
       depth=st.integers(0, 12).flatmap(lambda k: st.integers(2 ** k, 2 ** (k + 1))),  # every order of magnitude
       opener=st.sampled_from(["[", '{"a":']))
def test_nesting_depth(world, route, data, depth, opener):
    method, path, fields = route
    field = data.draw(st.sampled_from(fields))
    resp, where = _send(world, method, path, body=f'{{"{field}": {_nested(depth, opener)}}}'.encode())
    assert _clean(resp), where


NUMBERS = st.one_of(
    st.integers(6, 13).flatmap(lambda k: st.integers(2 ** k, 2 ** (k + 1))).map(lambda n: "9" * n),
    st.builds(lambda m, e: f"{m}e{e}", st.integers(-(10 ** 45), 10 ** 45), st.integers(-500, 500)),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "-0", "1E-131", "1E126", "9.99999999999999999999999999999999999999E+125"]),
)


@seed(SEED)
@BUDGET
@given(route=st.sampled_from(WITH_BODY), data=st.data(), number=NUMBERS)
def test_number_size(world, route, data, number):
    method, path, fields = route
    field = data.draw(st.sampled_from(fields))
    resp, where = _send(world, method, path, body=f'{{"{field}": {number}}}'.encode())
    assert _clean(resp), where


@seed(SEED)
@BUDGET
@given(route=st.sampled_from(PATCHES), value=st.one_of(ANY_TEXT, DIGITS_OF_ANY_SCRIPT,
                                                        st.integers(0, 10 ** 60).map(str),
                                                        st.integers(0, 10 ** 60).map(lambda n: f'W/"{n}"')))
def test_if_match_alphabet(world, route, value):
    resp, where = _send(world, *route, headers={"If-Match": value})
    assert _clean(resp), where


@seed(SEED)
@BUDGET
@given(route=st.sampled_from(IDEMPOTENT), value=st.one_of(ANY_TEXT, st.text(min_size=200, max_size=400)))
def test_idempotency_key_alphabet(world, route, value):
    resp, where = _send(world, *route, headers={"Idempotency-Key": value})
    assert _clean(resp), where


@seed(SEED)
@BUDGET
@given(path=st.sampled_from(PAGED),
       cursor=st.one_of(ANY_TEXT, st.builds(lambda a, b, c: f"{a}.{b}{c}", FORGED_PAYLOAD, BEYOND_ASCII, ANY_TEXT),
                        st.builds(lambda a, b: f"{a}.{b}", FORGED_PAYLOAD, ANY_TEXT),
                        st.builds(lambda a, b: f"{a}.{b}", ANY_TEXT, B64)))
def test_cursor_alphabet(world, path, cursor):
    resp, where = _send(world, "GET", path, body=b"", query=f"?cursor={quote(cursor, safe='')}")
    assert _clean(resp), where
