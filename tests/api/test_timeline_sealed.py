"""A phase move given back the room's timeline and the phase as the API answered them
(chalicelib/phases/as_read.py), as the web portal moves a room: one transaction and no
read; a room or phase changed since is moved from as it now stands; a seal not made for
this room or phase is refused."""
from tests.api.test_errors import assert_problem
from tests.clients_support import last_calls
from tests.rooms_support import add_service, create_room, portal_household
from tests.status_support import define_timeline, move, phase_id, room_on_a_timeline


def _setup(api, firm, pump):
    return room_on_a_timeline(api, firm, pump)


def _timeline(api, token, room_id):
    resp = api.get(f"/rooms/{room_id}/timeline", token=token)
    assert resp.status == 200, resp.text
    return resp.json


def _phase_seal(definition, name):
    return next(p["sealed"] for p in definition["phases"] if p["name"] == name)


def _sealed_move(api, token, room_id, definition, name, room_seal):
    return api.post(f"/rooms/{room_id}/phase", {"phase_id": phase_id(definition, name), "sealed": room_seal,
                                                "phase_sealed": _phase_seal(definition, name)}, token=token)


def _staff_feed(api, firm, room_id):
    return api.get(f"/rooms/{room_id}/feed", token=firm.token).json["items"]


def _phase_changed(api, firm, room_id):
    return next(i["payload"] for i in _staff_feed(api, firm, room_id) if i["kind"] == "phase_changed")


def test_a_move_given_both_seals_reads_nothing(api, firm, pump):
    home, _, definition, room = _setup(api, firm, pump)
    seal = _timeline(api, firm.token, room["id"])["sealed"]
    moved = _sealed_move(api, firm.token, room["id"], definition, "Intake", seal)
    assert (moved.status, last_calls()) == (200, 2), moved.text
    assert (moved.json["phase_name"], moved.json["step_name"]) == ("Intake", "Gathering")
    assert _phase_changed(api, firm, room["id"]) == {"from": None, "to": "Intake"}
    seen = _timeline(api, home.norbert_token, room["id"])
    assert seen["current"] == "Gathering" and seen["steps"][0]["reached_at"] == moved.json["moved_at"]
    assert "sealed" not in seen  # a portal user's answer never carries staff's seal
    again = _timeline(api, firm.token, room["id"])
    assert again["sealed"] != seal and again["phase_name"] == "Intake"
    onward = _sealed_move(api, firm.token, room["id"], definition, "Preparation", again["sealed"])
    assert (onward.status, onward.json["step_name"], last_calls()) == (200, "Preparing", 2), onward.text


def test_a_room_moved_since_its_seal_is_moved_from_where_it_stands(api, firm, pump):
    home, _, definition, room = _setup(api, firm, pump)
    stale = _timeline(api, firm.token, room["id"])["sealed"]
    first = move(api, firm.token, room["id"], phase_id(definition, "Intake"))  # someone else, meanwhile
    assert first.status == 200, first.text
    moved = _sealed_move(api, firm.token, room["id"], definition, "Preparation", stale)
    assert (moved.status, last_calls()) == (200, 3), moved.text
    assert _phase_changed(api, firm, room["id"]) == {"from": "Intake", "to": "Preparation"}
    steps = _timeline(api, home.norbert_token, room["id"])["steps"]
    assert [(s["state"], s["reached_at"]) for s in steps[:2]] == [
        ("past", first.json["moved_at"]), ("current", moved.json["moved_at"])]
    back = _sealed_move(api, firm.token, room["id"], definition, "Preparation", stale)
    assert "already" in assert_problem(back, 409)["detail"]  # the room as it stands is in it already


def test_a_phase_renamed_since_its_seal_moves_under_its_new_name(api, firm, pump):
    _, sid, definition, room = _setup(api, firm, pump)
    renamed = {"steps": [{"id": s["id"], "name": s["name"]} for s in definition["steps"]],
               "phases": [{"id": p["id"], "name": "Intake call" if p["name"] == "Intake" else p["name"],
                           "step_id": p["step_id"]} for p in definition["phases"]]}
    assert api.request("PUT", f"/services/{sid}/timeline", json=renamed, token=firm.token).status == 200
    pump()  # the phase item follows the edit
    seal = _timeline(api, firm.token, room["id"])["sealed"]
    moved = _sealed_move(api, firm.token, room["id"], definition, "Intake", seal)
    assert (moved.status, moved.json["phase_name"], last_calls()) == (200, "Intake call", 3), moved.text
    assert _phase_changed(api, firm, room["id"]) == {"from": None, "to": "Intake call"}


def test_a_phase_retired_since_its_seal_is_refused_and_nothing_moves(api, firm, pump):
    home, sid, definition, room = _setup(api, firm, pump)
    kept = [p for p in definition["phases"] if p["name"] != "Intake"]
    body = {"steps": [{"id": s["id"], "name": s["name"]} for s in definition["steps"]],
            "phases": [{"id": p["id"], "name": p["name"], "step_id": p["step_id"]} for p in kept]}
    assert api.request("PUT", f"/services/{sid}/timeline", json=body, token=firm.token).status == 200
    pump()
    before, feed = _timeline(api, firm.token, room["id"]), _staff_feed(api, firm, room["id"])
    refused = _sealed_move(api, firm.token, room["id"], definition, "Intake", before["sealed"])
    assert "retired" in assert_problem(refused, 422)["detail"]
    assert _timeline(api, firm.token, room["id"]) == before and _staff_feed(api, firm, room["id"]) == feed


def test_a_phase_sealed_before_the_stream_copied_it_moves_the_room(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    room = create_room(api, firm, home.client_id, sid)
    definition = define_timeline(api, firm, sid)  # its phase items are not copied yet
    seal = _timeline(api, firm.token, room["id"])["sealed"]
    moved = _sealed_move(api, firm.token, room["id"], definition, "Preparation", seal)
    assert (moved.status, moved.json["step_name"], last_calls()) == (200, "Preparing", 2), moved.text


def test_only_the_room_sealed_reads_the_phase(api, firm, pump):
    _, _, definition, room = _setup(api, firm, pump)
    seal = _timeline(api, firm.token, room["id"])["sealed"]
    moved = api.post(f"/rooms/{room['id']}/phase", {"phase_id": phase_id(definition, "Intake"), "sealed": seal},
                     token=firm.token)
    assert (moved.status, moved.json["phase_name"], last_calls()) == (200, "Intake", 3), moved.text


def test_seals_not_made_for_this_move_are_refused_and_change_nothing(api, firm, other_firm, pump):
    home, sid, definition, room = _setup(api, firm, pump)
    other = create_room(api, firm, home.client_id, sid, name="2026 tax return")
    seal = _timeline(api, firm.token, room["id"])["sealed"]
    before, feed = _timeline(api, firm.token, room["id"]), _staff_feed(api, firm, room["id"])
    another_room = _sealed_move(api, firm.token, room["id"], definition, "Intake",
                                _timeline(api, firm.token, other["id"])["sealed"])
    assert assert_problem(another_room, 422)["errors"][0]["loc"] == "body.sealed"
    another_phase = api.post(f"/rooms/{room['id']}/phase", {
        "phase_id": phase_id(definition, "Intake"), "sealed": seal,
        "phase_sealed": _phase_seal(definition, "Preparation")}, token=firm.token)
    assert assert_problem(another_phase, 422)["errors"][0]["loc"] == "body.phase_sealed"
    theirs = define_timeline(api, other_firm, add_service(api, other_firm))
    foreign = api.post(f"/rooms/{room['id']}/phase", {"phase_id": phase_id(definition, "Intake"), "sealed": seal,
                                                      "phase_sealed": _phase_seal(theirs, "Intake")},
                       token=firm.token)
    assert assert_problem(foreign, 422)["errors"][0]["loc"] == "body.phase_sealed"
    forged = seal.split(".")[0] + ".AAAAAAAAAAAAAAAAAAAAAA"
    assert_problem(_sealed_move(api, firm.token, room["id"], definition, "Intake", forged), 422)
    malformed = _sealed_move(api, firm.token, room["id"], definition, "Intake", "not a seal")
    assert assert_problem(malformed, 400)["errors"][0]["loc"] == "body.sealed"
    assert _timeline(api, firm.token, room["id"]) == before and _staff_feed(api, firm, room["id"]) == feed


def test_who_may_move_with_seals(api, firm, other_firm, pump):
    home, _, definition, room = _setup(api, firm, pump)
    seal = _timeline(api, firm.token, room["id"])["sealed"]
    assert_problem(_sealed_move(api, home.norbert_token, room["id"], definition, "Intake", seal), 403)
    stranger = assert_problem(_sealed_move(api, other_firm.token, room["id"], definition, "Intake", seal), 422)
    assert stranger["errors"][0]["loc"] == "body.sealed"  # not sealed for their firm
    assert_problem(move(api, other_firm.token, room["id"], phase_id(definition, "Intake")), 404)
    assert _timeline(api, firm.token, room["id"])["phase_id"] is None


def test_an_archived_room_is_not_moved_with_seals(api, firm, pump):
    _, _, definition, room = _setup(api, firm, pump)
    seal = _timeline(api, firm.token, room["id"])["sealed"]
    assert api.post(f"/rooms/{room['id']}/archive", {}, token=firm.token).status == 200
    feed = _staff_feed(api, firm, room["id"])
    assert "archived" in assert_problem(_sealed_move(api, firm.token, room["id"], definition, "Intake", seal),
                                        409)["detail"]
    after = _timeline(api, firm.token, room["id"])
    assert after["phase_id"] is None and _staff_feed(api, firm, room["id"]) == feed


def test_a_sealed_move_applies_the_phase_rule_after_a_status_set_since(api, firm, pump):
    _, _, definition, room = _setup(api, firm, pump)
    made = api.request("PUT", "/job-statuses", token=firm.token, json={
        "statuses": [{"name": "Waiting"}, {"name": "In preparation"}], "rules": {}}).json
    ids = {s["name"]: s["id"] for s in made["statuses"]}
    rules = {"on_phase": {phase_id(definition, "Preparation"): ids["In preparation"]}}
    assert api.request("PUT", "/job-statuses", token=firm.token, headers={"If-Match": '"1"'}, json={
        "statuses": [{"id": i, "name": n} for n, i in ids.items()], "rules": rules}).status == 200
    seal = _timeline(api, firm.token, room["id"])["sealed"]
    set_since = api.post(f"/rooms/{room['id']}/job-status", {"status_id": ids["Waiting"]}, token=firm.token)
    assert set_since.status == 200, set_since.text  # bumps the room's version: the seal is outdated
    moved = _sealed_move(api, firm.token, room["id"], definition, "Preparation", seal)
    assert (moved.status, moved.json["job_status"], last_calls()) == (200, "In preparation", 3), moved.text
    history = api.get(f"/rooms/{room['id']}/job-status/history", token=firm.token).json["items"]
    assert [(h["name"], h["cause"]) for h in history] == [("In preparation", "phase"), ("Waiting", "staff")]
