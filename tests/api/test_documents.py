"""Documents both ways: a portal user uploads a PDF into a room through the presigned
POST, completes it, staff download it byte for byte, and the access history shows both.
A renamed program declared as a PDF is rejected, deleted from S3, and says why."""
import base64
import json

import boto3
import pytest

from tests.api.test_errors import assert_problem
from tests.documents_support import EXE, PDF, client_room, fetch, post_form, start, upload


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)


def _objects(prefix=""):
    listed = boto3.client("s3", region_name="us-east-1").list_objects_v2(Bucket="atrium-files", Prefix=prefix)
    return [o["Key"] for o in listed.get("Contents", [])]


def test_client_uploads_a_pdf_and_staff_download_it_byte_identical(api, firm, room, pump):
    doc = upload(api, room["client"], room["id"], PDF, name="Payslip März.pdf")
    assert doc["status"] == "available" and doc["size"] == len(PDF) and doc["file_name"] == "Payslip März.pdf"
    assert "key" not in doc and "internal" not in doc and "client_id" not in doc
    link = api.get(f"/documents/{doc['id']}/download", token=firm.token,
                   headers={"user-agent": "curl/8.5.0"})
    assert link.status == 200, link.text
    got = fetch(link.json["url"])
    assert got.content == PDF
    disposition = got.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''Payslip%20M%C3%A4rz.pdf" in disposition
    assert "X-Amz-Expires=300" in link.json["url"] and "X-Amz-Algorithm=AWS4-HMAC-SHA256" in link.json["url"]
    pump()  # the download's access record follows from the stream
    trail = api.get(f"/documents/{doc['id']}/access", token=firm.token)
    assert trail.status == 200, trail.text
    actions = [(a["action"], a["user_role"]) for a in trail.json["items"]]
    assert actions == [("downloaded", "owner"), ("uploaded", "client")]
    assert trail.json["items"][0]["user_agent"] == "curl/8.5.0" and trail.json["items"][0]["source_ip"]


def test_the_form_pins_key_size_type_encryption_and_expires_within_15_minutes(api, firm, room):
    started = start(api, room["client"], room["id"], PDF)
    assert started.status == 201, started.text
    form = started.json["upload"]["fields"]
    policy = json.loads(base64.b64decode(form["policy"]))
    conditions = policy["conditions"]
    key = form["key"]
    assert key.startswith(f"{firm.id}/{room['id']}/{started.json['document']['id']}/") and "Payslip" not in key
    assert {"key": key} in conditions and {"bucket": "atrium-files"} in conditions
    assert ["content-length-range", len(PDF), len(PDF)] in conditions
    assert {"Content-Type": "application/pdf"} in conditions
    assert {"x-amz-server-side-encryption": "AES256"} in conditions
    from datetime import datetime, timezone
    expires = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert 0 < (expires - datetime.now(timezone.utc)).total_seconds() <= 15 * 60


def test_a_renamed_program_declared_as_pdf_is_rejected_and_deleted(api, firm, room):
    started = start(api, room["client"], room["id"], EXE, name="invoice.pdf")
    doc_id = started.json["document"]["id"]
    post_form(started.json["upload"], EXE)
    assert _objects(started.json["upload"]["fields"]["key"])
    done = api.post(f"/documents/{doc_id}/complete", token=room["client"])
    assert done.status == 200 and done.json["status"] == "rejected"
    assert "do not match its declared type, application/pdf" in done.json["reason"]
    assert not _objects(started.json["upload"]["fields"]["key"])
    assert_problem(api.get(f"/documents/{doc_id}/download", token=firm.token), 409)
    again = api.post(f"/documents/{doc_id}/complete", token=room["client"])
    assert again.status == 200 and again.json["status"] == "rejected"
    trail = api.get(f"/documents/{doc_id}/access", token=firm.token).json["items"]
    assert [a["action"] for a in trail] == ["rejected"]


def test_a_replayed_complete_changes_nothing(api, firm, room):
    doc = upload(api, room["client"], room["id"], PDF)
    again = api.post(f"/documents/{doc['id']}/complete", token=room["client"])
    assert again.status == 200 and again.json == doc
    trail = api.get(f"/documents/{doc['id']}/access", token=firm.token).json["items"]
    assert [a["action"] for a in trail] == ["uploaded"]
    feed = api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]
    assert sum(1 for f in feed if f["kind"] == "document_shared") == 1
