"""Inputs that crashed the API with a 500 (or went through when they must not), each a
small reproducer kept as a regression test: a hostile body, header or cursor answers a
clear problem+json 4xx, and nothing changes."""
from __future__ import annotations

import json

import pytest

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def world(worlds):
    return worlds.get(None)


def _answer(resp) -> tuple[int, str]:
    return resp.status, resp.content_type


def _raw_patch(world, path: str, raw: str, headers: dict[str, str] | None = None):
    return world.api.request("PATCH", path, body=raw.encode(), token=world.firm.token, headers=headers)


def _firm_name(world) -> str:
    return world.api.get("/firm", token=world.firm.token).json["name"]


@pytest.mark.parametrize("depth", [33, 5000], ids=["beyond the limit", "beyond the parser"])
def test_a_deeply_nested_body_is_400(world, depth):
    before = _firm_name(world)
    assert _answer(_raw_patch(world, "/firm", '{"name": "X", "branding": ' + "[" * depth + "]" * depth + "}")) == (400, PROBLEM)
    assert _firm_name(world) == before


@pytest.mark.parametrize("number", ["9" * 5000, "1e400", "-1e400", "1e-200", "NaN", "Infinity", "1" * 39],
                         ids=["beyond Python's int parsing", "overflows a float", "overflows negative",
                              "below DynamoDB's smallest", "NaN", "Infinity", "39 digits"])
def test_a_number_dynamodb_cannot_store_is_400(world, number):
    before = world.api.get("/firm", token=world.firm.token).json["settings"]
    assert _answer(_raw_patch(world, "/firm", '{"settings": {"invitation_days": %s}}' % number)) == (400, PROBLEM)
    assert world.api.get("/firm", token=world.firm.token).json["settings"] == before


@pytest.mark.parametrize("value", ['"\u00b2"', '"\u0663"', "9" * 5000, '"' + "1" * 39 + '"', "W/\"1\u0301\""],
                         ids=["superscript digit", "arabic-indic digit", "over-long", "beyond DynamoDB", "combining"])
def test_an_if_match_that_is_no_version_of_ours_is_400(world, value):
    before = _firm_name(world)
    resp = _raw_patch(world, "/firm", json.dumps({"name": "Renamed By If-Match"}), headers={"If-Match": value})
    assert _answer(resp) == (400, PROBLEM)
    assert _firm_name(world) == before


@pytest.mark.parametrize("cursor", ["\u00e9.x", "abc.d\u00e9f", "e30.\u0661", "W10.AAAA"],
                         ids=["non-ASCII body", "non-ASCII signature", "arabic digit", "forged"])
def test_a_cursor_that_is_not_ours_is_400(world, cursor):
    from urllib.parse import quote
    assert _answer(world.api.get(f"/clients?cursor={quote(cursor)}", token=world.firm.token)) == (400, PROBLEM)


def test_an_unknown_challenge_session_is_401(world):
    resp = world.api.post("/auth/challenge", {"slug": world.firm.slug, "email": world.firm.owner_email,
                                              "session": "not-a-session-of-this-pool",
                                              "new_password": "Another-Pass-2468"})
    assert _answer(resp) == (401, PROBLEM)


def test_a_challenge_session_cognito_could_not_hold_is_400_and_an_unknown_one_401(world):
    """The code answer once sent a one-character session on to Cognito, whose client
    refused it before sending (a 500); the document now gives Cognito's bounds."""
    answer = {"slug": world.firm.slug, "email": world.firm.owner_email, "code": "000000"}
    assert _answer(world.api.post("/auth/challenge", {**answer, "session": "0"})) == (400, PROBLEM)
    assert _answer(world.api.post("/auth/challenge", {**answer, "session": "0" * 2049})) == (400, PROBLEM)
    assert _answer(world.api.post("/auth/challenge", {**answer, "session": "0" * 20})) == (401, PROBLEM)


@pytest.mark.parametrize("name", ["Support\u0000", "Pay\u202eyaP", "Ann\u2066a", "Line\nbreak", "Bell\u0007",
                                  "C1\u0085control"],
                         ids=["NUL", "right-to-left override", "isolate", "line feed", "bell", "C1 control"])
def test_display_text_refuses_control_and_bidi_characters(world, name):
    before = _firm_name(world)
    assert _answer(world.api.patch("/firm", {"name": name}, token=world.firm.token)) == (400, PROBLEM)
    assert _answer(world.api.post("/staff", {"name": name, "email": "spoof@northwind.example"}, token=world.firm.token)) == (400, PROBLEM)
    assert _firm_name(world) == before


def test_notes_keep_line_breaks_but_refuse_other_controls(world):
    client_id = world.ids["client_id"]
    ok = world.api.patch(f"/clients/{client_id}", {"notes": "Line one\nLine two\tend"}, token=world.firm.token)
    assert ok.status == 200, ok.text
    assert _answer(world.api.patch(f"/clients/{client_id}", {"notes": "bad\u0000"}, token=world.firm.token)) == (400, PROBLEM)


def test_display_text_is_stored_in_nfc(world):
    decomposed = "Cafe\u0301 Partners"
    resp = world.api.patch("/firm", {"name": decomposed}, token=world.firm.token)
    assert resp.status == 200, resp.text
    assert resp.json["name"] == "Caf\u00e9 Partners"
    assert _firm_name(world) == "Caf\u00e9 Partners"
