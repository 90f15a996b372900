"""Threads, replies, internal notes and tags, the welcome message, edits within 15
minutes, safe bodies, and the firm option "clients may start threads"."""
import time
from datetime import timedelta

import pytest

from chalicelib.core import clock
from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service, create_room, portal_entity, portal_household


@pytest.fixture
def room(api, firm):
    home = portal_household(api, firm)
    made = create_room(api, firm, home.client_id, add_service(api, firm))
    return home, made["id"]


@pytest.fixture(autouse=True)
def thaw():
    yield
    clock.freeze(None)


def _thread(api, token, rid, body="Hello", **extra):
    resp = api.post(f"/rooms/{rid}/threads", {"body": body, **extra}, token=token)
    assert resp.status == 201, resp.text
    return resp.json


def test_conversation_with_internal_note_and_tag_hidden_from_clients(api, firm, room):
    home, rid = room
    welcome = _thread(api, firm.token, rid, "Welcome! Upload your **W-2** here.", welcome=True)
    assert welcome["kind"] == "message" and welcome["visibility"] == "client"
    answer = api.post(f"/rooms/{rid}/threads/{welcome['id']}/replies", {"body": "Thanks, uploading today."},
                      token=home.norbert_token)
    assert answer.status == 201 and answer.json["actor_name"] == "Norbert Lindqvist"
    assert "visibility" not in answer.json and "tags" not in answer.json
    tagged = api.request("PUT", f"/rooms/{rid}/items/{answer.json['id']}/tags", json={"tags": ["zz-secret-tag", "w2"]},
                         token=firm.token)
    assert tagged.status == 200 and tagged.json["tags"] == ["w2", "zz-secret-tag"]
    note = api.post(f"/rooms/{rid}/notes", {"body": "zz-internal: check the 1099 too"}, token=firm.token)
    assert note.status == 201 and note.json["visibility"] == "internal"

    staff_feed = api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]
    assert [i["kind"] for i in staff_feed[:3]] == ["note", "reply", "message"]
    assert staff_feed[1]["tags"] == ["w2", "zz-secret-tag"]
    for token in (home.norbert_token, home.erika_token):
        for path in (f"/rooms/{rid}/feed", f"/rooms/{rid}/threads/{welcome['id']}", f"/rooms/{rid}",
                     "/rooms", "/me/notifications", "/me/notifications/summary"):
            text = api.get(path, token=token).text
            assert "zz-secret-tag" not in text and "zz-internal" not in text and '"tags"' not in text, path
        assert_problem(api.get(f"/rooms/{rid}/threads/{note.json['id']}", token=token), 404)
        assert_problem(api.post(f"/rooms/{rid}/threads/{note.json['id']}/replies", {"body": "hi"}, token=token), 404)
    thread = api.get(f"/rooms/{rid}/threads/{welcome['id']}", token=home.erika_token).json
    assert thread["thread"]["body"] == "Welcome! Upload your **W-2** here."
    assert [r["body"] for r in thread["replies"]] == ["Thanks, uploading today."]
    assert api.get(f"/rooms/{rid}", token=firm.token).json["welcome_thread_id"] == welcome["id"]


def test_a_thread_reads_in_pages_of_replies_with_the_thread_on_the_first(api, firm, room):
    home, rid = room
    started = _thread(api, home.norbert_token, rid, "Where do I send the 1099?")
    for n in range(3):
        assert api.post(f"/rooms/{rid}/threads/{started['id']}/replies", {"body": f"Reply {n}"},
                        token=firm.token).status == 201
    first = api.get(f"/rooms/{rid}/threads/{started['id']}?limit=2", token=home.erika_token).json
    assert first["thread"]["id"] == started["id"] and [r["body"] for r in first["replies"]] == ["Reply 0", "Reply 1"]
    later = api.get(f"/rooms/{rid}/threads/{started['id']}?limit=2&cursor={first['next_cursor']}",
                    token=home.erika_token).json
    assert later["thread"] is None and [r["body"] for r in later["replies"]] == ["Reply 2"]
    # A reply is not a thread, and a thread is read only under its own room.
    reply_id = first["replies"][0]["id"]
    assert_problem(api.get(f"/rooms/{rid}/threads/{reply_id}", token=firm.token), 404)
    other = create_room(api, firm, home.client_id, add_service(api, firm, "Bookkeeping"))["id"]
    assert_problem(api.get(f"/rooms/{other}/threads/{started['id']}", token=firm.token), 404)
    # A page's cursor belongs to the list it came from.
    assert_problem(api.get(f"/rooms/{other}/threads/{started['id']}?cursor={first['next_cursor']}",
                           token=firm.token), 422)


def test_bodies_keep_no_runnable_html(api, firm, room):
    _, rid = room
    body = ('<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) '
            '![pixel](https://track.example/p.gif) [ok](https://example.com)')
    made = _thread(api, firm.token, rid, body)
    stored = made["body"]
    assert "<" not in stored and ">" not in stored and "javascript:" not in stored
    assert "[ok](https://example.com)" in stored and "click" in stored and "![" not in stored


@pytest.mark.parametrize("bad", [{"body": ""}, {"body": "   "}, {"body": "x" * 10_001}, {}, {"body": 5},
                                 {"body": "<" * 3000}, {"body": "ok", "extra": 1}])
def test_bad_bodies_are_400_and_change_nothing(api, firm, room, bad):
    _, rid = room
    assert_problem(api.post(f"/rooms/{rid}/threads", bad, token=firm.token), 400)
    assert len(api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]) == 1


def test_longest_body_is_accepted(api, firm, room):
    _, rid = room
    assert len(_thread(api, firm.token, rid, "y" * 10_000)["body"]) == 10_000


def test_edit_and_delete_within_15_minutes_with_history_for_staff(api, firm, room, pump):
    home, rid = room
    mine = _thread(api, home.norbert_token, rid, "Draft question")
    edited = api.patch(f"/rooms/{rid}/messages/{mine['id']}", {"body": "Final question"}, token=home.norbert_token)
    assert edited.status == 200 and edited.json["edited"] is True and "edits" not in edited.json
    pump()  # the replaced text joins the history from the stream
    staff_view = api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"][0]
    assert staff_view["body"] == "Final question" and [e["body"] for e in staff_view["edits"]] == ["Draft question"]
    client_view = api.get(f"/rooms/{rid}/feed", token=home.erika_token).json["items"][0]
    assert client_view["edited"] is True and "edits" not in client_view and "Draft" not in str(client_view)
    assert_problem(api.patch(f"/rooms/{rid}/messages/{mine['id']}", {"body": "x"}, token=home.erika_token), 403)
    assert_problem(api.patch(f"/rooms/{rid}/messages/{mine['id']}", {"body": "x"}, token=firm.token), 403)
    assert_problem(api.patch(f"/rooms/{rid}/messages/{mine['id']}", {"body": ""}, token=home.norbert_token), 400)
    clock.freeze(clock.now() + timedelta(minutes=16))
    assert_problem(api.patch(f"/rooms/{rid}/messages/{mine['id']}", {"body": "late"}, token=home.norbert_token), 422)
    assert_problem(api.delete(f"/rooms/{rid}/messages/{mine['id']}", token=home.norbert_token), 422)
    clock.freeze(None)
    other = _thread(api, home.norbert_token, rid, "Oops wrong room")
    assert api.delete(f"/rooms/{rid}/messages/{other['id']}", token=home.norbert_token).status == 204
    gone = api.get(f"/rooms/{rid}/feed", token=home.erika_token).json["items"][0]
    assert gone["deleted"] is True and gone["body"] is None
    assert_problem(api.delete(f"/rooms/{rid}/messages/{other['id']}", token=home.norbert_token), 409)
    pump()
    assert api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"][0]["edits"][0]["body"] == "Oops wrong room"


def test_clients_may_start_threads_unless_the_firm_turns_it_off(api, firm, room):
    home, rid = room
    welcome = _thread(api, firm.token, rid, "Welcome")
    assert api.patch("/firm", {"settings": {"clients_may_start_threads": False}}, token=firm.token).status == 200
    refused = assert_problem(api.post(f"/rooms/{rid}/threads", {"body": "New topic"}, token=home.norbert_token), 403)
    assert "reply" in refused["detail"]
    assert api.post(f"/rooms/{rid}/threads/{welcome['id']}/replies", {"body": "A reply still works"},
                    token=home.norbert_token).status == 201
    assert _thread(api, firm.token, rid, "Staff still can")["kind"] == "message"
    assert len(api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]) == 4
    api.patch("/firm", {"settings": {"clients_may_start_threads": True}}, token=firm.token)
    assert _thread(api, home.norbert_token, rid, "Now I can")["kind"] == "message"


def test_archived_room_takes_no_messages(api, firm, room):
    home, rid = room
    welcome = _thread(api, firm.token, rid)
    api.post(f"/rooms/{rid}/archive", token=firm.token)
    assert_problem(api.post(f"/rooms/{rid}/threads", {"body": "x"}, token=firm.token), 409)
    assert_problem(api.post(f"/rooms/{rid}/threads/{welcome['id']}/replies", {"body": "x"},
                            token=home.norbert_token), 409)
    assert_problem(api.post(f"/rooms/{rid}/notes", {"body": "x"}, token=firm.token), 409)
    assert api.get(f"/rooms/{rid}/feed", token=home.norbert_token).status == 200


def test_wrong_role_and_outsiders(api, firm, room):
    home, rid = room
    org = portal_entity(api, firm)
    welcome = _thread(api, firm.token, rid)
    wrong_role = (api.post(f"/rooms/{rid}/notes", {"body": "x"}, token=home.norbert_token),
                  api.post(f"/rooms/{rid}/threads", {"body": "x", "welcome": True}, token=home.norbert_token),
                  api.request("PUT", f"/rooms/{rid}/items/{welcome['id']}/tags", json={"tags": ["a"]},
                              token=home.norbert_token))
    assert [assert_problem(resp, 403)["status"] for resp in wrong_role] == [403, 403, 403]
    outsider = org["primary_token"]
    unseen = (api.post(f"/rooms/{rid}/threads", {"body": "x"}, token=outsider),
              api.post(f"/rooms/{rid}/threads/{welcome['id']}/replies", {"body": "x"}, token=outsider),
              api.get(f"/rooms/{rid}/threads/{welcome['id']}", token=outsider),
              api.patch(f"/rooms/{rid}/messages/{welcome['id']}", {"body": "x"}, token=outsider))
    assert [assert_problem(resp, 404)["status"] for resp in unseen] == [404] * 4
    assert all("Welcome" not in resp.text and welcome["body"] not in resp.text for resp in unseen)
    missing = api.post(f"/rooms/{rid}/threads/nothread/replies", {"body": "x"}, token=firm.token)
    assert assert_problem(missing, 404)["detail"] == "No such thread in this room."
    # Nothing the refusals tried reached the room.
    assert [i["id"] for i in api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]][0] == welcome["id"]


def test_another_firm_gets_404(api, firm, other_firm, room):
    _, rid = room
    welcome = _thread(api, firm.token, rid)
    t = other_firm.token
    for resp in (api.post(f"/rooms/{rid}/threads", {"body": "x"}, token=t),
                 api.post(f"/rooms/{rid}/threads/{welcome['id']}/replies", {"body": "x"}, token=t),
                 api.get(f"/rooms/{rid}/threads/{welcome['id']}", token=t),
                 api.post(f"/rooms/{rid}/notes", {"body": "x"}, token=t),
                 api.patch(f"/rooms/{rid}/messages/{welcome['id']}", {"body": "x"}, token=t),
                 api.delete(f"/rooms/{rid}/messages/{welcome['id']}", token=t),
                 api.request("PUT", f"/rooms/{rid}/items/{welcome['id']}/tags", json={"tags": ["a"]}, token=t),
                 api.post(f"/rooms/{rid}/email-members", {"user_ids": ["x"], "message": "hi"}, token=t)):
        assert_problem(resp, 404)
    assert len(api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]) == 2


def test_a_reply_in_a_note_is_internal_and_reaches_no_client(api, firm, room, pump):
    home, rid = room
    note = api.post(f"/rooms/{rid}/notes", {"body": "Check the 1099"}, token=firm.token).json
    answer = api.post(f"/rooms/{rid}/threads/{note['id']}/replies", {"body": "zz-internal reply"}, token=firm.token)
    assert answer.status == 201 and answer.json["visibility"] == "internal"
    pump()  # who is told follows from the stream
    thread = api.get(f"/rooms/{rid}/threads/{note['id']}", token=firm.token).json
    assert [r["body"] for r in thread["replies"]] == ["zz-internal reply"] and thread["thread"]["reply_count"] == 1
    for token in (home.norbert_token, home.erika_token):
        for path in (f"/rooms/{rid}/feed", "/me/notifications", "/me/notifications/summary"):
            assert "zz-internal" not in api.get(path, token=token).text, path


def test_a_note_from_before_note_ids_said_so_takes_its_mark_once_and_then_internal_replies(api, firm, room, pump):
    from chalicelib.core.ids import new_id
    from chalicelib.messages.note_ids import backfill
    from chalicelib.rooms import feed
    from chalicelib.store import FirmStore, keys
    home, rid = room
    # a note's id before notes' ids ended in their mark, and its reply a moment later (ids
    # made within one millisecond sort at random, and a thread heads its replies by time)
    old_id = new_id()
    earlier = new_id(int(time.time() * 1000) + 5)
    work = FirmStore.trusted(firm.id).work()
    for item_id, kind, text in ((old_id, "note", "zz-internal old note"), (earlier, "reply", "zz-internal before")):
        feed.append(work, rid, kind, feed.INTERNAL, {}, actor={"id": "colleague", "name": "A colleague"},
                    item_id=item_id, body=text, author_id="colleague", thread_id=old_id,
                    GSI2PK=keys.thread(old_id), GSI2SK=item_id, **({"reply_count": 1} if kind == "note" else {}))
    work.commit()
    pump()
    told = len(api.get("/me/notifications", token=firm.token).json["items"])
    assert backfill(firm.id) == 1 and backfill(firm.id) == 0
    marked = old_id + "N"
    answer = api.post(f"/rooms/{rid}/threads/{marked}/replies", {"body": "zz-internal answer"}, token=firm.token)
    assert answer.status == 201 and answer.json["visibility"] == "internal"
    assert_problem(api.post(f"/rooms/{rid}/threads/{old_id}/replies", {"body": "hi"}, token=firm.token), 404)
    assert_problem(api.post(f"/rooms/{rid}/threads/{marked}/replies", {"body": "hi"}, token=home.norbert_token), 404)
    pump()
    thread = api.get(f"/rooms/{rid}/threads/{marked}", token=firm.token).json
    assert thread["thread"]["body"] == "zz-internal old note" and thread["thread"]["reply_count"] == 2
    assert [r["body"] for r in thread["replies"]] == ["zz-internal before", "zz-internal answer"]
    assert len(api.get("/me/notifications", token=firm.token).json["items"]) == told  # nobody told of the move
    assert [i["id"] for i in api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]].count(old_id) == 0
    assert "zz-internal" not in api.get(f"/rooms/{rid}/feed", token=home.norbert_token).text


def test_a_message_in_an_archived_room_cannot_be_deleted(api, firm, room):
    _, rid = room
    mine = _thread(api, firm.token, rid, "Soon archived")
    assert api.post(f"/rooms/{rid}/archive", token=firm.token).status == 200
    assert_problem(api.delete(f"/rooms/{rid}/messages/{mine['id']}", token=firm.token), 409)
    assert [i["body"] for i in api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"] if i["id"] == mine["id"]] == ["Soon archived"]
