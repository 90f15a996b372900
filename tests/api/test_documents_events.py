"""S3's "Object Created" event finalises an upload as the complete call does; the
later of the two changes nothing, and events that name no document are ignored."""
import pytest

from tests.documents_support import EXE, PDF, client_room, post_form, start


@pytest.fixture
def room(api, firm):
    return client_room(api, firm)


def _event(key, bucket="atrium-files", kind="Object Created"):
    return {"version": "0", "source": "aws.s3", "detail-type": kind, "account": "123456789012",
            "region": "us-east-1", "resources": [f"arn:aws:s3:::{bucket}"],
            "detail": {"version": "0", "bucket": {"name": bucket}, "object": {"key": key, "size": 1},
                       "reason": "PostObject"}}


def _uploaded(api, room, data, name="Payslip.pdf"):
    started = start(api, room["client"], room["id"], data, name=name)
    post_form(started.json["upload"], data)
    return started.json["document"]["id"], started.json["upload"]["fields"]["key"]


def test_the_event_finalises_and_the_later_complete_is_a_no_op(api, firm, room):
    from app import document_stored
    doc_id, key = _uploaded(api, room, PDF)
    assert document_stored(_event(key), None) == {"document_id": doc_id, "status": "available"}
    assert document_stored(_event(key), None) == {"document_id": doc_id, "status": "available"}
    done = api.post(f"/documents/{doc_id}/complete", token=room["client"])
    assert done.status == 200 and done.json["status"] == "available"
    trail = api.get(f"/documents/{doc_id}/access", token=firm.token).json["items"]
    assert [(a["action"], a["user_role"]) for a in trail] == [("uploaded", "system")]
    feed = api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]
    assert [f["kind"] for f in feed].count("document_shared") == 1


def test_the_event_rejects_a_disguised_program_and_ignores_strangers(api, firm, room):
    from app import document_stored
    doc_id, key = _uploaded(api, room, EXE, name="invoice.pdf")
    assert document_stored(_event(key), None)["status"] == "rejected"
    assert api.get(f"/documents/{doc_id}", token=firm.token).json["status"] == "rejected"
    firm_id, room_id, _, version = key.split("/")
    for event in (_event(key, bucket="elsewhere"), _event(f"{firm_id}/{room_id}/NOPE/{version}"),
                  _event("../../etc"), _event(f"{firm_id}#x/{room_id}/{doc_id}/{version}"),
                  _event(key, kind="Object Deleted"), {}):
        assert "ignored" in document_stored(event, None)
