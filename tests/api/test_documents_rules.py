"""What documents refuse: bad names, sizes and types, the wrong person, another firm,
and a stored object that is not what was declared. Every refusal is a problem and
stores nothing."""
import boto3
import pytest

from tests.api.test_errors import assert_problem
from tests.documents_support import PDF, client_room, fetch, post_form, room_documents, start, start_version, upload
from tests.rooms_support import portal_entity
from tests.support import invite_staff


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)



NAMES = ["../../etc/passwd.pdf", "a/b.pdf", "..\\x.pdf", "..", "bill\x00.pdf", "bill\r\n.pdf",
         "invoice\u202efdp.exe", "x" * 996 + ".pdf", " ", "zero\u200b.pdf"]
SIZES = [(0, 400), (-5, 400), ("12", 400), (5 * 1024 ** 3 + 1, 400), (100 * 1024 ** 2 + 1, 413)]


def test_names_that_could_climb_or_disguise_and_sizes_out_of_bounds_are_refused(api, firm, room):
    for name in NAMES:
        resp = start(api, room["client"], room["id"], PDF, name=name)
        assert_problem(resp, 400)
        assert any(e["loc"].endswith("file_name") for e in resp.json["errors"]), (name, resp.json)
    for size, status in SIZES:
        resp = api.post(f"/rooms/{room['id']}/documents", {"file_name": "a.pdf", "content_type": "application/pdf",
                                                           "size": size}, token=room["client"])
        assert_problem(resp, status)
    assert room_documents(api, firm, room["id"]) == []


def test_types_the_firm_does_not_accept_or_names_that_do_not_fit_are_refused(api, firm, room):
    assert_problem(start(api, room["client"], room["id"], b"<svg/>", name="x.svg", content_type="image/svg+xml"), 422)
    assert_problem(start(api, room["client"], room["id"], b"PK\x03\x04", name="x.zip",
                         content_type="application/zip"), 422)
    assert_problem(start(api, room["client"], room["id"], PDF, name="invoice.exe"), 400)
    assert room_documents(api, firm, room["id"]) == []


def _put(api, body, token):
    return api.request("PUT", "/firm/document-settings", json=body, token=token)


def test_firm_settings_lower_the_limit_and_choose_types(api, firm, room):
    kept = upload(api, firm.token, room["id"], PDF)  # before the rules change
    assert api.get("/firm/document-settings", token=firm.token).json["max_size"] == 100 * 1024 * 1024
    assert_problem(_put(api, {"max_size": 6 * 1024 ** 3}, token=firm.token), 400)
    assert_problem(_put(api, {"allowed_types": ["application/x-msdownload"]},
                           token=firm.token), 400)
    assert_problem(_put(api, {"max_size": 10}, token=room["client"]), 403)
    saved = _put(api, {"max_size": 50, "allowed_types": ["application/zip"]},
                    token=firm.token)
    assert saved.status == 200 and saved.json["max_size"] == 50 and saved.json["allowed_types"] == ["application/zip"]
    assert_problem(start(api, room["client"], room["id"], PDF), 422)
    assert_problem(start(api, room["client"], room["id"], b"PK\x03\x04" * 20, name="a.zip",
                         content_type="application/zip"), 413)
    assert api.get("/firm", token=firm.token).status == 200
    # The rules come with every caller's principal: a client's area and a new version obey them too.
    pdf = {"file_name": "Payslip.pdf", "content_type": "application/pdf", "size": len(PDF)}
    assert_problem(api.post(f"/clients/{room['client_id']}/documents", pdf, token=room["client"]), 422)
    assert_problem(start_version(api, firm.token, kept["id"], PDF), 422)
    assert room_documents(api, firm, room["id"]) == [kept]


def test_an_object_bigger_or_of_another_type_than_declared_is_rejected(api, firm, room):
    started = start(api, room["client"], room["id"], PDF)
    post_form(started.json["upload"], PDF + b"more bytes than declared")
    done = api.post(f"/documents/{started.json['document']['id']}/complete", token=room["client"])
    assert done.json["status"] == "rejected" and "were declared" in done.json["reason"]
    started = start(api, room["client"], room["id"], PDF)
    form = dict(started.json["upload"], fields={**started.json["upload"]["fields"], "Content-Type": "text/html"})
    post_form(form, PDF)
    done = api.post(f"/documents/{started.json['document']['id']}/complete", token=room["client"])
    assert done.json["status"] == "rejected" and "text/html" in done.json["reason"]


def test_complete_before_the_file_arrived_is_a_conflict_and_keeps_it_pending(api, firm, room):
    started = start(api, room["client"], room["id"], PDF)
    doc_id = started.json["document"]["id"]
    assert_problem(api.post(f"/documents/{doc_id}/complete", token=room["client"]), 409)
    assert api.get(f"/documents/{doc_id}", token=firm.token).json["status"] == "pending"


def test_nobody_completes_someone_elses_upload(api, firm, other_firm, room):
    started = start(api, room["client"], room["id"], PDF)
    doc_id = started.json["document"]["id"]
    post_form(started.json["upload"], PDF)
    for token in (firm.token, other_firm.token):
        resp = api.post(f"/documents/{doc_id}/complete", token=token)
        assert_problem(resp, 404)
        assert doc_id not in resp.text
    assert api.get(f"/documents/{doc_id}", token=firm.token).json["status"] == "pending"


def test_another_firm_sees_nothing(api, firm, other_firm, room):
    doc = upload(api, room["client"], room["id"], PDF)
    for path in (f"/documents/{doc['id']}", f"/documents/{doc['id']}/download", f"/documents/{doc['id']}/access",
                 f"/rooms/{room['id']}/documents"):
        resp = api.get(path, token=other_firm.token)
        assert_problem(resp, 404)
        assert "Payslip" not in resp.text
    assert_problem(start(api, other_firm.token, room["id"], PDF), 404)
    trail = api.get(f"/documents/{doc['id']}/access", token=firm.token).json["items"]
    assert [a["action"] for a in trail] == ["uploaded"]


def test_internal_documents_stay_with_staff(api, firm, room, pump):
    assert_problem(start(api, room["client"], room["id"], PDF, internal=True), 403)
    doc = upload(api, firm.token, room["id"], PDF, name="Working paper.pdf", internal=True)
    assert doc["internal"] is True and doc["key"].startswith(f"{firm.id}/")
    for path in (f"/documents/{doc['id']}", f"/documents/{doc['id']}/download"):
        assert_problem(api.get(path, token=room["client"]), 404)
    listed = api.get(f"/rooms/{room['id']}/documents", token=room["client"])
    assert listed.status == 200 and listed.json["items"] == []
    feed = api.get(f"/rooms/{room['id']}/feed", token=room["client"]).json["items"]
    assert not any(f["kind"] == "document_shared" for f in feed)
    staff_feed = api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]
    assert any(f["kind"] == "document_shared" and f["payload"]["file_name"] == "Working paper.pdf"
               for f in staff_feed)


def test_only_the_access_history_is_staff_only_and_outsiders_get_404(api, firm, room, pump):
    doc = upload(api, firm.token, room["id"], PDF, name="Engagement letter.pdf")
    client_copy = api.get(f"/documents/{doc['id']}/download", token=room["client"])
    assert client_copy.status == 200 and fetch(client_copy.json["url"]).content == PDF
    assert_problem(api.get(f"/documents/{doc['id']}/access", token=room["client"]), 403)
    outsider = portal_entity(api, firm)["primary_token"]
    for path in (f"/documents/{doc['id']}", f"/documents/{doc['id']}/download", f"/rooms/{room['id']}/documents"):
        assert_problem(api.get(path, token=outsider), 404)
    pump()
    trail = api.get(f"/documents/{doc['id']}/access", token=firm.token).json["items"]
    assert [(a["action"], a["user_role"]) for a in trail] == [("downloaded", "client"), ("uploaded", "owner")]


def test_lists_are_newest_first_searchable_and_count_storage(api, firm, room):
    first = upload(api, room["client"], room["id"], PDF, name="Bank statement.pdf")
    second = upload(api, room["client"], room["id"], b"a,b\n1,2\n", name="Ledger.csv", content_type="text/csv")
    listed = api.get(f"/rooms/{room['id']}/documents", token=room["client"]).json["items"]
    assert [d["id"] for d in listed] == [second["id"], first["id"]]
    found = api.get(f"/rooms/{room['id']}/documents?q=STATE", token=firm.token).json["items"]
    assert [d["file_name"] for d in found] == ["Bank statement.pdf"]
    assert_problem(api.get(f"/rooms/{room['id']}/documents?limit=0", token=firm.token), 400)
    table = boto3.resource("dynamodb", region_name="us-east-1").Table("atrium")
    firm_item = table.get_item(Key={"PK": f"F#{firm.id}#FIRM", "SK": "FIRM"})["Item"]
    assert firm_item["storage_bytes"] == len(PDF) + 8 and firm_item["document_count"] == 2
    client_item = table.get_item(Key={"PK": f"F#{firm.id}#CLIENT#{room['client_id']}", "SK": "CLIENT"})["Item"]
    assert client_item["storage_bytes"] == len(PDF) + 8


def test_staff_colleague_may_upload_and_download(api, firm, room, pump):
    _, colleague = invite_staff(api, firm, pump, "sam@northwind.example")
    doc = upload(api, colleague, room["id"], PDF, name="Summary.pdf")
    assert api.get(f"/documents/{doc['id']}/download", token=colleague).status == 200


def test_an_archived_room_takes_no_uploads(api, firm, room):
    assert api.post(f"/rooms/{room['id']}/archive", token=firm.token).status == 200
    assert_problem(start(api, room["client"], room["id"], PDF), 409)
    assert_problem(api.post(f"/rooms/{room['id']}/done-uploading", token=room["client"]), 409)
