"""The lock-out counted back from a client's event date (seed 004): staff set the date on
the client; from N days before it every client write to any room of that client, made
before or after, answers 422 with the day it began and whom to contact; staff are not
affected; the client's home shows the date and the lock-out ahead of time."""
from datetime import date, timedelta

from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service, create_room, portal_household


def _in(days):
    return (date.today() + timedelta(days=days)).isoformat()


def _client_date(api, token, client_id, day):
    return api.request("PUT", f"/clients/{client_id}/event-date", json={"event_date": day}, token=token)


def _done(api, token, room_id):
    return api.post(f"/rooms/{room_id}/done-uploading", token=token)


def test_a_client_date_locks_every_room_of_the_client(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    first = create_room(api, firm, home.client_id, sid)
    assert api.patch("/firm/portal-options", {"lockout_days": 7}, token=firm.token).status == 200
    pump()  # the client's portal item counts its rooms from the stream
    far = _client_date(api, firm.token, home.client_id, _in(30))
    assert far.status == 200, far.text
    assert far.json == {"client_id": home.client_id, "event_date": _in(30), "lockout_days": 7,
                        "locked_from": _in(23), "locked": False, "rooms": 1}
    shown = api.get("/me/portal", token=home.norbert_token).json["clients"][0]
    assert (shown["event_date"], shown["locked_from"], shown["locked"]) == (_in(30), _in(23), False)
    assert shown["rooms"][0]["locked_from"] == _in(23)  # said ahead of time
    assert _done(api, home.norbert_token, first["id"]).status == 200
    later = create_room(api, firm, home.client_id, sid, name="Wedding planning")
    assert _client_date(api, firm.token, home.client_id, _in(3)).json["locked"] is True
    pump()  # the rooms take the client's date from the stream
    began = _in(-4)
    for room in (first, later):
        refused = assert_problem(_done(api, home.norbert_token, room["id"]), 422)
        assert began in refused["detail"] and "Olive Owner" in refused["detail"], refused
        assert "Lindqvist Household's event" in refused["detail"]
    rooms = api.get("/me/portal", token=home.erika_token).json["clients"][0]["rooms"]
    assert {(r["locked"], r["locked_from"]) for r in rooms} == {(True, began)}
    staff = api.request("PUT", f"/rooms/{later['id']}/event-date", json={"event_date": _in(60)}, token=firm.token)
    assert staff.status == 200 and staff.json["client_event_date"] == _in(3) and staff.json["locked"] is True
    note = api.post(f"/rooms/{later['id']}/notes", {"body": "Seating plan agreed"}, token=firm.token)
    assert note.status == 201, note.text  # staff are never locked out
    assert _client_date(api, firm.token, home.client_id, None).json["locked"] is False
    pump()
    assert _done(api, home.norbert_token, later["id"]).status == 200
    assert api.get("/me/portal", token=home.norbert_token).json["clients"][0]["event_date"] is None


def test_client_date_bad_input_wrong_role_and_other_firm(api, firm, other_firm, pump):
    home = portal_household(api, firm)
    path = f"/clients/{home.client_id}/portal-options"
    for body in ({"event_date": "soon"}, {"event_date": "2027-02-30"}, {}, {"event_date": "2027-01-01", "x": 1}):
        assert_problem(api.request("PUT", f"/clients/{home.client_id}/event-date", json=body, token=firm.token), 400)
    assert api.get(path, token=firm.token).json["event_date"] is None
    assert_problem(_client_date(api, other_firm.token, home.client_id, "2027-01-01"), 404)
    assert_problem(_client_date(api, firm.token, "01HZZZZZZZZZZZZZZZZZZZZZZZ", "2027-01-01"), 404)
    assert_problem(_client_date(api, home.norbert_token, home.client_id, "2027-01-01"), 403)
    assert api.get(path, token=firm.token).json["event_date"] is None
    assert _client_date(api, firm.token, home.client_id, "2027-01-01").status == 200
    # The feature overrides live on the same item: changing them keeps the date.
    changed = api.patch(path, {"options": {"prepayment": True}}, token=firm.token)
    assert changed.json["event_date"] == "2027-01-01" and api.get(path, token=firm.token).json == changed.json
    assert api.post(f"/clients/{home.client_id}/archive", token=firm.token).status == 200
    pump()  # the client's portal item keeps its status from the stream
    assert_problem(_client_date(api, firm.token, home.client_id, "2027-02-01"), 409)
    assert api.get(path, token=firm.token).json["event_date"] == "2027-01-01"


def test_the_calendars_first_and_last_days_are_event_dates_like_any_other(api, firm):
    """Any date the document accepts is one: the lock-out of an event in year 1 began on
    the calendar's first day (it once overflowed counting back, a 500), and one in year
    9999 is far ahead."""
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    assert api.patch("/firm/portal-options", {"lockout_days": 7}, token=firm.token).status == 200
    first = _client_date(api, firm.token, home.client_id, "0001-01-03")
    assert first.status == 200, first.text
    assert (first.json["locked_from"], first.json["locked"]) == ("0001-01-01", True)
    on_room = api.request("PUT", f"/rooms/{room['id']}/event-date", json={"event_date": "0001-01-01"}, token=firm.token)
    assert on_room.status == 200, on_room.text
    assert (on_room.json["locked_from"], on_room.json["locked"]) == ("0001-01-01", True)
    shown = api.get("/me/portal", token=home.norbert_token)
    assert shown.status == 200, shown.text
    assert shown.json["clients"][0]["rooms"][0]["locked_from"] == "0001-01-01"
    assert_problem(_done(api, home.norbert_token, room["id"]), 422)
    last = _client_date(api, firm.token, home.client_id, "9999-12-31")
    assert (last.json["locked_from"], last.json["locked"]) == ("9999-12-24", False)
