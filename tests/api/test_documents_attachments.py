"""Messages carry finalised documents of their room: a client replies with an upload,
staff see it on the message; internal, pending or foreign documents are refused."""
from tests.api.test_errors import assert_problem
from tests.documents_support import PDF, client_room, start, upload
from tests.rooms_support import add_service, create_room


def test_messages_attach_finalised_documents_of_the_same_room(api, firm, pump):
    room = client_room(api, firm)
    mine = upload(api, room["client"], room["id"], PDF, name="Receipt.pdf")
    thread = api.post(f"/rooms/{room['id']}/threads", {"body": "Here is the receipt", "attachments": [mine["id"]]},
                      token=room["client"])
    assert thread.status == 201, thread.text
    assert [a["id"] for a in thread.json["attachments"]] == [mine["id"]]
    pump()  # the document's name, type and size join its id from the stream
    shown = api.get(f"/rooms/{room['id']}/threads/{thread.json['id']}", token=room["client"]).json["thread"]
    assert shown["attachments"] == [{"id": mine["id"], "file_name": "Receipt.pdf",
                                     "content_type": "application/pdf", "size": len(PDF)}]
    internal = upload(api, firm.token, room["id"], PDF, name="Working paper.pdf", internal=True)
    pending = start(api, firm.token, room["id"], PDF).json["document"]["id"]
    other_room = create_room(api, firm, room["client_id"], add_service(api, firm, "Bookkeeping"), "Books")
    foreign = upload(api, firm.token, other_room["id"], PDF)
    # Named twice or not an id: malformed (400); a document that cannot go here: 422.
    for ids, status in (([internal["id"]], 422), ([pending], 422), ([foreign["id"]], 422), (["nope"], 422),
                        ([mine["id"], mine["id"]], 400), (["no-such.id"], 400)):
        resp = api.post(f"/rooms/{room['id']}/threads/{thread.json['id']}/replies",
                        {"body": "and this", "attachments": ids}, token=firm.token)
        assert_problem(resp, status)
        assert resp.json["errors"][0]["loc"].startswith("body.attachments."), resp.json
    note = api.post(f"/rooms/{room['id']}/notes", {"body": "Check", "attachments": [internal["id"], mine["id"]]},
                    token=firm.token)
    assert note.status == 201 and len(note.json["attachments"]) == 2
    pump()
    feed = api.get(f"/rooms/{room['id']}/feed", token=room["client"]).json["items"]
    shown = [f for f in feed if f["kind"] == "message"]
    assert shown[0]["attachments"][0]["id"] == mine["id"]
    assert all(internal["id"] not in str(f) for f in feed)
