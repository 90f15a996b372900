"""Portal options (seed 002, 004): features per firm with per-client overrides, tool
visibility (a hidden tool's client routes answer 404, staff unaffected), the lock-out
before an event, and the client's home in one call."""
from datetime import date, timedelta

from tests.api.test_errors import assert_problem
from tests.documents_support import PDF, upload
from tests.rooms_support import add_service, create_room, portal_household
from tests.status_support import define_timeline, move, phase_id


def _options(api, token, body):
    return api.patch("/firm/portal-options", body, token=token)


def _event_in(api, firm, room_id, days):
    day = (date.today() + timedelta(days=days)).isoformat()
    resp = api.request("PUT", f"/rooms/{room_id}/event-date", json={"event_date": day}, token=firm.token)
    assert resp.status == 200, resp.text
    return resp.json


def test_options_default_and_change(api, firm):
    first = api.get("/firm/portal-options", token=firm.token)
    assert first.status == 200 and first.json["lockout_days"] == 0
    assert first.json["options"]["client_threads"] is True and first.json["options"]["prepayment"] is False
    assert "documents" in first.json["visible_tools"]
    changed = _options(api, firm.token, {"options": {"prepayment": True}, "tools": {"documents": False},
                                         "lockout_days": 7})
    assert changed.status == 200, changed.text
    assert changed.json["options"]["prepayment"] is True and changed.json["lockout_days"] == 7
    assert "documents" not in changed.json["visible_tools"]
    again = _options(api, firm.token, {"tools": {"documents": True}})
    assert "documents" in again.json["visible_tools"] and again.json["lockout_days"] == 7
    assert again.json["options"]["prepayment"] is True


def test_bad_options_change_nothing(api, firm, other_firm):
    for body in ({"lockout_days": -1}, {"lockout_days": 10000}, {"tools": {"spaceship": False}}, {},
                 {"options": {"prepayment": "maybe"}}):
        assert_problem(_options(api, firm.token, body), 400)
    assert api.get("/firm/portal-options", token=firm.token).json["lockout_days"] == 0
    _options(api, other_firm.token, {"lockout_days": 9})
    assert api.get("/firm/portal-options", token=firm.token).json["lockout_days"] == 0


def test_hidden_tool_is_404_for_clients_only_and_absent_from_home(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    room = create_room(api, firm, home.client_id, sid)
    assert api.get(f"/rooms/{room['id']}/timeline", token=home.norbert_token).status == 200
    assert "timeline" in api.get("/me/portal", token=home.norbert_token).json["visible_tools"]
    _options(api, firm.token, {"tools": {"timeline": False}})
    hidden = api.get(f"/rooms/{room['id']}/timeline", token=home.norbert_token)
    assert_problem(hidden, 404)
    assert "timeline" not in api.get("/me/portal", token=home.norbert_token).json["visible_tools"]
    assert api.get(f"/rooms/{room['id']}/timeline", token=firm.token).status == 200


def test_hidden_documents_tool_closes_every_client_document_route(api, firm, pump):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    doc = upload(api, home.norbert_token, room["id"], PDF, name="Receipts.pdf")
    client_routes = [("GET", f"/rooms/{room['id']}/documents", None), ("GET", f"/documents/{doc['id']}", None),
                     ("GET", f"/documents/{doc['id']}/download", None),
                     ("GET", f"/clients/{home.client_id}/documents", None),
                     ("POST", f"/rooms/{room['id']}/documents",
                      {"file_name": "b.pdf", "content_type": "application/pdf", "size": 10})]
    for method, path, body in client_routes:
        assert api.request(method, path, json=body, token=home.norbert_token).status in (200, 201), path
    _options(api, firm.token, {"tools": {"documents": False}})
    for method, path, body in client_routes:
        assert_problem(api.request(method, path, json=body, token=home.norbert_token), 404)
    assert "documents" not in api.get("/me/portal", token=home.norbert_token).json["visible_tools"]
    staff_view = api.get(f"/rooms/{room['id']}/documents", token=firm.token).json["items"]
    assert [d["file_name"] for d in staff_view] == ["b.pdf", "Receipts.pdf"]

def test_client_overrides(api, firm, other_firm):
    home = portal_household(api, firm)
    path = f"/clients/{home.client_id}/portal-options"
    resp = api.patch(path, {"options": {"prepayment": True, "client_threads": False}}, token=firm.token)
    assert resp.status == 200, resp.text
    assert resp.json["overrides"] == {"prepayment": True, "client_threads": False}
    mine = api.get("/me/portal", token=home.norbert_token).json["clients"][0]
    assert mine["client_id"] == home.client_id
    assert mine["options"]["prepayment"] is True and mine["options"]["client_threads"] is False
    back = api.patch(path, {"options": {"client_threads": None}}, token=firm.token)
    assert back.json["overrides"] == {"prepayment": True} and back.json["options"]["client_threads"] is True
    assert api.get(path, token=firm.token).json == back.json
    assert_problem(api.get(path, token=other_firm.token), 404)
    assert_problem(api.patch(path, {"options": {"prepayment": False}}, token=other_firm.token), 404)
    assert_problem(api.patch(path, {"options": {"prepayment": False}}, token=home.norbert_token), 403)
    assert_problem(api.patch(path, {"options": {"teleport": True}}, token=firm.token), 400)
    assert_problem(api.patch(path, {"options": {}}, token=firm.token), 400)
    assert_problem(api.patch(f"/clients/{'0' * 26}/portal-options", {"options": {"prepayment": False}},
                             token=firm.token), 404)
    # What the client does not override follows the firm, as the caller's sign-in read it.
    assert _options(api, firm.token, {"options": {"appointments": False}}).status == 200
    follows = api.patch(path, {"options": {"prepayment": None}}, token=firm.token).json
    assert follows["overrides"] == {} and follows["options"]["appointments"] is False


def test_lockout_refuses_client_writes_inside_the_window(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    room = create_room(api, firm, home.client_id, sid)
    _options(api, firm.token, {"lockout_days": 7})
    far = _event_in(api, firm, room["id"], 30)
    assert far["locked"] is False and far["locked_from"] == (date.today() + timedelta(days=23)).isoformat()
    assert api.post(f"/rooms/{room['id']}/done-uploading", token=home.norbert_token).status == 200
    near = _event_in(api, firm, room["id"], 3)
    began = (date.today() - timedelta(days=4)).isoformat()
    assert near["locked"] is True and near["locked_from"] == began
    refused = assert_problem(api.post(f"/rooms/{room['id']}/done-uploading", token=home.norbert_token), 422)
    assert began in refused["detail"] and "Olive Owner" in refused["detail"]
    pump()  # the client's home takes the room's date from the stream
    shown = api.get("/me/portal", token=home.norbert_token).json["clients"][0]["rooms"][0]
    assert shown["locked"] is True and shown["locked_from"] == began
    definition = define_timeline(api, firm, sid, pump)
    assert move(api, firm.token, room["id"], phase_id(definition, "Intake")).status == 200  # staff unaffected
    _options(api, firm.token, {"lockout_days": 0})
    assert api.post(f"/rooms/{room['id']}/done-uploading", token=home.norbert_token).status == 200


def test_event_date_bad_input_and_other_firm(api, firm, other_firm):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    path = f"/rooms/{room['id']}/event-date"
    assert_problem(api.request("PUT", path, json={"event_date": "soon"}, token=firm.token), 400)
    assert_problem(api.request("PUT", path, json={"event_date": "2027-01-01"}, token=other_firm.token), 404)
    assert_problem(api.request("PUT", path, json={"event_date": "2027-01-01"}, token=home.norbert_token), 403)
    cleared = api.request("PUT", path, json={"event_date": None}, token=firm.token)
    assert cleared.status == 200 and cleared.json["event_date"] is None
    assert api.post(f"/rooms/{room['id']}/archive", token=firm.token).status == 200
    assert_problem(api.request("PUT", path, json={"event_date": "2027-01-01"}, token=firm.token), 409)
    assert_problem(api.request("PUT", f"/rooms/{'0' * 26}/event-date", json={"event_date": "2027-01-01"},
                               token=firm.token), 404)
    assert api.get(f"/rooms/{room['id']}", token=firm.token).json.get("event_date") is None


def test_home_in_one_call(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    room = create_room(api, firm, home.client_id, sid)
    definition = define_timeline(api, firm, sid, pump)
    move(api, firm.token, room["id"], phase_id(definition, "Preparation"))
    api.patch("/firm", {"branding": {"colour": "#123456"}}, token=firm.token)
    pump()  # the board's copy of the room's step follows from the stream
    seen = api.get("/me/portal", token=home.erika_token)
    assert seen.status == 200, seen.text
    assert seen.json["branding"] == {"firm_name": "Northwind Advisory", "colour": "#123456", "logo_url": None}
    rooms = seen.json["clients"][0]["rooms"]
    assert [(r["room_id"], r["step"]) for r in rooms] == [(room["id"], "Preparing")]
    assert_problem(api.get("/me/portal", token=firm.token), 403)


def test_messages_obey_tool_visibility_and_the_lockout(api, firm, pump):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    thread = api.post(f"/rooms/{room['id']}/threads", {"body": "Welcome"}, token=firm.token).json
    reply = f"/rooms/{room['id']}/threads/{thread['id']}/replies"
    assert api.post(reply, {"body": "Thanks"}, token=home.norbert_token).status == 201
    _options(api, firm.token, {"lockout_days": 7})
    _event_in(api, firm, room["id"], 3)
    refused = assert_problem(api.post(reply, {"body": "One more thing"}, token=home.norbert_token), 422)
    assert "locked" in refused["detail"] and "Olive Owner" in refused["detail"]
    assert api.post(reply, {"body": "Staff may still write"}, token=firm.token).status == 201
    _options(api, firm.token, {"tools": {"messages": False}, "lockout_days": 0})
    assert_problem(api.post(reply, {"body": "Hidden"}, token=home.norbert_token), 404)
    assert_problem(api.get(f"/rooms/{room['id']}/threads/{thread['id']}", token=home.norbert_token), 404)
    assert api.get(f"/rooms/{room['id']}/threads/{thread['id']}", token=firm.token).status == 200
