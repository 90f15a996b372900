"""Every failure is problem+json with the right status; none is a 500."""
import pytest

from chalicelib.core.errors import PROBLEM_TYPE

SIGNUP = {"firm_name": "Acme", "slug": "acme", "owner": {"name": "A", "email": "a@acme.example",
                                                          "password": "Correct-Horse-42"}}


def problem_status(resp):
    """The status of a problem+json answer, after checking it is one (for `assert ... == N`)."""
    assert resp.content_type == PROBLEM_TYPE, resp.text
    assert resp.json["status"] == resp.status and resp.json["title"] and resp.json["detail"], resp.text
    return resp.status


def assert_problem(resp, status):
    assert resp.status == status, resp.text
    assert resp.content_type == PROBLEM_TYPE
    body = resp.json
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    return body


@pytest.mark.parametrize("raw", [b"{not json", b'{"firm_name": ', b"\xff\xfe", b"[]", b'"text"', b"42", b""])
def test_malformed_or_non_object_bodies_are_400(api, raw):
    assert problem_status(api.request("POST", "/signup", body=raw)) == 400


def test_json_array_where_object_is_due(api):
    body = assert_problem(api.post("/signup", [SIGNUP]), 400)
    assert body["errors"][0]["msg"] == "expected an object"


def test_wrong_content_type_is_415(api):
    resp = api.request("POST", "/signup", body=b"firm_name=Acme", headers={"content-type": "text/plain"})
    assert problem_status(resp) == 415


def test_unknown_field_is_rejected_with_its_path(api):
    body = assert_problem(api.post("/signup", {**SIGNUP, "plan": "gold"}), 400)
    assert any(e["loc"] == "body.plan" for e in body["errors"])


def test_missing_and_mistyped_fields_name_their_paths(api):
    body = assert_problem(api.post("/signup", {"firm_name": 7, "owner": {"name": "A"}}), 400)
    locs = {e["loc"] for e in body["errors"]}
    assert {"body.firm_name", "body.slug", "body.owner.email", "body.owner.password"} <= locs


def test_password_is_not_echoed_in_errors(api):
    resp = api.post("/signup", {**SIGNUP, "owner": {**SIGNUP["owner"], "password": "short"}})
    assert_problem(resp, 400)
    assert "short" not in resp.text.replace("too short", "")


def test_oversize_body_is_413(api):
    big = {**SIGNUP, "firm_name": "x" * 300_000}
    assert problem_status(api.post("/signup", big)) == 413


def test_unknown_route_is_404_with_or_without_token(api, firm):
    assert problem_status(api.get("/no/such/route")) == 404
    assert problem_status(api.get("/no/such/route", token=firm.token)) == 404


def test_wrong_method_is_405_with_allow_header(api, firm):
    resp = api.request("DELETE", "/firm", token=firm.token)
    assert_problem(resp, 405)
    assert "GET" in resp.headers.get("Allow", "")


def test_nothing_changed_after_bad_input(api, firm):
    before = api.get("/firm", token=firm.token).json
    assert_problem(api.patch("/firm", {"name": ""}, token=firm.token), 400)
    assert_problem(api.patch("/firm", {"branding": {"colour": "red"}}, token=firm.token), 400)
    assert api.get("/firm", token=firm.token).json == before


def test_unexpected_failure_is_a_problem_500_without_a_trace(api, firm, monkeypatch):
    from chalicelib.firms import service

    def broken(me):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(service, "get_firm", broken)
    body = assert_problem(api.get("/firm", token=firm.token), 500)
    assert "secret internals" not in str(body)
