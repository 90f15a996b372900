"""A client's document area: uploads of its own (in folders) and the documents of all its
rooms in one list, newest first; portal users never see internal ones. Storage used is
counted per firm and per client."""
import pytest

from tests.api.test_errors import assert_problem
from tests.documents_support import PDF, client_room, post_form, upload


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)


def _area_upload(api, token, client_id, data=PDF, **body):
    started = api.post(f"/clients/{client_id}/documents", {"file_name": "Passport.pdf",
                                                           "content_type": "application/pdf",
                                                           "size": len(data), **body}, token=token)
    assert started.status == 201, started.text
    post_form(started.json["upload"], data)
    done = api.post(f"/documents/{started.json['document']['id']}/complete", token=token)
    assert done.status == 200, done.text
    return done.json


def _area(api, token, client_id, query=""):
    resp = api.get(f"/clients/{client_id}/documents{query}", token=token)
    assert resp.status == 200, resp.text
    return [d["file_name"] for d in resp.json["items"]]


def test_the_area_lists_its_own_uploads_and_every_room_newest_first(api, firm, room, pump):
    in_room = upload(api, room["client"], room["id"], PDF, name="Payslip.pdf")
    upload(api, firm.token, room["id"], PDF, name="Working notes.pdf", internal=True)
    passport = _area_upload(api, room["client"], room["client_id"], folder="Identity")
    assert passport["room_id"] is None and passport["folder"] == "Identity" and passport["status"] == "available"
    _area_upload(api, firm.token, room["client_id"], file_name="Engagement letter.pdf")
    assert _area(api, firm.token, room["client_id"]) == [
        "Engagement letter.pdf", "Passport.pdf", "Working notes.pdf", "Payslip.pdf"]
    assert _area(api, room["client"], room["client_id"]) == ["Engagement letter.pdf", "Passport.pdf", "Payslip.pdf"]
    assert _area(api, room["client"], room["client_id"], "?folder=Identity") == ["Passport.pdf"]
    assert _area(api, firm.token, room["client_id"], "?q=PAYS") == ["Payslip.pdf"]
    # Filing and the trash reach the area from the stream: its entries follow the document.
    api.request("PATCH", f"/documents/{in_room['id']}", json={"folder": "Identity"}, token=firm.token)
    pump()
    assert _area(api, room["client"], room["client_id"], "?folder=Identity") == ["Passport.pdf", "Payslip.pdf"]
    api.request("DELETE", f"/documents/{passport['id']}", token=firm.token)
    pump()
    assert _area(api, room["client"], room["client_id"], "?folder=Identity") == ["Payslip.pdf"]
    seen = api.get(f"/documents/{passport['id']}", token=firm.token)
    assert seen.status == 200 and seen.json["status"] == "trashed"
    link = api.get(f"/documents/{in_room['id']}/download", token=room["client"])
    assert link.status == 200
    # Staff pages, filtered or not, chain to the end and never show the list's head.
    for query, names in (("", ["Engagement letter.pdf", "Working notes.pdf", "Payslip.pdf"]),
                         ("&folder=Identity", ["Payslip.pdf"])):
        assert _pages(api, firm.token, f"/clients/{room['client_id']}/documents?limit=1{query}") == names
    trail = _pages(api, firm.token, f"/clients/{room['client_id']}/document-trail?limit=2", key="action")
    assert trail and all(trail), "every page of the trail holds access records only"


def _pages(api, token, path, key="file_name"):
    seen, cursor = [], None
    for _ in range(50):
        resp = api.get(path + (f"&cursor={cursor}" if cursor else ""), token=token)
        assert resp.status == 200, resp.text
        seen += [item[key] for item in resp.json["items"]]
        cursor = resp.json["next_cursor"]
        if not cursor:
            return seen
    raise AssertionError("the pages never ended")


def test_storage_is_counted_per_firm_and_per_client(api, firm, other_firm, room):
    _area_upload(api, firm.token, room["client_id"])
    upload(api, firm.token, room["id"], PDF)
    storage = api.get("/firm/storage", token=firm.token)
    assert storage.status == 200 and storage.json == {"storage_bytes": 2 * len(PDF), "document_count": 2}
    client = api.get(f"/clients/{room['client_id']}", token=firm.token).json
    assert client["storage_bytes"] == 2 * len(PDF) and client["document_count"] == 2
    assert "storage_bytes" not in api.get(f"/clients/{room['client_id']}", token=room["client"]).json
    assert api.get("/firm/storage", token=other_firm.token).json == {"storage_bytes": 0, "document_count": 0}
    assert_problem(api.get("/firm/storage", token=room["client"]), 403)


def test_refusals_store_nothing(api, firm, other_firm, room):
    path = f"/clients/{room['client_id']}/documents"
    body = {"file_name": "Passport.pdf", "content_type": "application/pdf", "size": len(PDF)}
    assert_problem(api.post(path, {**body, "internal": True}, token=room["client"]), 403)
    assert_problem(api.post(path, {**body, "folder": "a/b"}, token=firm.token), 400)
    assert_problem(api.post(path, {**body, "file_name": "x.exe"}, token=firm.token), 400)
    assert_problem(api.post(path, {**body, "content_type": "image/svg+xml", "file_name": "x.svg"}, token=firm.token),
                   422)
    assert_problem(api.post(path, body, token=other_firm.token), 404)
    assert_problem(api.post(f"/clients/{room['client_id']}x/documents", body, token=firm.token), 404)
    assert_problem(api.get(path, token=other_firm.token), 404)
    assert_problem(api.get(f"{path}?folder=", token=firm.token), 400)
    assert_problem(api.get(f"{path}?colour=red", token=firm.token), 400)
    assert api.request("POST", f"/clients/{room['client_id']}/archive", token=firm.token).status == 200
    assert_problem(api.post(path, body, token=firm.token), 409)
    assert _area(api, firm.token, room["client_id"]) == []


def test_another_clients_portal_user_sees_nothing_of_the_area(api, firm, room):
    from tests.clients_support import create_client, entity, portal_user
    other = create_client(api, firm.token, entity(email="olga@elsewhere.example"))
    token = portal_user(api, firm.token, other["id"], other["primary_contact_id"], "olga@elsewhere.example")
    _area_upload(api, room["client"], room["client_id"])
    assert_problem(api.get(f"/clients/{room['client_id']}/documents", token=token), 404)
    assert_problem(api.post(f"/clients/{room['client_id']}/documents",
                            {"file_name": "a.pdf", "content_type": "application/pdf", "size": 10}, token=token), 404)
    assert _area(api, token, other["id"]) == []


def test_a_portal_users_room_upload_belongs_to_the_client_their_seat_names_with_no_read(api, firm, room):
    from tests.clients_support import last_calls
    from tests.documents_support import start
    started = start(api, room["client"], room["id"], PDF, name="Receipt.pdf")
    assert started.status == 201, started.text
    assert last_calls() == 2  # the principal lookup and the write: the seat named the room's client
    listed = api.get(f"/clients/{room['client_id']}/documents", token=firm.token).json["items"]
    assert [(d["id"], d["client_id"]) for d in listed] == [(started.json["document"]["id"], room["client_id"])]
