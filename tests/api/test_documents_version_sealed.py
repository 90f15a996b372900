"""Starting a new version from the document as sealed in its last answer: one
transaction after the principal's lookup. The seal is pinned by version, so a document
changed since is still what decides; a seal not made for this document of this firm is
422, a malformed one 400; a portal user's seal holds only what they may see."""
import base64
import json

import pytest

from tests.api.test_errors import assert_problem, problem_status
from tests.clients_support import last_calls
from tests.documents_support import PDF, client_room, post_form, start_version, upload
from tests.security.internal_fields import INTERNAL_FIELDS, STAFF_ONLY_BY_MODEL

PDF2 = PDF + b"% second\n"
SIGNED_IN_BUDGET = 2  # the principal's lookup and one transaction
# All a portal user may see of their own client's document: never a staff-only field.
SHOWN_TO_A_PORTAL_USER = {"id", "v", "status", "version_count", "available_at", "room_id", "file_name",
                          "uploaded_by", "uploaded_by_name", "current_version"}


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)


def _payload(sealed: str) -> dict:
    body = sealed.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def _read(api, token, doc_id):
    got = api.get(f"/documents/{doc_id}", token=token)
    assert got.status == 200, got.text
    return got.json


def _versions(api, token, doc_id):
    return [v["status"] for v in api.get(f"/documents/{doc_id}/versions", token=token).json["items"]]


def test_staff_start_a_version_from_the_sealed_document_in_one_transaction(api, firm, room):
    doc = upload(api, firm.token, room["id"], PDF)
    sealed = _read(api, firm.token, doc["id"])["sealed"]
    started = start_version(api, firm.token, doc["id"], PDF2, sealed=sealed)
    assert started.status == 201, started.text
    assert last_calls() == SIGNED_IN_BUDGET
    assert started.json["version"]["status"] == "pending" and not started.json["version"]["current"]
    assert post_form(started.json["upload"], PDF2).status_code in (200, 201, 204)
    done = api.post(f"/documents/{doc['id']}/versions/{started.json['version']['id']}/complete",
                    {"ticket": started.json["ticket"]}, token=firm.token)
    assert done.status == 200 and done.json["current"] and done.json["number"] == 2, done.text
    assert _read(api, firm.token, doc["id"])["size"] == len(PDF2)
    [listed] = api.get(f"/clients/{room['client_id']}/documents", token=firm.token).json["items"]
    again = start_version(api, firm.token, doc["id"], PDF2, sealed=listed["sealed"])  # the area's copy, sealed
    assert again.status == 201 and last_calls() == SIGNED_IN_BUDGET, again.text


def test_a_portal_users_seal_holds_only_what_they_see_and_starts_a_version(api, firm, room):
    doc = upload(api, room["client"], room["id"], PDF)
    read = _read(api, room["client"], doc["id"])
    payload = _payload(read["sealed"])
    assert set(payload["i"]) <= SHOWN_TO_A_PORTAL_USER and not set(payload["i"]) & STAFF_ONLY_BY_MODEL[
        "DocumentStaffView"] and not set(payload["i"]) & INTERNAL_FIELDS
    assert payload["i"]["v"] == _read(api, firm.token, doc["id"])["version"]
    staff_payload = _payload(_read(api, firm.token, doc["id"])["sealed"])["i"]
    assert (staff_payload["internal"], staff_payload["client_id"]) == (False, room["client_id"])
    listed = api.get(f"/rooms/{room['id']}/documents", token=room["client"]).json["items"]
    assert set(_payload(listed[0]["sealed"])["i"]) <= SHOWN_TO_A_PORTAL_USER
    started = start_version(api, room["client"], doc["id"], PDF2, sealed=read["sealed"])
    assert started.status == 201, started.text
    assert last_calls() == SIGNED_IN_BUDGET
    assert _versions(api, room["client"], doc["id"]) == ["available", "pending"]


def test_a_portal_users_seal_of_their_area_document_names_no_client_so_it_is_read(api, firm, room):
    """The client is staff-only in a document's answer: a portal user's seal leaves it out,
    and only a seat in the document's room says it instead."""
    made = api.post(f"/clients/{room['client_id']}/documents", {"file_name": "Lease.pdf", "content_type":
                    "application/pdf", "size": len(PDF)}, token=room["client"])
    assert made.status == 201, made.text
    assert post_form(made.json["upload"], PDF).status_code in (200, 201, 204)
    doc = api.post(f"/documents/{made.json['document']['id']}/complete", {"ticket": made.json["ticket"]},
                   token=room["client"]).json
    assert doc["status"] == "available" and "client_id" not in _payload(doc["sealed"])["i"]
    started = start_version(api, room["client"], doc["id"], PDF2, sealed=doc["sealed"])
    assert started.status == 201, started.text
    assert last_calls() == SIGNED_IN_BUDGET + 1


def test_a_seal_of_a_document_changed_since_starts_from_the_document_as_it_stands(api, firm, room):
    doc = upload(api, firm.token, room["id"], PDF)
    sealed = _read(api, firm.token, doc["id"])["sealed"]
    assert api.patch(f"/documents/{doc['id']}", {"file_name": "Renamed.pdf"}, token=firm.token).status == 200
    started = start_version(api, firm.token, doc["id"], PDF2, sealed=sealed)
    assert started.status == 201, started.text
    assert last_calls() == SIGNED_IN_BUDGET + 1  # the refused transaction returned the document for the second
    assert _payload(started.json["ticket"])["d"]["v"] == _read(api, firm.token, doc["id"])["version"]


def test_a_seal_older_than_the_version_pinned_by_if_match_is_412_and_stores_nothing(api, firm, room):
    doc = upload(api, firm.token, room["id"], PDF)
    read = _read(api, firm.token, doc["id"])
    assert api.patch(f"/documents/{doc['id']}", {"folder": "Payslips"}, token=firm.token).status == 200
    stale = {"If-Match": f'"{read["version"]}"'}
    assert_problem(start_version(api, firm.token, doc["id"], PDF2, sealed=read["sealed"], headers=stale), 412)
    assert_problem(start_version(api, firm.token, doc["id"], PDF2, headers=stale), 412)
    assert _versions(api, firm.token, doc["id"]) == ["available"]
    now = _read(api, firm.token, doc["id"])
    pinned = start_version(api, firm.token, doc["id"], PDF2, sealed=now["sealed"],
                           headers={"If-Match": f'"{now["version"]}"'})
    assert pinned.status == 201 and last_calls() == SIGNED_IN_BUDGET, pinned.text


def test_a_document_trashed_since_its_seal_takes_no_version(api, firm, room):
    doc = upload(api, firm.token, room["id"], PDF)
    sealed = _read(api, firm.token, doc["id"])["sealed"]
    trashed = api.delete(f"/documents/{doc['id']}", token=firm.token)
    assert trashed.status == 200, trashed.text
    assert_problem(start_version(api, firm.token, doc["id"], PDF2, sealed=sealed), 409)
    assert_problem(start_version(api, firm.token, doc["id"], PDF2, sealed=trashed.json["sealed"]), 409)
    assert _versions(api, firm.token, doc["id"]) == ["available"]


def test_another_documents_or_firms_seal_is_422_and_a_malformed_one_400(api, firm, other_firm, room):
    doc = upload(api, firm.token, room["id"], PDF)
    other_doc = upload(api, firm.token, room["id"], PDF, name="Other.pdf")
    theirs = client_room(api, other_firm)
    their_doc = upload(api, other_firm.token, theirs["id"], PDF)
    mine = _read(api, firm.token, doc["id"])["sealed"]
    body, signature = mine.split(".")
    forged = f"{body}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
    for wrong in (_read(api, firm.token, other_doc["id"])["sealed"],
                  _read(api, other_firm.token, their_doc["id"])["sealed"], forged):
        refused = start_version(api, firm.token, doc["id"], PDF2, sealed=wrong)
        assert_problem(refused, 422)
        assert "body.sealed" in refused.text
    assert_problem(start_version(api, other_firm.token, doc["id"], PDF2, sealed=mine), 422)
    assert_problem(start_version(api, firm.token, doc["id"], PDF2, sealed="not a seal"), 400)
    assert_problem(start_version(api, firm.token, doc["id"], PDF2, sealed=7), 400)
    assert _versions(api, firm.token, doc["id"]) == ["available"]


def test_a_portal_user_who_may_not_add_a_version_is_refused_even_with_a_seal(api, firm, room):
    internal = upload(api, firm.token, room["id"], PDF, internal=True)
    staff_seal = _read(api, firm.token, internal["id"])["sealed"]
    assert problem_status(start_version(api, room["client"], internal["id"], PDF2, sealed=staff_seal)) == 404
    doc = upload(api, room["client"], room["id"], PDF)
    own_seal = _read(api, room["client"], doc["id"])["sealed"]
    left = api.request("DELETE", f"/rooms/{room['id']}/members/{doc['uploaded_by']}", token=firm.token)
    assert left.status in (200, 204), left.text
    as_today = problem_status(start_version(api, room["client"], doc["id"], PDF2))
    assert as_today in (403, 404)
    assert problem_status(start_version(api, room["client"], doc["id"], PDF2, sealed=own_seal)) == as_today
    assert _versions(api, firm.token, doc["id"]) == ["available"]
    assert _versions(api, firm.token, internal["id"]) == ["available"]
