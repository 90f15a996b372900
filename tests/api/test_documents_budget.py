"""What the document routes spend: staff who name the room's client start an upload
with no read (the room's condition checks the name), and a wrong name is refused and
stores nothing; an upload completed with its start's ticket reads nothing first, and
whatever changed meanwhile is still what decides."""
import pytest

from tests.api.conftest import CALLS
from tests.api.test_errors import assert_problem
from tests.clients_support import create_client, entity
from chalicelib.documents.finalise import NOT_ARRIVED
from chalicelib.documents.models import MIN_PART
from tests.documents_support import (EXE, PDF, big_pdf, client_room, post_form, put_parts, room_documents, start,
                                     start_version, upload)

SIGNED_IN_BUDGET = 2  # the principal's lookup and one transaction
PDF2 = PDF + b"% second\n"


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)



def test_staff_naming_the_rooms_client_start_an_upload_in_one_transaction(api, firm, room):
    started = start(api, firm.token, room["id"], PDF, client_id=room["client_id"])
    assert started.status == 201, started.text
    assert len(CALLS.of("dynamodb")) == SIGNED_IN_BUDGET
    assert started.json["document"]["client_id"] == room["client_id"]
    assert [d["id"] for d in room_documents(api, firm, room["id"])] == [started.json["document"]["id"]]


def test_staff_naming_no_client_still_start_an_upload(api, firm, room):
    started = start(api, firm.token, room["id"], PDF)
    assert started.status == 201, started.text
    assert len(CALLS.of("dynamodb")) == SIGNED_IN_BUDGET + 1  # the room is read for its client
    assert started.json["document"]["client_id"] == room["client_id"]


def test_naming_another_client_of_the_firm_is_refused_and_stores_nothing(api, firm, room):
    other = create_client(api, firm.token, entity())
    resp = start(api, firm.token, room["id"], PDF, client_id=other["id"])
    assert_problem(resp, 422)
    assert resp.json["errors"][0]["loc"] == "body.client_id"
    assert room_documents(api, firm, room["id"]) == []


def test_a_portal_user_naming_another_client_is_refused(api, firm, room):
    other = create_client(api, firm.token, entity())
    assert_problem(start(api, room["client"], room["id"], PDF, client_id=other["id"]), 422)
    assert start(api, room["client"], room["id"], PDF, client_id=room["client_id"]).status == 201


def test_a_client_id_that_is_no_id_is_bad_input(api, firm, room):
    assert_problem(start(api, firm.token, room["id"], PDF, client_id="not an id!"), 400)
    assert room_documents(api, firm, room["id"]) == []


def test_another_firm_naming_the_client_finds_no_room(api, firm, other_firm, room):
    assert_problem(start(api, other_firm.token, room["id"], PDF, client_id=room["client_id"]), 404)
    assert room_documents(api, firm, room["id"]) == []


def test_an_archived_room_refuses_staff_who_name_its_client(api, firm, room):
    assert api.post(f"/rooms/{room['id']}/archive", token=firm.token).status == 200
    assert_problem(start(api, firm.token, room["id"], PDF, client_id=room["client_id"]), 409)


def _complete(api, token, started, **body):
    return api.post(f"/documents/{started.json['document']['id']}/complete",
                    {"ticket": started.json["ticket"], **body}, token=token)


def _started_and_sent(api, token, room, data=PDF, **extra):
    started = start(api, token, room["id"], data, **extra)
    assert started.status == 201, started.text
    assert post_form(started.json["upload"], data).status_code in (200, 201, 204)
    return started


def test_completing_with_the_ticket_reads_nothing_first(api, firm, room):
    started = _started_and_sent(api, room["client"], room)
    done = _complete(api, room["client"], started)
    assert done.status == 200, done.text
    assert len(CALLS.of("dynamodb")) == SIGNED_IN_BUDGET
    assert done.json["status"] == "available" and done.json["file_name"] == "Payslip March.pdf"
    assert "key" not in done.json and "client_id" not in done.json
    trail = api.get(f"/documents/{done.json['id']}/access", token=firm.token).json["items"]
    assert [a["action"] for a in trail] == ["uploaded"]
    [listed] = api.get(f"/clients/{room['client_id']}/documents", token=firm.token).json["items"]
    assert listed["status"] == "available"


def test_a_repeat_with_the_ticket_answers_the_settled_document_and_changes_nothing(api, firm, room):
    started = _started_and_sent(api, firm.token, room, client_id=room["client_id"])
    first = _complete(api, firm.token, started)
    again = _complete(api, firm.token, started)
    assert again.status == 200, again.text
    assert again.json == first.json and again.json["status"] == "available"
    trail = api.get(f"/documents/{first.json['id']}/access", token=firm.token).json["items"]
    assert [a["action"] for a in trail] == ["uploaded"]
    storage = api.get("/firm/storage", token=firm.token).json
    assert storage["document_count"] == 1 and storage["storage_bytes"] == len(PDF)


def test_a_document_moved_while_pending_completes_where_it_was_moved(api, firm, room):
    started = _started_and_sent(api, firm.token, room, client_id=room["client_id"])
    doc_id = started.json["document"]["id"]
    assert api.patch(f"/documents/{doc_id}", {"folder": "Payslips"}, token=firm.token).status == 200
    done = _complete(api, firm.token, started)
    assert done.status == 200, done.text
    assert done.json["status"] == "available" and done.json["folder"] == "Payslips"
    [listed] = api.get(f"/clients/{room['client_id']}/documents", token=firm.token).json["items"]
    assert listed["folder"] == "Payslips" and listed["status"] == "available"


def test_a_renamed_program_completed_with_its_ticket_is_rejected_and_deleted(api, firm, room):
    started = _started_and_sent(api, room["client"], room, EXE)
    done = _complete(api, room["client"], started)
    assert done.status == 200, done.text
    assert len(CALLS.of("dynamodb")) == SIGNED_IN_BUDGET
    assert done.json["status"] == "rejected"
    assert _complete(api, room["client"], started).json["status"] == "rejected"  # the object is gone: as stored


def test_a_ticket_before_the_file_arrived_is_409(api, firm, room):
    started = start(api, room["client"], room["id"], PDF)
    refused = assert_problem(_complete(api, room["client"], started), 409)
    assert refused["detail"] == NOT_ARRIVED
    doc_id = started.json["document"]["id"]
    assert api.get(f"/documents/{doc_id}", token=firm.token).json["status"] == "pending"  # nothing settled
    sent = post_form(started.json["upload"], PDF)
    assert sent.status_code in (200, 201, 204), sent.text
    assert _complete(api, room["client"], started).json["status"] == "available"  # the same ticket, once it arrived


def test_a_ticket_opens_only_for_its_uploader_its_document_and_its_firm(api, firm, other_firm, room):
    started = _started_and_sent(api, room["client"], room)
    other = _started_and_sent(api, room["client"], room)
    doc_id = started.json["document"]["id"]
    for token, path, ticket in ((firm.token, doc_id, started.json["ticket"]),
                                (room["client"], doc_id, other.json["ticket"]),
                                (other_firm.token, doc_id, started.json["ticket"])):
        refused = assert_problem(api.post(f"/documents/{path}/complete", {"ticket": ticket}, token=token), 422)
        assert refused["errors"][0]["loc"] == "body.ticket"
    assert api.get(f"/documents/{doc_id}", token=firm.token).json["status"] == "pending"


def test_a_malformed_ticket_is_bad_input(api, firm, room):
    started = _started_and_sent(api, room["client"], room)
    assert_problem(api.post(f"/documents/{started.json['document']['id']}/complete", {"ticket": "not a ticket"},
                            token=room["client"]), 400)
    assert api.get(f"/documents/{started.json['document']['id']}", token=firm.token).json["status"] == "pending"


def test_a_multipart_upload_completes_with_its_ticket_and_parts(api, firm, room):
    data = big_pdf(MIN_PART + 10)
    started = start(api, room["client"], room["id"], data, multipart=True)
    assert started.status == 201, started.text
    done = _complete(api, room["client"], started, parts=put_parts(started.json["multipart"], data))
    assert done.status == 200, done.text
    assert len(CALLS.of("dynamodb")) == SIGNED_IN_BUDGET
    assert done.json["status"] == "available" and done.json["size"] == len(data)


def _version_started_and_sent(api, token, doc_id, data=PDF2):
    started = start_version(api, token, doc_id, data)
    assert started.status == 201, started.text
    assert post_form(started.json["upload"], data).status_code in (200, 201, 204)
    return started


def _complete_version(api, token, doc_id, started, ticket=None):
    return api.post(f"/documents/{doc_id}/versions/{started.json['version']['id']}/complete",
                    {"ticket": ticket or started.json["ticket"]}, token=token)


def test_a_version_completed_with_its_ticket_becomes_current_with_no_read(api, firm, room):
    doc = upload(api, room["client"], room["id"], PDF)
    before = api.get(f"/documents/{doc['id']}", token=firm.token).json["version"]
    started = _version_started_and_sent(api, room["client"], doc["id"])
    done = _complete_version(api, room["client"], doc["id"], started)
    assert done.status == 200, done.text
    assert len(CALLS.of("dynamodb")) == SIGNED_IN_BUDGET
    assert done.json["status"] == "available" and done.json["current"] and done.json["number"] == 2
    now = api.get(f"/documents/{doc['id']}", token=firm.token).json
    assert now["file_name"] == "Payslip March v2.pdf" and now["size"] == len(PDF2) and now["version"] == before + 1
    [listed] = api.get(f"/clients/{room['client_id']}/documents", token=firm.token).json["items"]
    assert listed["file_name"] == "Payslip March v2.pdf" and listed["size"] == len(PDF2)
    assert listed["version"] == now["version"]
    feed = api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]
    assert any(item["kind"] == "document_versioned" for item in feed)


def test_a_version_whose_document_changed_meanwhile_still_settles_on_it(api, firm, room):
    doc = upload(api, firm.token, room["id"], PDF, client_id=room["client_id"])
    started = _version_started_and_sent(api, firm.token, doc["id"])
    assert api.patch(f"/documents/{doc['id']}", {"folder": "Payslips"}, token=firm.token).status == 200
    done = _complete_version(api, firm.token, doc["id"], started)
    assert done.status == 200, done.text
    assert done.json["status"] == "available" and done.json["current"]
    [listed] = api.get(f"/clients/{room['client_id']}/documents", token=firm.token).json["items"]
    assert listed["folder"] == "Payslips" and listed["file_name"] == "Payslip March v2.pdf"
    again = _complete_version(api, firm.token, doc["id"], started)
    assert again.status == 200 and again.json == done.json


def test_a_first_uploads_ticket_does_not_complete_a_version(api, firm, room):
    doc_started = _started_and_sent(api, room["client"], room)
    doc = _complete(api, room["client"], doc_started).json
    started = _version_started_and_sent(api, room["client"], doc["id"])
    assert_problem(_complete_version(api, room["client"], doc["id"], started, doc_started.json["ticket"]), 422)
    assert_problem(_complete_version(api, firm.token, doc["id"], started), 422)  # not the uploader's
    [first, pending] = api.get(f"/documents/{doc['id']}/versions", token=firm.token).json["items"]
    assert pending["status"] == "pending"
