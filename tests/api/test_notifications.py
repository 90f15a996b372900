"""Notifications: unread counts kept with the message, the summary with If-None-Match,
marking read, debounced digests by email or SMS (never in quiet hours), push to devices,
and staff told of client messages."""
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.accounts.users import load_principal
from chalicelib.aws import queue
from chalicelib.aws.identity import username
from chalicelib.core import clock
from chalicelib.core.errors import Conflict
from chalicelib.notifications.service import mark_all_read, summary
from local.schedules import run_due_schedules
from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service, create_room, portal_household
from tests.support import sent_emails, sent_sms


@pytest.fixture
def room(api, firm):
    home = portal_household(api, firm)
    return home, create_room(api, firm, home.client_id, add_service(api, firm))["id"]


@pytest.fixture(autouse=True)
def thaw():
    yield
    clock.freeze(None)


def _fire_digests(minutes: int = 4) -> int:
    clock.freeze(clock.now() + timedelta(minutes=minutes))
    return run_due_schedules()


def _mails_to(address: str) -> list:
    return [m for m in sent_emails() if address in m.destinations["ToAddresses"]]


def test_burst_of_three_staff_replies_sends_one_digest_email(api, firm, room, pump):
    home, rid = room
    pump()
    before = len(_mails_to("norbert@lindqvist.example"))
    thread = api.post(f"/rooms/{rid}/threads", {"body": "Welcome"}, token=firm.token).json
    for text in ("First reply", "Second reply"):
        api.post(f"/rooms/{rid}/threads/{thread['id']}/replies", {"body": text}, token=firm.token)
    pump()  # who is told follows each message from the stream
    summary = api.get("/me/notifications/summary", token=home.norbert_token).json
    assert summary["total"] == 3 and summary["rooms"] == {rid: 3}
    assert len(_mails_to("norbert@lindqvist.example")) == before  # nothing before the debounce ends
    assert _fire_digests() == 2  # one schedule per person told (Norbert, Erika), however many messages
    pump()
    digest = _mails_to("norbert@lindqvist.example")[before:]
    assert len(digest) == 1 and "3 new updates" in digest[0].subject
    assert f"/rooms/{rid}" in digest[0].body and "Second reply" in digest[0].body
    assert _fire_digests() == 0 and pump() == 0  # sent once


def test_summary_etag_and_marking_read(api, firm, room, pump):
    home, rid = room
    t = home.erika_token
    first = api.get("/me/notifications/summary", token=t)
    assert first.json == {"total": 0, "rooms": {}, "announcements": 0, "version": 0}
    tag = first.headers["ETag"]
    unchanged = api.get("/me/notifications/summary", token=t, headers={"if-none-match": tag})
    assert unchanged.status == 304 and unchanged.text == ""
    thread = api.post(f"/rooms/{rid}/threads", {"body": "One"}, token=firm.token).json
    api.post(f"/rooms/{rid}/threads/{thread['id']}/replies", {"body": "Two"}, token=firm.token)
    pump()
    changed = api.get("/me/notifications/summary", token=t, headers={"if-none-match": tag})
    assert changed.status == 200 and changed.json["total"] == 2 and changed.headers["ETag"] != tag
    notes = api.get("/me/notifications", token=t).json["items"]
    assert [n["read"] for n in notes] == [False, False] and notes[0]["preview"] == "Two"
    assert api.post(f"/me/notifications/{notes[0]['id']}/read", token=t).status == 204
    assert api.post(f"/me/notifications/{notes[0]['id']}/read", token=t).status == 204  # once only
    assert api.get("/me/notifications/summary", token=t).json["total"] == 1
    # The id names its room; an id that names none, another room or someone else's is no notification.
    other_room = notes[1]["id"][:26] + "R" + "0" * 26
    for unknown in (notes[1]["id"][:26], other_room, notes[1]["id"] + "X"):
        assert_problem(api.post(f"/me/notifications/{unknown}/read", token=t), 404)
    assert_problem(api.post(f"/me/notifications/{notes[1]['id']}/read", token=home.norbert_token), 404)
    assert api.get("/me/notifications/summary", token=t).json["total"] == 1
    assert [n["id"] for n in api.get("/me/notifications?unread_only=true", token=t).json["items"]] == [notes[1]["id"]]
    assert api.post(f"/rooms/{rid}/read", token=t).status == 204
    assert api.get("/me/notifications/summary", token=t).json["total"] == 0
    assert all(n["read"] for n in api.get("/me/notifications", token=t).json["items"])
    api.post(f"/rooms/{rid}/threads", {"body": "Three"}, token=firm.token)
    pump()
    assert api.get("/me/notifications/summary", token=t).json["total"] == 1
    assert api.post("/me/notifications/read-all", token=t).status == 204
    after = api.get("/me/notifications/summary", token=t).json
    assert after["total"] == 0 and after["rooms"] == {}
    rows = api.get("/rooms", token=t).json["items"]
    assert rows[0]["unread"] == 0


def test_staff_are_told_of_client_messages_and_internal_notes_reach_no_client(api, firm, room, pump):
    home, rid = room
    api.post(f"/rooms/{rid}/notes", {"body": "zz-internal only"}, token=firm.token)
    pump()
    assert api.get("/me/notifications/summary", token=home.norbert_token).json["total"] == 0
    api.post(f"/rooms/{rid}/threads", {"body": "A question from us"}, token=home.norbert_token)
    pump()
    owner_notes = api.get("/me/notifications", token=firm.token).json["items"]
    assert owner_notes[0]["title"].startswith("New message from Norbert Lindqvist")
    assert api.get("/me/notifications/summary", token=home.erika_token).json["total"] == 1
    _fire_digests()
    pump()
    assert len(_mails_to(firm.owner_email)) >= 1
    assert all("zz-internal" not in m.body for m in _mails_to("erika@lindqvist.example"))


def test_sms_digest_waits_for_the_end_of_quiet_hours_and_none_sends_nothing(api, firm, room, pump, monkeypatch):
    home, rid = room
    assert api.request("PUT", "/me/notification-settings", json={"channel": "sms", "sms_to": "+15551230001"},
                       token=home.norbert_token).status == 200
    assert api.request("PUT", "/me/notification-settings", json={"channel": "none"},
                       token=home.erika_token).json == {"channel": "none", "sms_to": None}
    pump()
    mails_before = len(_mails_to("erika@lindqvist.example"))
    hidden = []
    monkeypatch.setattr(queue, "delay", lambda handle, seconds: hidden.append((handle, seconds)))
    clock.freeze(datetime(2030, 1, 15, 23, 0, tzinfo=timezone.utc))  # 23:00 UTC: quiet (21:00-08:00)
    api.post(f"/rooms/{rid}/threads", {"body": "Late news"}, token=firm.token)
    pump()
    _fire_digests()
    pump()
    assert [m for m in sent_sms() if m[0] == "+15551230001"] == []  # held back
    assert hidden and hidden[-1][1] == 8 * 3600 + 56 * 60  # from 23:04 until 08:00
    clock.freeze(datetime(2030, 1, 16, 8, 1, tzinfo=timezone.utc))
    monkeypatch.undo()
    queue.delay(hidden[-1][0], 0)
    pump()
    texts = [m for m in sent_sms() if m[0] == "+15551230001"]
    assert len(texts) == 1 and f"/rooms/{rid}" in texts[0][1]
    assert len(_mails_to("erika@lindqvist.example")) == mails_before


def test_push_goes_to_registered_devices(api, firm, room, pump):
    home, rid = room
    made = api.post("/me/devices", {"platform": "ios", "token": "apns-token-0001"}, token=home.norbert_token)
    assert made.status == 201 and made.json["platform"] == "ios"
    again = api.post("/me/devices", {"platform": "ios", "token": "apns-token-0001"}, token=home.norbert_token)
    assert again.json["id"] == made.json["id"]
    api.post("/me/devices", {"platform": "android", "token": "fcm-token-0001"}, token=home.norbert_token)
    assert len(api.get("/me/devices", token=home.norbert_token).json["items"]) == 2
    api.post(f"/rooms/{rid}/threads", {"body": "Your return is ready"}, token=firm.token)
    pump()
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sns.models import sns_backends
    endpoints = sns_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].platform_endpoints.values()
    sent = [m for e in endpoints for m in e.messages.values()]
    assert len(sent) == 2 and all("Your return is ready" in m for m in sent)
    arns = {e.arn for e in endpoints}
    assert api.delete(f"/me/devices/{made.json['id']}", token=home.norbert_token).status == 204
    left = {e.arn for e in sns_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].platform_endpoints.values()}
    assert len(left) == len(arns) - 1, "the forgotten device's endpoint is deleted from SNS"
    assert [d["platform"] for d in api.get("/me/devices", token=home.norbert_token).json["items"]] == ["android"]
    assert_problem(api.delete(f"/me/devices/{made.json['id']}", token=home.norbert_token), 404)


def _pushes_sent() -> list[str]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sns.models import sns_backends
    endpoints = sns_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].platform_endpoints.values()
    return [m for e in endpoints for m in e.messages.values()]


def test_a_phone_signed_into_another_account_becomes_theirs(api, firm, room, pump):
    """The same token from a second person (the app signed out and in again) moves the
    device to them: nothing of the first person's reaches it, and the first person
    removing their old entry leaves the second one's push working."""
    home, rid = room
    first = api.post("/me/devices", {"platform": "ios", "token": "apns-shared-phone"}, token=home.norbert_token)
    second = api.post("/me/devices", {"platform": "ios", "token": "apns-shared-phone"}, token=home.erika_token)
    assert (first.status, second.status) == (201, 201)
    api.post(f"/rooms/{rid}/threads", {"body": "Only for whoever holds the phone"}, token=firm.token)
    pump()
    assert len(_pushes_sent()) == 1
    assert api.delete(f"/me/devices/{first.json['id']}", token=home.norbert_token).status == 204
    api.post(f"/rooms/{rid}/threads", {"body": "Still reaching the phone"}, token=firm.token)
    pump()
    assert len(_pushes_sent()) == 2


def test_bad_input_and_other_people(api, firm, other_firm, room, pump):
    home, rid = room
    for bad in ({"channel": "sms"}, {"channel": "pigeon"}, {"channel": "sms", "sms_to": "12"}, {"extra": 1}):
        assert_problem(api.request("PUT", "/me/notification-settings", json=bad, token=home.norbert_token), 400)
    for bad in ({"platform": "ios"}, {"platform": "windows", "token": "abcdefgh1"},
                {"platform": "ios", "token": "short"}, {"platform": "ios", "token": "<script>x</script>"}):
        assert_problem(api.post("/me/devices", bad, token=home.norbert_token), 400)
    api.post(f"/rooms/{rid}/threads", {"body": "One"}, token=firm.token)
    pump()
    note = api.get("/me/notifications", token=home.norbert_token).json["items"][0]
    assert_problem(api.post(f"/me/notifications/{note['id']}/read", token=home.erika_token), 404)
    assert_problem(api.post(f"/me/notifications/{note['id']}/read", token=other_firm.token), 404)
    assert_problem(api.post(f"/rooms/{rid}/read", token=other_firm.token), 404)
    assert_problem(api.get("/me/notifications?limit=0", token=home.norbert_token), 400)
    assert api.get("/me/notifications/summary", token=home.norbert_token).json["total"] == 1


def test_devices_are_refused_plainly_where_push_is_not_set_up(api, firm, room, monkeypatch):
    from chalicelib.core.config import reset_settings
    home, _ = room
    monkeypatch.setenv("ATRIUM_PUSH_ANDROID_ARN", "")
    reset_settings()
    try:
        refused = api.post("/me/devices", {"platform": "android", "token": "fcm-token-0002"}, token=home.norbert_token)
        assert_problem(refused, 422)
        assert "not set up" in refused.json["detail"]
        assert api.get("/me/devices", token=home.norbert_token).json["items"] == []
    finally:
        monkeypatch.undo()
        reset_settings()


def test_read_all_refuses_a_summary_that_moved_since_the_principal_saw_it(api, firm, room, pump):
    home, rid = room
    t = home.erika_token
    api.post(f"/rooms/{rid}/threads", {"body": "One"}, token=firm.token)
    pump()  # who is told follows from the stream
    seen = load_principal(username(firm.id, api.get("/me", token=t).json["user"]["id"]))
    assert summary(seen).total == 1
    api.post(f"/rooms/{rid}/threads", {"body": "Two"}, token=firm.token)  # arrives after the principal's read
    pump()
    with pytest.raises(Conflict):
        mark_all_read(seen)
    assert api.get("/me/notifications/summary", token=t).json["total"] == 2  # neither count dropped
    assert api.post("/me/notifications/read-all", token=t).status == 204  # a fresh principal succeeds
    assert api.get("/me/notifications/summary", token=t).json["total"] == 0


def test_every_page_of_notifications_reads_by_the_marks(api, firm, room, pump):
    home, rid = room
    t = home.erika_token
    thread = api.post(f"/rooms/{rid}/threads", {"body": "One"}, token=firm.token).json
    for text in ("Two", "Three"):
        api.post(f"/rooms/{rid}/threads/{thread['id']}/replies", {"body": text}, token=firm.token)
    pump()  # the notifications are written before the room is read
    assert api.post(f"/rooms/{rid}/read", token=t).status == 204
    api.post(f"/rooms/{rid}/threads/{thread['id']}/replies", {"body": "Four"}, token=firm.token)
    pump()
    pages, cursor = [], ""
    while cursor is not None:
        page = api.get(f"/me/notifications?limit=1{cursor and '&cursor=' + cursor}", token=t).json
        pages += [(n["preview"], n["read"]) for n in page["items"]]
        cursor = page["next_cursor"]
    assert pages == [("Four", False), ("Three", True), ("Two", True), ("One", True)]


def test_the_portal_home_counts_what_is_unread_from_the_principal(api, firm, room, pump):
    home, rid = room
    assert api.get("/me/portal", token=home.erika_token).json["unread_total"] == 0
    api.post(f"/rooms/{rid}/threads", {"body": "One"}, token=firm.token)
    api.post(f"/rooms/{rid}/threads", {"body": "Two"}, token=firm.token)
    pump()  # who is told follows from the stream
    assert api.get("/me/portal", token=home.erika_token).json["unread_total"] == 2
    assert api.post(f"/rooms/{rid}/read", token=home.erika_token).status == 204
    assert api.get("/me/portal", token=home.erika_token).json["unread_total"] == 0
