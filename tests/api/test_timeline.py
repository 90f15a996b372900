"""Phases and the client-facing timeline (seed 001): staff define phases mapped to steps,
move a room; the client's timeline moves and the client members are told once, after a
grace period, and not at all when the move is undone within it."""
from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service
from tests.status_support import after_grace, define_timeline, mails_to, move, phase_id, room_on_a_timeline


def _setup(api, firm, pump):
    return room_on_a_timeline(api, firm, pump)


def test_definition_maps_several_phases_to_one_step_and_some_to_none(api, firm):
    sid = add_service(api, firm)
    made = define_timeline(api, firm, sid)
    steps = {s["id"]: s["name"] for s in made["steps"]}
    mapped = {p["name"]: steps.get(p["step_id"]) for p in made["phases"]}
    assert mapped["Intake"] == mapped["Chasing documents"] == "Gathering"
    assert mapped["Quality check"] is None and made["version"] == 1
    assert api.get(f"/services/{sid}/timeline", token=firm.token).json == made


def test_moves_notify_the_client_once_after_the_grace_period(api, firm, pump):
    home, _, definition, room = _setup(api, firm, pump)
    before, erika_before = len(mails_to("norbert@lindqvist.example")), len(mails_to("erika@lindqvist.example"))
    moved = move(api, firm.token, room["id"], phase_id(definition, "Intake"))
    assert moved.status == 200 and moved.json["step_name"] == "Gathering", moved.text
    assert move(api, firm.token, room["id"], phase_id(definition, "Preparation")).status == 200
    pump()
    assert len(mails_to("norbert@lindqvist.example")) == before  # nothing before the grace period ends
    assert after_grace(pump) == 1
    mails = mails_to("norbert@lindqvist.example")[before:]
    assert len(mails) == 1 and "Preparing" in mails[0].subject
    assert len(mails_to("erika@lindqvist.example")) == erika_before + 1
    seen = api.get(f"/rooms/{room['id']}/timeline", token=home.norbert_token)
    assert seen.status == 200, seen.text
    assert [(s["name"], s["state"]) for s in seen.json["steps"]] == [
        ("Gathering", "past"), ("Preparing", "current"), ("Review", "next"), ("Filed", "next")]
    assert seen.json["steps"][1]["reached_at"] and seen.json["steps"][2]["reached_at"] is None
    assert "phase_name" not in seen.json and "phase_id" not in seen.json
    staff = api.get(f"/rooms/{room['id']}/timeline", token=firm.token).json
    assert staff["phase_name"] == "Preparation"


def test_a_move_undone_within_the_grace_period_sends_nothing(api, firm, pump):
    home, _, definition, room = _setup(api, firm, pump)
    move(api, firm.token, room["id"], phase_id(definition, "Intake"))
    after_grace(pump)
    before = len(mails_to("norbert@lindqvist.example"))
    assert move(api, firm.token, room["id"], phase_id(definition, "Preparation")).status == 200
    assert move(api, firm.token, room["id"], phase_id(definition, "Chasing documents")).status == 200
    after_grace(pump)
    assert len(mails_to("norbert@lindqvist.example")) == before
    notes = api.get(f"/rooms/{room['id']}/timeline", token=home.erika_token).json
    assert notes["current"] == "Gathering"


def test_an_unmapped_phase_is_internal_and_leaves_the_timeline(api, firm, pump):
    home, _, definition, room = _setup(api, firm, pump)
    move(api, firm.token, room["id"], phase_id(definition, "Preparation"))
    client_feed = api.get(f"/rooms/{room['id']}/feed", token=home.norbert_token).json["items"]
    moved = api.post(f"/rooms/{room['id']}/phase", {"phase_id": phase_id(definition, "Quality check")},
                     token=firm.token)
    assert moved.status == 200 and moved.json["step_name"] == "Preparing"
    assert api.get(f"/rooms/{room['id']}/feed", token=home.norbert_token).json["items"] == client_feed
    staff_feed = api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]
    assert staff_feed[0]["kind"] == "phase_changed" and staff_feed[0]["visibility"] == "internal"
    assert staff_feed[0]["payload"] == {"from": "Preparation", "to": "Quality check"}
    kinds = [i["kind"] for i in client_feed]
    assert "timeline_moved" in kinds and "phase_changed" not in kinds


def test_retired_phases_stay_readable_and_cannot_be_entered(api, firm, pump):
    home, sid, definition, room = _setup(api, firm, pump)
    move(api, firm.token, room["id"], phase_id(definition, "Preparation"))
    keep = [p for p in definition["phases"] if p["name"] != "Preparation"]
    steps = [{"id": s["id"], "name": s["name"]} for s in definition["steps"] if s["name"] != "Preparing"]
    body = {"steps": steps, "phases": [{"id": p["id"], "name": p["name"],
                                        "step_id": p["step_id"] if p["step_id"] in {s["id"] for s in steps} else None}
                                       for p in keep]}
    edited = api.request("PUT", f"/services/{sid}/timeline", json=body, token=firm.token,
                         headers={"If-Match": '"1"'})
    assert edited.status == 200, edited.text
    retired = [p["name"] for p in edited.json["phases"] if p["retired"]]
    assert retired == ["Preparation"] and [s["name"] for s in edited.json["steps"] if s["retired"]] == ["Preparing"]
    seen = api.get(f"/rooms/{room['id']}/timeline", token=home.norbert_token)
    assert seen.status == 200 and seen.json["current"] == "Preparing"
    pump()  # the phase items a move reads follow the edit from the stream
    again = move(api, firm.token, room["id"], phase_id(definition, "Preparation"))
    assert "retired" in assert_problem(again, 422)["detail"]
    assert move(api, firm.token, room["id"], phase_id(definition, "Partner review")).status == 200


def test_bad_mappings_and_moves(api, firm, other_firm, pump):
    home, sid, definition, room = _setup(api, firm, pump)
    other_sid = add_service(api, firm, "Bookkeeping")
    other_def = define_timeline(api, firm, other_sid)
    foreign_step = other_def["steps"][0]["id"]
    bad = api.request("PUT", f"/services/{sid}/timeline", token=firm.token,
                      json={"steps": [{"name": "Only"}], "phases": [{"name": "P", "step_id": foreign_step}]})
    assert assert_problem(bad, 422)["errors"][0]["loc"] == "body.phases.0.step_id"
    assert_problem(api.request("PUT", f"/services/{sid}/timeline", token=firm.token,
                               json={"steps": [], "phases": []}), 400)
    assert_problem(api.request("PUT", f"/services/{sid}/timeline", token=firm.token,
                               json={"steps": [], "phases": [{"name": "P"}]}, headers={"If-Match": '"9"'}), 412)
    assert_problem(move(api, firm.token, room["id"], phase_id(other_def, "Intake")), 422)
    assert_problem(move(api, firm.token, room["id"], "nope"), 422)
    assert_problem(move(api, home.norbert_token, room["id"], phase_id(definition, "Intake")), 403)
    assert_problem(move(api, other_firm.token, room["id"], phase_id(definition, "Intake")), 404)
    assert_problem(api.get(f"/services/{sid}/timeline", token=other_firm.token), 404)
    assert_problem(api.request("PUT", f"/services/{sid}/timeline", token=other_firm.token,
                               json={"steps": [], "phases": [{"name": "P"}]}), 404)
    assert_problem(api.get(f"/rooms/{room['id']}/timeline", token=other_firm.token), 404)
    assert move(api, firm.token, room["id"], phase_id(definition, "Intake")).status == 200
    assert_problem(move(api, firm.token, room["id"], phase_id(definition, "Intake")), 409)


def test_an_edit_keeps_only_known_ids_and_lists_the_retired_after_the_active(api, firm, other_firm, pump):
    sid = add_service(api, firm)
    first = define_timeline(api, firm, sid)
    theirs = define_timeline(api, other_firm, add_service(api, other_firm))
    foreign = {"steps": [{"id": theirs["steps"][0]["id"], "name": "Theirs"}], "phases": [{"name": "P"}]}
    refused = assert_problem(api.request("PUT", f"/services/{sid}/timeline", json=foreign, token=firm.token), 422)
    assert refused["errors"][0]["loc"] == "body.steps.0.id"
    kept = first["phases"][2]
    edited = api.request("PUT", f"/services/{sid}/timeline", token=firm.token, headers={"If-Match": '"1"'},
                         json={"steps": [], "phases": [{"id": kept["id"], "name": "Only"}]})
    assert edited.status == 200 and edited.json["version"] == 2, edited.text
    assert [p["name"] for p in edited.json["phases"]] == ["Only", *(p["name"] for p in first["phases"]
                                                                    if p["id"] != kept["id"])]
    assert all(s["retired"] for s in edited.json["steps"]) and edited.json["phases"][0]["step_id"] is None
    again = api.request("PUT", f"/services/{sid}/timeline", token=firm.token,
                        json={"steps": [{"name": "New"}], "phases": [{"name": "Last", "step": 0}]})
    assert [p["name"] for p in again.json["phases"]][:2] == ["Last", "Only"], again.text
    assert api.get(f"/services/{sid}/timeline", token=firm.token).json == again.json
