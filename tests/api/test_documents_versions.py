"""New versions of a document: each upload keeps its own object, the completed one
becomes current, older ones stay downloadable, and every step is in the trail."""
import pytest

from tests.api.test_errors import assert_problem, problem_status
from tests.documents_support import EXE, PDF, client_room, fetch, new_version, post_form, start_version, upload

PDF2 = PDF.replace(b"1.7", b"2.0") + b"% second\n"


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)


def _versions(api, token, doc_id):
    resp = api.get(f"/documents/{doc_id}/versions", token=token)
    assert resp.status == 200, resp.text
    return resp.json["items"]


def test_a_new_version_becomes_current_and_the_old_one_stays(api, firm, room, pump):
    doc = upload(api, room["client"], room["id"], PDF)
    second = new_version(api, firm.token, doc["id"], PDF2, name="Payslip corrected.pdf")
    assert second["status"] == "available" and second["number"] == 2 and second["current"]
    listed = _versions(api, room["client"], doc["id"])
    assert [(v["number"], v["current"], v["uploaded_by"]) for v in listed] == [
        (1, False, doc["uploaded_by"]), (2, True, second["uploaded_by"])]
    assert listed[0]["uploaded_by"] != listed[1]["uploaded_by"] and listed[1]["uploaded_by_name"]
    now = api.get(f"/documents/{doc['id']}", token=firm.token).json
    assert now["file_name"] == "Payslip corrected.pdf" and now["size"] == len(PDF2) and now["status"] == "available"
    current = api.get(f"/documents/{doc['id']}/download", token=room["client"])
    assert fetch(current.json["url"]).content == PDF2 and current.json["file_name"] == "Payslip corrected.pdf"
    old = api.get(f"/documents/{doc['id']}/download?version={listed[0]['id']}", token=room["client"])
    assert old.status == 200, old.text
    assert fetch(old.json["url"]).content == PDF and old.json["file_name"] == doc["file_name"]
    pump()  # each download's access record follows from the stream
    trail = api.get(f"/documents/{doc['id']}/access", token=firm.token).json["items"]
    assert [(a["action"], a["version"]) for a in trail] == [
        ("downloaded", listed[0]["id"]), ("downloaded", second["id"]), ("versioned", second["id"]),
        ("uploaded", doc["id"])]
    feed = api.get(f"/rooms/{room['id']}/feed", token=room["client"]).json["items"]
    assert [f["kind"] for f in feed][:2] == ["document_versioned", "document_shared"]


def test_storage_counts_every_kept_version(api, firm, room, aws):
    import boto3
    doc = upload(api, firm.token, room["id"], PDF)
    new_version(api, firm.token, doc["id"], PDF2)
    table = boto3.resource("dynamodb", region_name="us-east-1").Table(aws["ATRIUM_TABLE"])
    firm_item = table.get_item(Key={"PK": f"F#{firm.id}#FIRM", "SK": "FIRM"})["Item"]
    assert firm_item["storage_bytes"] == len(PDF) + len(PDF2) and firm_item["document_count"] == 1


def test_a_disguised_version_is_rejected_and_the_current_one_stays(api, firm, room):
    doc = upload(api, firm.token, room["id"], PDF)
    started = start_version(api, firm.token, doc["id"], EXE, name="update.pdf")
    post_form(started.json["upload"], EXE)
    done = api.post(f"/documents/{doc['id']}/versions/{started.json['version']['id']}/complete", token=firm.token)
    assert done.status == 200 and done.json["status"] == "rejected" and not done.json["current"]
    again = api.post(f"/documents/{doc['id']}/versions/{started.json['version']['id']}/complete", token=firm.token)
    assert again.json == done.json
    assert api.get(f"/documents/{doc['id']}", token=firm.token).json["size"] == len(PDF)
    assert_problem(api.get(f"/documents/{doc['id']}/download?version={started.json['version']['id']}",
                           token=firm.token), 409)
    # A portal user sees the available versions and their own uploads only.
    assert [v["number"] for v in _versions(api, room["client"], doc["id"])] == [1]


def test_refusals_store_nothing(api, firm, other_firm, room):
    doc = upload(api, room["client"], room["id"], PDF)
    before = api.get(f"/documents/{doc['id']}", token=firm.token).json
    assert_problem(start_version(api, firm.token, doc["id"], PDF, name="a/b.pdf"), 400)
    assert_problem(start_version(api, firm.token, doc["id"], PDF, name="x.svg", content_type="image/svg+xml"), 422)
    assert_problem(api.post(f"/documents/{doc['id']}/versions", {"file_name": "x.pdf"}, token=firm.token), 400)
    assert_problem(start_version(api, other_firm.token, doc["id"], PDF), 404)
    assert_problem(start_version(api, firm.token, "NOPE", PDF), 404)
    started = start_version(api, firm.token, doc["id"], PDF)
    version_id = started.json["version"]["id"]
    assert_problem(api.post(f"/documents/{doc['id']}/versions/{version_id}/complete", token=firm.token), 409)
    assert_problem(api.post(f"/documents/{doc['id']}/versions/{version_id}/complete", token=room["client"]), 404)
    assert_problem(api.post(f"/documents/{doc['id']}/versions/{version_id}/complete", token=other_firm.token), 404)
    assert_problem(api.get(f"/documents/{doc['id']}/versions", token=other_firm.token), 404)
    assert_problem(api.get(f"/documents/{doc['id']}/download?version=NOPE", token=firm.token), 404)
    assert_problem(api.get(f"/documents/{doc['id']}/download?version=a-b", token=firm.token), 400)
    assert_problem(api.get(f"/documents/{doc['id']}/download?version={doc['id']}", token=other_firm.token), 404)
    assert [v["status"] for v in _versions(api, firm.token, doc["id"])] == ["available", "pending"]
    assert api.get(f"/documents/{doc['id']}", token=firm.token).json == before


def test_an_internal_document_has_no_versions_for_a_portal_user(api, firm, room):
    doc = upload(api, firm.token, room["id"], PDF, internal=True)
    assert problem_status(api.get(f"/documents/{doc['id']}/versions", token=room["client"])) == 404
    assert problem_status(start_version(api, room["client"], doc["id"], PDF2)) == 404
    assert problem_status(api.get(f"/documents/{doc['id']}/download?version={doc['id']}", token=room["client"])) == 404


def test_a_download_needs_an_available_version_and_a_seat_and_each_is_recorded(api, firm, room, pump):
    doc = upload(api, room["client"], room["id"], PDF)
    pending = start_version(api, firm.token, doc["id"], PDF2).json["version"]["id"]
    assert_problem(api.get(f"/documents/{doc['id']}/download?version={pending}", token=firm.token), 409)
    assert api.get(f"/documents/{doc['id']}/download?version={doc['id']}", token=room["client"]).status == 200
    left = api.request("DELETE", f"/rooms/{room['id']}/members/{doc['uploaded_by']}", token=firm.token)
    assert left.status in (200, 204), left.text
    for path in (f"/documents/{doc['id']}/download", f"/documents/{doc['id']}/download?version={doc['id']}"):
        assert_problem(api.get(path, token=room["client"]), 404)
    pump()  # the access records follow from the stream
    trail = api.get(f"/documents/{doc['id']}/access", token=firm.token).json["items"]
    assert [(a["action"], a["user_role"], a["version"]) for a in trail] == [
        ("downloaded", "client", doc["id"]), ("uploaded", "client", doc["id"])]


def test_later_pages_of_versions_take_the_document_from_the_cursor_and_the_seat_from_the_caller(api, firm, room):
    doc = upload(api, room["client"], room["id"], PDF)
    second = new_version(api, firm.token, doc["id"], PDF2)
    path = f"/documents/{doc['id']}/versions?limit=1"
    first = api.get(path, token=room["client"])
    assert first.status == 200, first.text
    assert [(v["id"], v["current"]) for v in first.json["items"]] == [(doc["id"], False)]
    later = api.get(f"{path}&cursor={first.json['next_cursor']}", token=room["client"])
    assert later.status == 200, later.text
    assert [(v["id"], v["current"]) for v in later.json["items"]] == [(second["id"], True)]
    left = api.request("DELETE", f"/rooms/{room['id']}/members/{doc['uploaded_by']}", token=firm.token)
    assert left.status in (200, 204), left.text
    assert_problem(api.get(f"{path}&cursor={first.json['next_cursor']}", token=room["client"]), 404)
    assert api.get(f"{path}&cursor={first.json['next_cursor']}", token=firm.token).json["items"][0]["current"]
    body, signature = first.json["next_cursor"].split(".")
    forged = f"{body}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"  # what it carries is signed too
    assert_problem(api.get(f"{path}&cursor={forged}", token=firm.token), 422)


def test_a_document_stored_before_it_kept_its_versions_is_given_them_by_the_backfill(api, firm, room, aws):
    """Before the backfill an older version of such a document is refused (404, nothing
    recorded); after it, its download is the one UpdateItem, and a rerun writes nothing."""
    import boto3
    from chalicelib.documents import kept_versions
    from tests.clients_support import last_calls
    doc = upload(api, firm.token, room["id"], PDF)
    new_version(api, firm.token, doc["id"], PDF2)
    table = boto3.resource("dynamodb", region_name="us-east-1").Table(aws["ATRIUM_TABLE"])
    key = {"PK": f"F#{firm.id}#DOC#{doc['id']}", "SK": "DOC"}
    kept = [a for a in table.get_item(Key=key)["Item"] if a.startswith("kept_")]
    table.update_item(Key=key, UpdateExpression="REMOVE " + ", ".join(f"#k{i}" for i in range(len(kept))),
                      ExpressionAttributeNames={f"#k{i}": a for i, a in enumerate(kept)})
    older = f"/documents/{doc['id']}/download?version={doc['id']}"
    assert_problem(api.get(older, token=firm.token), 404)
    assert kept_versions.backfill(firm.id) == 1
    stored = table.get_item(Key=key)["Item"]
    assert sorted(a for a in stored if a.startswith("kept_")) == sorted(kept)
    got = api.get(older, token=firm.token)
    assert (got.status, last_calls()) == (200, 2), got.text
    assert fetch(got.json["url"]).content == PDF
    assert_problem(api.get(f"/documents/{doc['id']}/download?version=NOPE", token=firm.token), 404)
    assert kept_versions.backfill(firm.id) == 0
