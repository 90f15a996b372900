"""Filing documents: rename and move (If-Match), the trash (30 days, restorable), and the
sweep's purge that deletes every stored version and says so in the audit trail."""
from datetime import timedelta

import boto3
import pytest

from app import sweep
from chalicelib.core import clock
from tests.api.test_errors import assert_problem
from tests.api.test_sweeps import TICK
from tests.documents_support import PDF, client_room, new_version, post_form, start, start_version, upload


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)


def _objects(prefix):
    listed = boto3.client("s3", region_name="us-east-1").list_object_versions(Bucket="atrium-files", Prefix=prefix)
    return listed.get("Versions", [])


def _patch(api, doc_id, body, token, version=None):
    return api.request("PATCH", f"/documents/{doc_id}", json=body, token=token,
                       headers={"If-Match": f'"{version}"'} if version else None)


def _room_ids(api, token, room_id):
    return [d["id"] for d in api.get(f"/rooms/{room_id}/documents", token=token).json["items"]]


def test_rename_and_move_with_if_match(api, firm, room, pump):
    doc = upload(api, firm.token, room["id"], PDF)
    renamed = _patch(api, doc["id"], {"file_name": "Payslip April.pdf", "folder": "Payslips"}, firm.token,
                     doc["version"])
    assert renamed.status == 200, renamed.text
    assert renamed.json["file_name"] == "Payslip April.pdf" and renamed.json["folder"] == "Payslips"
    assert renamed.headers["ETag"] == f'"{doc["version"] + 1}"'
    assert_problem(_patch(api, doc["id"], {"folder": "Other"}, firm.token, doc["version"]), 412)
    out = _patch(api, doc["id"], {"folder": None}, firm.token)
    assert out.status == 200 and out.json["folder"] is None
    seen = api.get(f"/documents/{doc['id']}", token=room["client"]).json
    assert seen["file_name"] == "Payslip April.pdf" and "trashed_at" not in seen
    pump()  # the trail follows each filing change from the stream
    trail = api.get(f"/documents/{doc['id']}/access", token=firm.token).json["items"]
    assert [(a["action"], a["detail"]) for a in trail][:2] == [
        ("moved", "moved to no folder"), ("moved", "renamed from Payslip March.pdf; moved to Payslips")]


@pytest.mark.parametrize("with_ticket", [True, False])
def test_a_name_given_while_pending_outlives_the_upload(api, firm, room, with_ticket):
    started = start(api, firm.token, room["id"], PDF)
    doc_id = started.json["document"]["id"]
    renamed = _patch(api, doc_id, {"file_name": "Payslip April.pdf"}, firm.token)
    assert renamed.status == 200 and renamed.json["file_name"] == "Payslip April.pdf", renamed.text
    post_form(started.json["upload"], PDF)
    done = api.post(f"/documents/{doc_id}/complete", {"ticket": started.json["ticket"]} if with_ticket else {},
                    token=firm.token)
    assert done.status == 200 and done.json["status"] == "available", done.text
    assert done.json["file_name"] == "Payslip April.pdf"
    assert api.get(f"/documents/{doc_id}", token=room["client"]).json["file_name"] == "Payslip April.pdf"
    listed = api.get(f"/rooms/{room['id']}/documents", token=firm.token).json["items"]
    assert [d["file_name"] for d in listed if d["id"] == doc_id] == ["Payslip April.pdf"]


def test_bad_renames_change_nothing(api, firm, other_firm, room):
    doc = upload(api, firm.token, room["id"], PDF)
    for body in ({}, {"file_name": None}, {"file_name": "a/b.pdf"}, {"folder": "a/b"}, {"folder": ""},
                 {"colour": "red"}):
        assert_problem(_patch(api, doc["id"], body, firm.token), 400)
    assert_problem(_patch(api, doc["id"], {"file_name": "Payslip.exe"}, firm.token), 400)
    assert_problem(api.request("PATCH", f"/documents/{doc['id']}", json={"folder": "x"}, token=firm.token,
                               headers={"If-Match": "yesterday"}), 400)
    assert_problem(_patch(api, doc["id"], {"folder": "x"}, room["client"]), 403)
    assert_problem(_patch(api, doc["id"], {"folder": "x"}, other_firm.token), 404)
    assert_problem(_patch(api, "NOPE", {"folder": "x"}, firm.token), 404)
    assert api.get(f"/documents/{doc['id']}", token=firm.token).json == doc


def test_trash_hides_restore_brings_back(api, firm, other_firm, room, pump):
    doc = upload(api, room["client"], room["id"], PDF)
    assert_problem(api.request("DELETE", f"/documents/{doc['id']}", token=room["client"]), 403)
    assert_problem(api.request("DELETE", f"/documents/{doc['id']}", token=other_firm.token), 404)
    trashed = api.request("DELETE", f"/documents/{doc['id']}", token=firm.token)
    assert trashed.status == 200, trashed.text
    assert trashed.json["status"] == "trashed" and trashed.json["purge_at"] > trashed.json["trashed_at"]
    assert_problem(api.request("DELETE", f"/documents/{doc['id']}", token=firm.token), 409)
    assert _room_ids(api, firm.token, room["id"]) == [] and _room_ids(api, room["client"], room["id"]) == []
    assert_problem(api.get(f"/documents/{doc['id']}", token=room["client"]), 404)
    assert_problem(api.get(f"/documents/{doc['id']}/download", token=firm.token), 409)
    assert_problem(start_version(api, firm.token, doc["id"], PDF), 409)
    assert_problem(_patch(api, doc["id"], {"folder": "x"}, firm.token), 409)
    listed = api.get("/firm/document-trash", token=firm.token)
    assert [d["id"] for d in listed.json["items"]] == [doc["id"]]
    assert api.get("/firm/document-trash", token=other_firm.token).json["items"] == []
    assert_problem(api.get("/firm/document-trash", token=room["client"]), 403)
    assert_problem(api.post(f"/documents/{doc['id']}/restore", token=room["client"]), 403)
    assert_problem(api.post(f"/documents/{doc['id']}/restore", token=other_firm.token), 404)
    back = api.post(f"/documents/{doc['id']}/restore", token=firm.token)
    assert back.status == 200 and back.json["status"] == "available" and back.json["trashed_at"] is None
    assert_problem(api.post(f"/documents/{doc['id']}/restore", token=firm.token), 409)
    assert api.get("/firm/document-trash", token=firm.token).json["items"] == []
    pump()  # the room's lists take the document back from the stream
    assert _room_ids(api, firm.token, room["id"]) == [doc["id"]] == _room_ids(api, room["client"], room["id"])
    trail = [a["action"] for a in api.get(f"/documents/{doc['id']}/access", token=firm.token).json["items"]]
    assert trail == ["restored", "trashed", "uploaded"]


def test_a_restore_followed_late_leaves_a_document_trashed_again_out_of_its_room(api, firm, room, pump):
    doc = upload(api, firm.token, room["id"], PDF)
    path = f"/documents/{doc['id']}"
    assert api.request("DELETE", path, token=firm.token).status == 200
    assert api.post(f"{path}/restore", token=firm.token).status == 200
    assert api.request("DELETE", path, token=firm.token).status == 200
    pump()  # the restoring's record arrives after the second trashing
    assert _room_ids(api, firm.token, room["id"]) == [] and _room_ids(api, room["client"], room["id"]) == []
    assert [d["id"] for d in api.get("/firm/document-trash", token=firm.token).json["items"]] == [doc["id"]]


def test_the_sweep_purges_every_version_after_30_days(api, firm, room, aws, pump):
    doc = upload(api, firm.token, room["id"], PDF)
    new_version(api, firm.token, doc["id"], PDF + b"%v2\n")
    start_version(api, firm.token, doc["id"], PDF)  # never sent: nothing stored under its key
    kept = upload(api, firm.token, room["id"], PDF, name="Kept.pdf")
    prefix = doc["key"].rsplit("/", 1)[0] + "/"
    assert len(_objects(prefix)) == 2
    assert api.request("DELETE", f"/documents/{doc['id']}", token=firm.token).status == 200
    pump()  # the trashing puts the firm on the sweep's list, from the stream
    assert sweep(TICK, None)["purged"] == 0
    clock.freeze(clock.now() + timedelta(days=30, minutes=1))
    try:
        assert_problem(api.post(f"/documents/{doc['id']}/restore", token=firm.token), 409)
        assert sweep(TICK, None)["purged"] == 1
        assert sweep(TICK, None)["purged"] == 0
    finally:
        clock.freeze(None)
    assert _objects(prefix) == [] and _objects(kept["key"])
    gone = api.get(f"/documents/{doc['id']}", token=firm.token).json
    assert gone["status"] == "purged" and gone["purged_at"]
    assert api.get("/firm/document-trash", token=firm.token).json["items"] == []
    trail = api.get(f"/documents/{doc['id']}/access", token=firm.token).json["items"]
    assert trail[0]["action"] == "purged" and trail[0]["user_role"] == "system" and "2 stored" in trail[0]["detail"]
    table = boto3.resource("dynamodb", region_name="us-east-1").Table(aws["ATRIUM_TABLE"])
    firm_item = table.get_item(Key={"PK": f"F#{firm.id}#FIRM", "SK": "FIRM"})["Item"]
    assert firm_item["storage_bytes"] == len(PDF) and firm_item["document_count"] == 1


def test_a_clients_whole_document_trail(api, firm, other_firm, room, pump):
    doc = upload(api, room["client"], room["id"], PDF)
    new_version(api, firm.token, doc["id"], PDF + b"%v2\n")
    assert api.get(f"/documents/{doc['id']}/download", token=room["client"]).status == 200
    api.request("DELETE", f"/documents/{doc['id']}", token=firm.token)
    pump()
    path = f"/clients/{room['client_id']}/document-trail"
    first = api.get(f"{path}?limit=2", token=firm.token)
    assert first.status == 200, first.text
    rest = api.get(f"{path}?limit=50&cursor={first.json['next_cursor']}", token=firm.token)
    actions = [a["action"] for a in first.json["items"] + rest.json["items"]]
    assert actions == ["trashed", "downloaded", "versioned", "uploaded"]
    assert all(a["document_id"] == doc["id"] for a in rest.json["items"])
    assert_problem(api.get(path, token=room["client"]), 403)
    assert_problem(api.get(path, token=other_firm.token), 404)
    assert_problem(api.get(f"/clients/{room['client_id']}x/document-trail", token=firm.token), 404)
    assert_problem(api.get(f"{path}?cursor=abc.def", token=firm.token), 400)
    assert_problem(api.get(f"{path}?limit=0", token=firm.token), 400)


def test_a_late_filing_copy_never_overwrites_a_newer_area_entry(api, firm, room, pump):
    doc = upload(api, firm.token, room["id"], PDF)
    assert _patch(api, doc["id"], {"file_name": "Payslip April.pdf"}, firm.token).status == 200
    # A new version is written (with its own area entry) before the rename's copies arrive.
    new_version(api, firm.token, doc["id"], PDF + b"%v2\n")
    pump()
    [entry] = api.get(f"/clients/{room['client_id']}/documents", token=firm.token).json["items"]
    now = api.get(f"/documents/{doc['id']}", token=firm.token).json
    # Without its guard the rename's late copy would show "Payslip April.pdf" at the older version.
    assert (now["file_name"], now["version"]) == ("Payslip March v2.pdf", doc["version"] + 2)
    assert entry == now
    trail = [a["action"] for a in api.get(f"/documents/{doc['id']}/access", token=firm.token).json["items"]]
    assert trail == ["versioned", "renamed", "uploaded"]
