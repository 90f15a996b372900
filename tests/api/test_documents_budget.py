"""What the document routes spend: staff who name the room's client start an upload
with no read (the room's condition checks the name), and a wrong name is refused and
stores nothing."""
import pytest

from tests.api.conftest import CALLS
from tests.api.test_errors import assert_problem
from tests.clients_support import create_client, entity
from tests.documents_support import PDF, client_room, start

SIGNED_IN_BUDGET = 2  # the principal's lookup and one transaction


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)


def _room_documents(api, firm, room_id):
    resp = api.get(f"/rooms/{room_id}/documents", token=firm.token)
    assert resp.status == 200, resp.text
    return resp.json["items"]


def test_staff_naming_the_rooms_client_start_an_upload_in_one_transaction(api, firm, room):
    started = start(api, firm.token, room["id"], PDF, client_id=room["client_id"])
    assert started.status == 201, started.text
    assert len(CALLS.of("dynamodb")) == SIGNED_IN_BUDGET
    assert started.json["document"]["client_id"] == room["client_id"]
    assert [d["id"] for d in _room_documents(api, firm, room["id"])] == [started.json["document"]["id"]]


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
    assert _room_documents(api, firm, room["id"]) == []


def test_a_portal_user_naming_another_client_is_refused(api, firm, room):
    other = create_client(api, firm.token, entity())
    assert_problem(start(api, room["client"], room["id"], PDF, client_id=other["id"]), 422)
    assert start(api, room["client"], room["id"], PDF, client_id=room["client_id"]).status == 201


def test_a_client_id_that_is_no_id_is_bad_input(api, firm, room):
    assert_problem(start(api, firm.token, room["id"], PDF, client_id="not an id!"), 400)
    assert _room_documents(api, firm, room["id"]) == []


def test_another_firm_naming_the_client_finds_no_room(api, firm, other_firm, room):
    assert_problem(start(api, other_firm.token, room["id"], PDF, client_id=room["client_id"]), 404)
    assert _room_documents(api, firm, room["id"]) == []


def test_an_archived_room_refuses_staff_who_name_its_client(api, firm, room):
    assert api.post(f"/rooms/{room['id']}/archive", token=firm.token).status == 200
    assert_problem(start(api, firm.token, room["id"], PDF, client_id=room["client_id"]), 409)
