"""Large files in parts: the start answers with presigned part URLs instead of a form,
the bytes go to the embedded S3 part by part over HTTP, completing joins them and
checks the file like any other, and a download gives back the same bytes."""
import boto3
import pytest

from chalicelib.documents.cancelling import CANCELLED
from tests.api.test_errors import assert_problem
from tests.documents_support import EXE, MiB, big_pdf, client_room, fetch, put_parts, start

SMALL_TAIL = 5 * MiB + 1234  # two parts: one of S3's smallest and a short last one


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)


def _start(api, token, room_id, data, **kw):
    started = start(api, token, room_id, data, multipart=True, **kw)
    assert started.status == 201, started.text
    return started.json


def _complete(api, token, doc_id, parts):
    return api.post(f"/documents/{doc_id}/complete", {"parts": parts}, token=token)


def _stored(aws, key):
    s3 = boto3.client("s3", region_name="us-east-1")
    return s3.list_objects_v2(Bucket=aws["ATRIUM_BUCKET"], Prefix=key).get("KeyCount", 0)


def test_a_file_sent_in_parts_comes_back_byte_for_byte(api, firm, room):
    data = big_pdf(2 * 5 * MiB + 777)
    started = _start(api, room["client"], room["id"], data)
    plan = started["multipart"]
    assert started["upload"] is None and started["document"]["status"] == "pending"
    assert (plan["part_size"], plan["part_count"], len(plan["parts"])) == (5 * MiB, 3, 3)
    assert plan["more"] == f"/documents/{started['document']['id']}/versions/{started['document']['id']}/parts"
    assert "key" not in started["document"] and "upload_id" not in str(started)
    done = _complete(api, room["client"], started["document"]["id"], put_parts(plan, data))
    assert done.status == 200, done.text
    assert done.json["status"] == "available" and done.json["size"] == len(data)
    again = _complete(api, room["client"], started["document"]["id"], [])
    assert_problem(again, 400)  # an empty list is bad input even when the upload is settled
    link = api.get(f"/documents/{done.json['id']}/download", token=firm.token)
    assert fetch(link.json["url"]).content == data


def test_over_the_threshold_the_plan_is_parts_and_more_urls_come_by_range(api, firm, room, pump):
    assert api.request("PUT", "/firm/document-settings", {"max_size": 1024 * MiB}, token=firm.token).status == 200
    started = api.post(f"/rooms/{room['id']}/documents", {"file_name": "Archive.pdf", "content_type": "application/pdf",
                                                         "size": 700 * MiB}, token=room["client"])
    assert started.status == 201, started.text
    plan, doc_id = started.json["multipart"], started.json["document"]["id"]
    assert plan["part_count"] == 140 and [p["part_number"] for p in plan["parts"]] == list(range(1, 101))
    more = api.get(f"{plan['more']}?first=101", token=room["client"])
    assert more.status == 200 and [p["part_number"] for p in more.json["parts"]] == list(range(101, 141))
    some = api.get(f"{plan['more']}?first=7&last=8", token=room["client"])
    assert [p["part_number"] for p in some.json["parts"]] == [7, 8]
    for bad in ("first=0", "first=x", "last=1025"):  # a number the document refuses
        assert_problem(api.get(f"{plan['more']}?{bad}", token=room["client"]), 400)
    # Numbers the document allows that do not fit together or with this upload.
    for unfit, loc in (("first=141", "query.first"), ("first=5&last=4", "query.last"), ("first=1&last=101", "query.last")):
        refused = api.get(f"{plan['more']}?{unfit}", token=room["client"])
        assert_problem(refused, 422)
        assert [e["loc"] for e in refused.json["errors"]] == [loc]
    assert_problem(api.get(plan["more"], token=firm.token), 404)  # not the uploader
    cancelled = api.post(f"/documents/{doc_id}/versions/{doc_id}/cancel", token=room["client"])
    assert cancelled.status == 200 and cancelled.json["status"] == "rejected", cancelled.text
    assert_problem(api.get(plan["more"], token=room["client"]), 409)
    assert_problem(api.post(f"/documents/{doc_id}/versions/{doc_id}/cancel", token=room["client"]), 409)
    pump()  # the document of a cancelled first upload is rejected from the stream, with its trail
    doc = api.get(f"/documents/{doc_id}", token=firm.token).json
    assert doc["status"] == "rejected" and "cancelled" in doc["reason"]
    trail = api.get(f"/documents/{doc_id}/access", token=firm.token).json["items"]
    assert [(a["action"], a["user_role"], a["detail"]) for a in trail] == [("rejected", "client", CANCELLED)]


def test_cancelling_drops_the_parts_already_sent(api, firm, room, aws, pump):
    data = big_pdf(SMALL_TAIL)
    started = _start(api, firm.token, room["id"], data)
    put_parts(started["multipart"], data)
    doc_id = started["document"]["id"]
    s3 = boto3.client("s3", region_name="us-east-1")
    assert s3.list_multipart_uploads(Bucket=aws["ATRIUM_BUCKET"]).get("Uploads")
    assert api.post(f"/documents/{doc_id}/versions/{doc_id}/cancel", token=firm.token).status == 200
    assert not s3.list_multipart_uploads(Bucket=aws["ATRIUM_BUCKET"]).get("Uploads")
    pump()
    repeat = _complete(api, firm.token, doc_id, [{"part_number": 1, "etag": "x"}])  # settled: a repeat
    assert repeat.status == 200 and repeat.json["status"] == "rejected", repeat.text


def test_parts_that_do_not_fit_the_plan_are_refused_and_nothing_is_stored(api, firm, room, aws):
    data = big_pdf(SMALL_TAIL)
    started = _start(api, room["client"], room["id"], data)
    plan, doc_id = started["multipart"], started["document"]["id"]
    key = api.get(f"/documents/{doc_id}", token=firm.token).json["key"]
    assert_problem(api.post(f"/documents/{doc_id}/complete", token=room["client"]), 400)  # parts are needed
    assert_problem(_complete(api, room["client"], doc_id, [{"part_number": n, "etag": "a"} for n in (1, 2)]),
                   409)  # not sent yet
    short = put_parts(plan, data[:-1])  # the last part one byte short
    for parts in ([short[1], short[0]], short[:1], short + [{"part_number": 3, "etag": "e"}],
                  [{**short[0], "etag": ""}, short[1]], [{"part_number": 1}, short[1]],
                  [{**short[0], "part_number": "1"}, short[1]], [{**short[0], "etag": "0" * 32}, short[1]]):
        assert_problem(_complete(api, room["client"], doc_id, parts), 400)
    assert_problem(_complete(api, firm.token, doc_id, short), 404)  # someone else's upload
    refused = assert_problem(_complete(api, room["client"], doc_id, short), 422)
    assert "declared" in refused["detail"] and _stored(aws, key) == 0
    assert api.get(f"/documents/{doc_id}", token=firm.token).json["status"] == "pending"
    fixed = put_parts({**plan, "parts": plan["parts"][1:]}, data)  # the last part sent again, whole
    done = _complete(api, room["client"], doc_id, short[:1] + fixed)
    assert done.status == 200 and done.json["status"] == "available", done.text


def test_a_disguised_program_in_parts_is_rejected_and_deleted(api, firm, room, aws):
    data = (EXE + b"\0" * SMALL_TAIL)[:SMALL_TAIL]
    started = _start(api, firm.token, room["id"], data, name="Statement.pdf")
    done = _complete(api, firm.token, started["document"]["id"], put_parts(started["multipart"], data))
    assert done.status == 200 and done.json["status"] == "rejected", done.text
    assert _stored(aws, done.json["key"]) == 0


def test_a_form_upload_takes_no_parts_and_another_firm_sees_nothing(api, firm, other_firm, room):
    started = start(api, firm.token, room["id"], b"%PDF-1.7 small")
    assert started.json["multipart"] is None and started.json["upload"]["url"]
    doc_id = started.json["document"]["id"]
    assert_problem(_complete(api, firm.token, doc_id, [{"part_number": 1, "etag": "a"}]), 400)
    assert_problem(api.get(f"/documents/{doc_id}/versions/{doc_id}/parts", token=firm.token), 409)
    assert_problem(api.post(f"/documents/{doc_id}/versions/{doc_id}/cancel", token=firm.token), 409)
    for resp in (api.get(f"/documents/{doc_id}/versions/{doc_id}/parts", token=other_firm.token),
                 api.post(f"/documents/{doc_id}/versions/{doc_id}/cancel", token=other_firm.token),
                 _complete(api, other_firm.token, doc_id, [{"part_number": 1, "etag": "a"}])):
        assert_problem(resp, 404)


def test_a_new_version_in_parts_becomes_current(api, firm, room):
    first = big_pdf(1000)
    from tests.documents_support import upload
    doc = upload(api, firm.token, room["id"], first)
    data = big_pdf(SMALL_TAIL)
    started = api.post(f"/documents/{doc['id']}/versions", {"file_name": "Bigger.pdf", "content_type": "application/pdf",
                                                            "size": len(data), "multipart": True}, token=firm.token)
    assert started.status == 201 and started.json["upload"] is None, started.text
    version_id = started.json["version"]["id"]
    assert started.json["multipart"]["more"] == f"/documents/{doc['id']}/versions/{version_id}/parts"
    done = api.post(f"/documents/{doc['id']}/versions/{version_id}/complete",
                    {"parts": put_parts(started.json["multipart"], data)}, token=firm.token)
    assert done.status == 200 and done.json["current"] and done.json["number"] == 2, done.text
    assert fetch(api.get(f"/documents/{doc['id']}/download", token=room["client"]).json["url"]).content == data
    old = api.get(f"/documents/{doc['id']}/download?version={doc['id']}", token=firm.token)
    assert fetch(old.json["url"]).content == first


def test_the_sweep_rejects_and_aborts_uploads_nobody_finished(api, firm, room, aws):
    from datetime import timedelta

    from app import sweep
    from chalicelib.core import clock
    from tests.api.test_sweeps import TICK
    data = big_pdf(SMALL_TAIL)
    stale = _start(api, room["client"], room["id"], data)
    put_parts(stale["multipart"], data)
    s3 = boto3.client("s3", region_name="us-east-1")
    assert sweep(TICK, None)["abandoned"] == 0  # nothing is old yet
    assert len(s3.list_multipart_uploads(Bucket=aws["ATRIUM_BUCKET"])["Uploads"]) == 1
    s3.create_multipart_upload(Bucket=aws["ATRIUM_BUCKET"], Key="not/a/document")  # no document owns it
    clock.freeze(clock.now() + timedelta(hours=13))
    try:
        assert sweep(TICK, None)["abandoned"] == 1
    finally:
        clock.freeze(None)
    assert not s3.list_multipart_uploads(Bucket=aws["ATRIUM_BUCKET"]).get("Uploads")
    doc = api.get(f"/documents/{stale['document']['id']}", token=room["client"]).json
    assert doc["status"] == "rejected" and "12 hours" in doc["reason"]
    late = _complete(api, room["client"], doc["id"], [{"part_number": n, "etag": "a"} for n in (1, 2)])
    assert late.status == 200 and late.json["status"] == "rejected"  # settled: a repeat changes nothing


def test_a_cancelled_version_is_refused_as_rejected_when_downloaded(api, firm, room, pump):
    from tests.documents_support import upload
    doc = upload(api, firm.token, room["id"], big_pdf(1000))
    started = api.post(f"/documents/{doc['id']}/versions", {"file_name": "Later.pdf", "content_type": "application/pdf",
                                                            "size": 6 * MiB, "multipart": True}, token=firm.token)
    version_id = started.json["version"]["id"]
    path = f"/documents/{doc['id']}/download?version={version_id}"
    assert "pending" in api.get(path, token=firm.token).json["detail"]
    assert api.post(f"/documents/{doc['id']}/versions/{version_id}/cancel", token=firm.token).status == 200
    pump()  # the document learns the outcome from the stream
    refused = api.get(path, token=firm.token)
    assert_problem(refused, 409)
    assert "rejected" in refused.json["detail"]
