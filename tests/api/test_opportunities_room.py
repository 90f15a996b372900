"""A room made from an opportunity: one transaction and no read when the opportunity's
id names its client, service and professional; an opportunity stored before its id named
them is read first. Both answer the room and the conversion, or change nothing."""
import pytest

from tests.api.conftest import CALLS
from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service, furnished, portal_household
from tests.support import invite_staff
from tests.survey_support import answer, board_counts, listed, publish


def _opportunity(api, firm, pump, home=None):
    home = home or portal_household(api, firm)
    sid = add_service(api, firm, "Tax return")
    survey = publish(api, firm, [sid])
    assert answer(api, home.norbert_token, home.client_id, survey, {0}).status == 201
    return home, sid, listed(api, firm, sid, pump=pump)[0]["id"]  # opened from the stream


def _opportunity_with_professional(api, firm, pump):
    """An opportunity of a household whose professional is Pat: its id names all three."""
    pro, _ = invite_staff(api, firm, pump, "pat@northwind.example", name="Pat Pro")
    home = portal_household(api, firm)
    assert api.patch(f"/clients/{home.client_id}", {"professional_id": pro}, token=firm.token).status == 200
    return (pro, *_opportunity(api, firm, pump, home))


def _convert(api, firm, oid, name="2025 tax return", token=None):
    return api.post(f"/opportunities/{oid}/room", {"name": name}, token=token or firm.token)


ONE_TRANSACTION = ["BatchGetItem", "TransactWriteItems"]  # the principal lookup, then the room and the conversion


def _unchanged(api, firm, pump, oid, status="open"):
    after = api.get(f"/opportunities/{oid}", token=firm.token).json
    assert (after["status"], after["room_id"]) == (status, None)
    assert "converted" not in [n["kind"] for n in after["notes"]]
    pump()
    assert api.get("/rooms", token=firm.token).json["items"] == []


def test_a_named_opportunity_becomes_a_room_in_one_transaction(api, firm, pump):
    pro, home, sid, oid = _opportunity_with_professional(api, firm, pump)
    made = _convert(api, firm, oid)
    assert made.status == 201, made.text
    assert CALLS.of("dynamodb") == ONE_TRANSACTION
    room = made.json["room"]
    assert made.json["opportunity"] == {"id": oid, "status": "converted", "room_id": room["id"]}
    assert (room["client_id"], room["service_id"], room["professional_id"]) == (home.client_id, sid, pro)
    assert room["name"] == "2025 tax return"
    shown = furnished(api, room["id"], firm.token)  # the names follow from the stream
    assert (shown["client_name"], shown["service_name"]) == ("Lindqvist Household", "Tax return")
    opp = api.get(f"/opportunities/{oid}", token=firm.token).json
    assert (opp["status"], opp["room_id"], opp["notes"][-1]["kind"]) == ("converted", room["id"], "converted")
    assert board_counts(api, firm, pump)["Tax return"] == 0
    assert listed(api, firm, sid, "with_active_rooms=false", pump) == []


def test_a_contacted_one_converts_and_a_dismissed_or_converted_one_is_refused(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    assert api.post(f"/opportunities/{oid}/contacted", {"note": "Called"}, token=firm.token).status == 200
    made = _convert(api, firm, oid)
    assert made.status == 201 and CALLS.of("dynamodb") == ONE_TRANSACTION
    me = api.get("/me", token=firm.token).json
    assert made.json["room"]["professional_id"] == me["user"]["id"]  # the client has none: the creator is
    refused = assert_problem(_convert(api, firm, oid, "Again"), 409)
    assert refused["detail"] == "The opportunity is converted; it cannot be converted into a room."
    pump()
    assert [r["id"] for r in api.get("/rooms", token=firm.token).json["items"]] == [made.json["room"]["id"]]


def test_a_dismissed_one_makes_no_room(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    assert api.post(f"/opportunities/{oid}/dismiss", {"reason": "Not now"}, token=firm.token).status == 200
    assert assert_problem(_convert(api, firm, oid), 409)["detail"].startswith("The opportunity is dismissed")
    _unchanged(api, firm, pump, oid, "dismissed")


def test_an_archived_client_a_forged_id_another_firm_and_a_client_change_nothing(api, firm, other_firm, pump):
    from chalicelib.core.ids import new_id
    home, sid, oid = _opportunity(api, firm, pump)
    forged = f"{new_id()}{oid[26:]}"  # names the same client and service, but no opportunity has it
    assert_problem(_convert(api, firm, forged), 404)
    assert_problem(_convert(api, other_firm, oid), 404)
    assert_problem(_convert(api, firm, oid, token=home.norbert_token), 403)
    assert_problem(api.post(f"/opportunities/{oid}/room", {"name": ""}, token=firm.token), 400)
    assert api.post(f"/clients/{home.client_id}/archive", token=firm.token).status == 200
    archived = assert_problem(_convert(api, firm, oid), 422)
    assert archived["detail"] == "Rooms are for active clients; restore the client first."
    _unchanged(api, firm, pump, oid)
    assert api.get("/rooms", token=other_firm.token).json["items"] == []


def test_a_deactivated_professional_is_refused(api, firm, pump):
    pro, home, sid, oid = _opportunity_with_professional(api, firm, pump)
    assert api.post(f"/staff/{pro}/deactivate", token=firm.token).status == 200
    assert_problem(_convert(api, firm, oid), 422)
    _unchanged(api, firm, pump, oid)


@pytest.fixture
def plain_ids(monkeypatch):
    """Opportunities made as before their ids named anything."""
    from chalicelib.core.ids import new_id
    from chalicelib.opportunities import records
    monkeypatch.setattr(records, "opportunity_id", lambda *_: new_id())


def test_an_opportunity_stored_before_its_id_named_its_pair_is_read_first(api, firm, pump, plain_ids):
    home, sid, oid = _opportunity(api, firm, pump)
    assert len(oid) == 26
    made = _convert(api, firm, oid)
    assert made.status == 201, made.text
    assert CALLS.of("dynamodb") == ["BatchGetItem", "GetItem", "TransactWriteItems"]  # bench/budget.py: the read
    room = made.json["room"]
    assert made.json["opportunity"] == {"id": oid, "status": "converted", "room_id": room["id"]}
    assert (room["client_id"], room["service_id"], room["client_name"]) == (home.client_id, sid, "Lindqvist Household")
    assert assert_problem(_convert(api, firm, oid), 409)["detail"].startswith("The opportunity is converted")
