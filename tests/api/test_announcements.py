"""Firm announcements (seed 002): on the client home while active, for everyone or the
clients of chosen services; clients dismiss them; staff preview them as a client would."""
from datetime import datetime, timedelta, timezone

from chalicelib.announcements import service as announcements
from chalicelib.core import clock
from local.schedules import run_due_schedules
from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service, create_room, portal_household


def _at(hours: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(hours=hours)).isoformat(timespec="seconds")


def _announce(api, token, **extra):
    body = {"title": "Office closed Friday", "body": "We are closed on Friday <b>all day</b>.",
            "starts_at": _at(-1), "ends_at": _at(48), **extra}
    return api.post("/announcements", body, token=token)


def test_active_announcements_reach_their_audience(api, firm, pump):
    home = portal_household(api, firm)
    tax, books = add_service(api, firm), add_service(api, firm, "Bookkeeping")
    create_room(api, firm, home.client_id, tax)
    everyone = _announce(api, firm.token)
    assert everyone.status == 201, everyone.text
    _announce(api, firm.token, title="Books", audience="services", service_ids=[books])
    _announce(api, firm.token, title="Tax", audience="services", service_ids=[tax])
    _announce(api, firm.token, title="Later", starts_at=_at(24), ends_at=_at(30))
    seen = api.get("/me/portal", token=home.norbert_token).json["announcements"]
    assert sorted(a["title"] for a in seen) == ["Office closed Friday", "Tax"]
    assert all(set(a) == {"id", "title", "body", "starts_at", "ends_at", "dismissed"} for a in seen)
    first = next(a for a in seen if a["title"] == "Tax")
    assert api.post(f"/me/announcements/{first['id']}/dismiss", token=home.norbert_token).status == 204
    after = {a["title"]: a["dismissed"] for a in api.get("/me/portal", token=home.norbert_token).json["announcements"]}
    assert after == {"Office closed Friday": False, "Tax": True}
    assert api.get("/me/portal", token=home.erika_token).json["announcements"][0]["dismissed"] is False
    preview = api.get(f"/announcements/{everyone.json['id']}/preview", token=firm.token)
    assert preview.status == 200 and set(preview.json) == {"id", "title", "body", "starts_at", "ends_at"}
    assert len(api.get("/announcements", token=firm.token).json["items"]) == 4
    assert api.delete(f"/announcements/{everyone.json['id']}", token=firm.token).status == 204
    titles = [a["title"] for a in api.get("/me/portal", token=home.norbert_token).json["announcements"]]
    assert titles == ["Tax"]


def test_bad_announcements(api, firm, other_firm):
    home = portal_household(api, firm)
    assert_problem(_announce(api, firm.token, ends_at=_at(-2)), 422)  # two valid moments, no period
    assert_problem(_announce(api, firm.token, starts_at=0), 400)  # a moment is written, not counted
    assert_problem(_announce(api, firm.token, audience="services"), 400)
    assert_problem(_announce(api, firm.token, title="bell\x07"), 400)
    assert_problem(_announce(api, firm.token, audience="services", service_ids=["nope"]), 422)
    assert_problem(_announce(api, home.norbert_token), 403)
    made = _announce(api, firm.token).json
    assert_problem(api.get(f"/announcements/{made['id']}/preview", token=other_firm.token), 404)
    assert_problem(api.delete(f"/announcements/{made['id']}", token=other_firm.token), 404)
    assert_problem(api.post("/me/announcements/nope/dismiss", token=home.norbert_token), 404)
    assert api.get("/announcements", token=other_firm.token).json["items"] == []


def _announcement_notes(api, token):
    items = api.get("/me/notifications", token=token).json["items"]
    return [n for n in items if n["kind"] == "announcement"]


def test_sign_in_brings_live_announcements_into_notifications_once(api, firm, pump):
    from tests.support import PASSWORD, login

    home = portal_household(api, firm)
    sign_in = lambda: login(api, firm.slug, "norbert@lindqvist.example", PASSWORD)["access_token"]  # noqa: E731
    assert _announcement_notes(api, sign_in()) == []  # nothing live: nothing new
    made = _announce(api, firm.token).json
    _announce(api, firm.token, title="Later", starts_at=_at(24), ends_at=_at(30))
    token = sign_in()
    (note,) = _announcement_notes(api, token)
    assert (note["item_id"], note["title"], note["room_id"], note["read"]) == (made["id"], made["title"], None, False)
    assert note["preview"] == made["body"]
    summary = api.get("/me/notifications/summary", token=token).json
    assert summary["announcements"] == 1 and summary["total"] == 1 and summary["rooms"] == {}
    sign_in()  # still unread: not repeated
    assert len(_announcement_notes(api, token)) == 1
    assert api.post(f"/me/notifications/{note['id']}/read", token=token).status == 204
    sign_in()  # read: the next sign-in brings it again
    notes = _announcement_notes(api, token)
    assert [n["read"] for n in notes] == [False, True]
    assert api.post(f"/me/announcements/{made['id']}/dismiss", token=token).status == 204
    assert all(n["read"] for n in _announcement_notes(api, token))  # dismissing reads it
    assert api.get("/me/notifications/summary", token=token).json["total"] == 0
    sign_in()  # dismissed: never again
    assert len(_announcement_notes(api, token)) == 2
    assert _announcement_notes(api, home.erika_token) == []  # Erika has not signed in since


def test_sign_in_respects_audience_and_the_option(api, firm, other_firm, pump):
    from tests.support import PASSWORD, login

    home = portal_household(api, firm)
    books = add_service(api, firm, "Bookkeeping")
    _announce(api, firm.token, title="Books", audience="services", service_ids=[books])
    _announce(api, other_firm.token, title="Elsewhere")
    assert api.patch(f"/clients/{home.client_id}/portal-options", {"options": {"announcements": False}},
                     token=firm.token).status == 200
    _announce(api, firm.token, title="Everyone")
    token = login(api, firm.slug, "erika@lindqvist.example", PASSWORD)["access_token"]
    assert _announcement_notes(api, token) == []  # the option is off for this client
    api.patch(f"/clients/{home.client_id}/portal-options", {"options": {"announcements": None}}, token=firm.token)
    token = login(api, firm.slug, "erika@lindqvist.example", PASSWORD)["access_token"]
    assert [n["title"] for n in _announcement_notes(api, token)] == ["Everyone"]  # not Books, not another firm's
    staff = login(api, firm.slug, firm.owner_email, PASSWORD)["access_token"]
    assert _announcement_notes(api, staff) == []


def test_the_limit_counts_live_and_scheduled_ones_and_an_ended_one_leaves_at_its_end(api, firm, monkeypatch):
    monkeypatch.setattr(announcements, "MAX_LIVE", 2)
    ending = _announce(api, firm.token, title="Ends soon", ends_at=_at(1)).json
    kept = _announce(api, firm.token, title="Later", starts_at=_at(24), ends_at=_at(30)).json
    full = _announce(api, firm.token, title="One too many")
    assert_problem(full, 422)
    assert "At most 2" in full.json["detail"]
    assert [a["id"] for a in api.get("/announcements", token=firm.token).json["items"]] == [ending["id"], kept["id"]]
    clock.freeze(clock.now() + timedelta(hours=2))
    try:
        assert run_due_schedules() == 1  # the ended one's schedule; the later one's is not due
    finally:
        clock.freeze(None)
    assert announcements.leave(firm.id, ending["id"]) is False  # once gone, its end changes nothing
    assert _announce(api, firm.token, title="Room again").status == 201
    assert api.delete(f"/announcements/{kept['id']}", token=firm.token).status == 204
    assert _announce(api, firm.token, title="And again").status == 201
    assert_problem(_announce(api, firm.token, title="Full again"), 422)
