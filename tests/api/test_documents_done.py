"""Done uploading: the client says so once, staff hear it once, the client sees it was
received, and a new upload makes it count again. A firm can turn it off."""
import pytest

from tests.api.test_errors import assert_problem
from tests.documents_support import PDF, client_room, upload


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)


def _notes(api, firm):
    """The owner's stored notifications (their list route belongs to the notifications domain)."""
    import boto3
    from boto3.dynamodb.conditions import Key
    owner = api.get("/me", token=firm.token).json["user"]["id"]
    table = boto3.resource("dynamodb", region_name="us-east-1").Table("atrium")
    return table.query(KeyConditionExpression=Key("PK").eq(f"F#{firm.id}#NOTES#{owner}"))["Items"]


def test_done_uploading_is_announced_once_until_the_next_upload(api, firm, other_firm, room, pump):
    upload(api, room["client"], room["id"], PDF)
    assert_problem(api.get(f"/rooms/{room['id']}/done-uploading", token=room["client"]), 404)
    said = api.post(f"/rooms/{room['id']}/done-uploading", token=room["client"])
    assert said.status == 200 and said.json["received"] is True and said.json["said_by_name"] == "Norbert Lindqvist"
    again = api.post(f"/rooms/{room['id']}/done-uploading", token=room["client"])
    assert again.json == said.json
    seen = api.get(f"/rooms/{room['id']}/done-uploading", token=room["client"])
    assert seen.status == 200 and seen.json["received_at"] == said.json["received_at"]
    feed = api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]
    assert [f["kind"] for f in feed].count("done_uploading") == 1
    pump()  # the staff are told from the stream
    assert [n["kind"] for n in _notes(api, firm)] == ["done_uploading"]
    client_feed = api.get(f"/rooms/{room['id']}/feed", token=room["client"]).json["items"]
    assert [f["kind"] for f in client_feed].count("done_uploading") == 1
    upload(api, room["client"], room["id"], PDF, name="Second.pdf")
    assert_problem(api.get(f"/rooms/{room['id']}/done-uploading", token=firm.token), 404)
    api.post(f"/rooms/{room['id']}/done-uploading", token=room["client"])
    feed = api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]
    assert [f["kind"] for f in feed].count("done_uploading") == 2
    assert_problem(api.post(f"/rooms/{room['id']}/done-uploading", token=firm.token), 403)
    assert_problem(api.get(f"/rooms/{room['id']}/done-uploading", token=other_firm.token), 404)


def test_a_firm_may_turn_done_uploading_off(api, firm, room):
    resp = api.request("PUT", "/firm/document-settings", json={"done_uploading": False}, token=firm.token)
    assert resp.status == 200 and resp.json["done_uploading"] is False
    assert_problem(api.post(f"/rooms/{room['id']}/done-uploading", token=room["client"]), 422)
    feed = api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]
    assert "done_uploading" not in [f["kind"] for f in feed]


def test_the_rooms_own_clients_override_decides(api, firm, pump):
    """A person of two clients: the override of the room's client, named by their seat,
    decides, with nothing read before the write."""
    from tests.clients_support import create_client, entity, household, portal_user
    from tests.rooms_support import add_service, create_room
    home = create_client(api, firm.token, household())
    norbert = home["primary_contact_id"]
    company = create_client(api, firm.token, entity("Lindqvist Boats"))
    assert api.request("PUT", f"/clients/{company['id']}/contacts/{norbert}", json={}, token=firm.token).status == 200
    token = portal_user(api, firm.token, home["id"], norbert, "norbert@lindqvist.example")
    sid = add_service(api, firm)
    at_home, at_work = create_room(api, firm, home["id"], sid), create_room(api, firm, company["id"], sid, "Books")
    assert api.post(f"/rooms/{at_work['id']}/members", {"contact_id": norbert}, token=firm.token).status == 201
    off = api.patch(f"/clients/{home['id']}/portal-options", {"options": {"done_uploading": False}}, token=firm.token)
    assert off.status == 200, off.text
    assert_problem(api.post(f"/rooms/{at_home['id']}/done-uploading", token=token), 404)
    said = api.post(f"/rooms/{at_work['id']}/done-uploading", token=token)
    assert said.status == 200 and said.json["room_id"] == at_work["id"]
    pump()
    kinds = lambda rid: [f["kind"] for f in api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]]  # noqa: E731
    assert "done_uploading" not in kinds(at_home["id"]) and "done_uploading" in kinds(at_work["id"])
    assert_problem(api.get(f"/rooms/{at_home['id']}/done-uploading", token=token), 404)
