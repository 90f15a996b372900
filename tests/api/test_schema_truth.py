"""The published document and the API agree on a body: what the schema allows is
accepted, what it refuses is refused (400) and changes nothing. Checked where the
models validate in code what a plain field schema cannot say: phone numbers in E.164,
and bodies that take exactly one of two fields."""
from __future__ import annotations

import json
from typing import Any

import pytest
import jsonschema_rs

from chalicelib.core.config import settings
from tests.api.test_errors import problem_status
from tests.clients_support import create_client, household
from tests.rooms_support import add_service, create_room, portal_household
from tests.support import invite_staff


def _body_schema(api, method: str, path: str):
    """The body's schema as schemathesis judges it: formats asserted, not only annotated
    (an email's local part is at most 64 characters by its format)."""
    spec = api.get("/openapi.json").json
    body = spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    return jsonschema_rs.validator_for({**body, "components": spec["components"]}, validate_formats=True)


def _agree(api, schema, send, body: dict[str, Any], accepted: int) -> None:
    valid = schema.is_valid(body)
    status = send(body).status
    assert (status == accepted) if valid else (status == 400), (body, valid, status)


PHONES = [("+1 (555) 123-0007", True), ("+44 20 7946 0958", True), ("+15551230008", True),
          ("+0123456789", False), ("15551230008", False), ("+1555", False),
          ("+\u0661\u0665\u0665\u0665\u0661\u0662\u0663\u0660\u0660\u0660", False),  # Arabic-Indic digits
          ("+1 555 123 0007 ext 2", False)]


@pytest.mark.parametrize("number, valid", PHONES)
def test_phone_numbers_schema_and_api_agree(api, firm, number, valid):
    client = create_client(api, firm.token, household())
    schema = _body_schema(api, "post", "/clients/{client_id}/contacts")
    body = {"first_name": "Ada", "phones": [{"number": number}]}
    assert schema.is_valid(body) is valid
    _agree(api, schema, lambda b: api.post(f"/clients/{client['id']}/contacts", b, token=firm.token), body, 201)


def test_a_room_member_is_exactly_one_of_colleague_or_contact(api, firm, pump):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    colleague, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    schema = _body_schema(api, "post", "/rooms/{room_id}/members")
    add = lambda b: api.post(f"/rooms/{room['id']}/members", b, token=firm.token)  # noqa: E731
    for body in ({}, {"user_id": None, "contact_id": None}, {"user_id": colleague, "contact_id": home.erika}):
        assert not schema.is_valid(body)
        _agree(api, schema, add, body, 201)
    members = api.get(f"/rooms/{room['id']}", token=firm.token).json["members"]
    assert colleague not in {m["user_id"] for m in members}
    given = {"user_id": colleague, "contact_id": None}
    assert schema.is_valid(given)
    _agree(api, schema, add, given, 201)


def test_a_new_client_names_exactly_one_primary_contact(api, firm):
    existing = create_client(api, firm.token, household())["primary_contact_id"]
    schema = _body_schema(api, "post", "/clients")
    create = lambda b: api.post("/clients", b, token=firm.token)  # noqa: E731
    bare = {"kind": "individual", "display_name": "Ada Byron"}
    person = {"first_name": "Ada", "emails": [{"address": "ada@byron.example"}]}
    before = len(api.get("/clients", token=firm.token).json["items"])
    for body in (bare, {**bare, "primary_contact": person, "primary_contact_id": existing},
                 {**bare, "primary_contact": None, "primary_contact_id": None}):
        assert not schema.is_valid(body)
        _agree(api, schema, create, body, 201)
    assert len(api.get("/clients", token=firm.token).json["items"]) == before
    for body in ({**bare, "primary_contact": person}, {**bare, "primary_contact_id": existing, "primary_contact": None}):
        assert schema.is_valid(body)
        _agree(api, schema, create, body, 201)


def _check_all(api, method: str, path: str, send, cases) -> None:
    schema = _body_schema(api, method, path)
    for body, valid, accepted in cases:
        assert schema.is_valid(body) is valid, body
        _agree(api, schema, send, body, accepted)


def test_a_partial_update_names_something_and_nulls_only_what_may_be_cleared(api, firm):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    patch = lambda b: api.patch(f"/rooms/{room['id']}", b, token=firm.token)  # noqa: E731
    _check_all(api, "patch", "/rooms/{room_id}", patch, [
        ({}, False, 200), ({"name": None}, False, 200), ({"name": None, "description": None}, False, 200),
        ({"description": None}, True, 200), ({"name": "Year-end 2025"}, True, 200)])
    assert api.get(f"/rooms/{room['id']}", token=firm.token).json["name"] == "Year-end 2025"
    options = lambda b: api.patch("/firm/portal-options", b, token=firm.token)  # noqa: E731
    _check_all(api, "patch", "/firm/portal-options", options, [
        ({}, False, 200), ({"options": {}}, False, 200), ({"options": {"prepayment": None}}, False, 200),
        ({"lockout_days": None}, False, 200), ({"options": {"prepayment": True}}, True, 200)])


def test_true_and_false_are_booleans_not_numbers(api, firm):
    patch = lambda b: api.patch("/firm", b, token=firm.token)  # noqa: E731
    _check_all(api, "patch", "/firm", patch, [
        ({"settings": {"require_staff_mfa": 0}}, False, 200), ({"settings": {"clients_may_start_threads": "yes"}}, False, 200),
        ({"settings": {"require_staff_mfa": False}}, True, 200)])


def test_labels_clients_read_refuse_hidden_characters(api, firm):
    put = lambda b: api.request("PUT", "/job-statuses", b, token=firm.token)  # noqa: E731
    _check_all(api, "put", "/job-statuses", put, [
        ({"statuses": [{"name": "Ready \u202eto sign"}]}, False, 200), ({"statuses": [{"name": "   "}]}, False, 200),
        ({"statuses": [{"name": "Tab\there"}]}, False, 200), ({"statuses": [{"name": "Ready to sign"}]}, True, 200)])
    assert [s["name"] for s in api.get("/job-statuses", token=firm.token).json["statuses"]] == ["Ready to sign"]


def test_rules_across_fields_are_in_the_document(api, firm):
    """Where a validator ties fields together, the document's if/then/anyOf says the same."""
    client = create_client(api, firm.token, household())
    contact = client["primary_contact_id"]
    invite = lambda b: api.post(f"/clients/{client['id']}/contacts/{contact}/invite", b, token=firm.token)  # noqa: E731
    _check_all(api, "post", "/clients/{client_id}/contacts/{contact_id}/invite", invite, [
        ({"method": "sms", "to": "000"}, False, 201),
        ({"method": "sms", "to": "..( ( (.+.1 8 .. )--..-- (-3.) 4 ))-.(-.( ( 2 3 4"}, False, 201),
        ({"method": "email", "to": "+15551230001"}, False, 201),
        ({"method": "email", "to": "norbert@lindqvist.example", "login_email": "norbert@lindqvist.example"}, False, 201)])
    settings = lambda b: api.request("PUT", "/me/notification-settings", b, token=firm.token)  # noqa: E731
    _check_all(api, "put", "/me/notification-settings", settings, [
        ({"channel": "sms"}, False, 200), ({"channel": "sms", "sms_to": None}, False, 200),
        ({"channel": "sms", "sms_to": "+15551230009"}, True, 200)])
    statuses = lambda b: api.request("PUT", "/job-statuses", b, token=firm.token)  # noqa: E731
    _check_all(api, "put", "/job-statuses", statuses, [
        ({"statuses": [], "rules": {"idle_days": 30}}, False, 200),
        ({"statuses": [], "rules": {"idle_days": 30, "on_idle": None}}, False, 200),
        ({"statuses": [], "rules": {"idle_days": None, "on_idle": "AAA"}}, False, 200),
        ({"statuses": [], "rules": {"on_phase": {"j\u00f1": "AAA"}}}, False, 200),
        ({"statuses": [], "rules": {"on_phase": {"AAA": {}}}}, False, 200),
        ({"statuses": [], "rules": {"idle_days": 0, "on_idle": "AAA"}}, False, 200),
        ({"statuses": [], "rules": {"idle_days": None, "on_idle": None}}, True, 200)])
    with_if_match = lambda b: api.request("PUT", "/job-statuses", b, token=firm.token,  # noqa: E731
                                          headers={"If-Match": '"0"'})
    assert problem_status(with_if_match({"statuses": [], "rules": {"idle_days": None, "on_idle": "AAA"}})) == 400
    announce = lambda b: api.post("/announcements", b, token=firm.token)  # noqa: E731
    base = {"title": "Saturdays", "body": "Open 9-13.", "starts_at": "2026-01-01T00:00:00Z",
            "ends_at": "2030-01-01T00:00:00Z"}
    _check_all(api, "post", "/announcements", announce, [
        ({**base, "service_ids": ["01ABC"]}, False, 201), ({**base, "audience": "services"}, False, 201),
        ({**base, "starts_at": 0}, False, 201), (base, True, 201)])


def test_numbers_emails_and_zones_mean_what_the_document_says(api, firm):
    patch = lambda b: api.patch("/firm", b, token=firm.token)  # noqa: E731
    _check_all(api, "patch", "/firm", patch, [
        ({"settings": {"invitation_days": True}}, False, 200), ({"settings": {"invitation_days": "7"}}, False, 200),
        ({"time_zone": "Nowhere/City"}, False, 200), ({"settings": {"invitation_days": 7.0}}, True, 200),
        ({"time_zone": "Europe/Oslo"}, True, 200)])
    staff = lambda b: api.post("/staff", b, token=firm.token)  # noqa: E731
    _check_all(api, "post", "/staff", staff, [
        ({"name": "Dot", "email": ".@v6.9.1m1q4.00"}, False, 201), ({"name": "Dot", "email": "a..b@x.example"}, False, 201),
        ({"name": "Long", "email": "l" * 65 + "@northwind.example"}, False, 201),
        ({"name": "Long", "email": "l" * 64 + "@northwind.example"}, True, 201),
        ({"name": "Dot", "email": "dot.ty@northwind.example"}, True, 201)])


def test_a_search_with_no_word_in_it_finds_nothing(api, firm):
    create_client(api, firm.token, household())
    for path in ("/clients?q=!!", "/rooms?q=--"):
        resp = api.get(path, token=firm.token)
        assert resp.status == 200 and resp.json["items"] == [], path


def test_a_malformed_header_is_a_documented_400(api, firm):
    """A route with no body still reads If-Match or Idempotency-Key: a malformed one is
    refused with 400, and the document says so wherever such a header is read."""
    client_id = create_client(api, firm.token)["id"]
    refused = api.post(f"/clients/{client_id}/archive", token=firm.token, headers={"If-Match": ""})
    assert problem_status(refused) == 400
    assert api.get(f"/clients/{client_id}", token=firm.token).json["status"] == "active"
    spec = api.get("/openapi.json").json
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
            if headers:
                assert "400" in operation["responses"], (method, path, headers)


def test_the_longest_parts_list_the_document_allows_fits_in_a_body(api):
    """A 5 GB file in 5 MiB parts completes in one request: the list the schema allows at
    its longest, with ETags at their longest, is under the body limit (413 is for abuse)."""
    spec = api.get("/openapi.json").json
    complete = spec["components"]["schemas"]["CompleteUpload"]["properties"]["parts"]
    most = next(s for s in complete["anyOf"] if s.get("type") == "array")["maxItems"]
    part = spec["components"]["schemas"]["UploadedPart"]["properties"]
    body = {"parts": [{"part_number": most, "etag": "e" * part["etag"]["maxLength"]}] * most}
    assert most >= 5 * 1024 ** 3 // (5 * 1024 ** 2)
    assert len(json.dumps(body).encode()) <= settings().max_body_bytes


def test_every_bound_is_written_as_json_schema_writes_it(api):
    """A bound on an optional field of a validated type (Integer | None) is given as
    minimum/maximum, never under pydantic's own name that JSON Schema ignores."""
    def keys(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)
    spec = api.get("/openapi.json").json
    assert not {"ge", "le", "gt", "lt", "min_length", "max_length", "multiple_of"} & set(keys(spec))
    step = spec["components"]["schemas"]["PhaseIn"]["properties"]["step"]["anyOf"][0]
    assert (step["minimum"], step["exclusiveMaximum"]) == (0, 20)
