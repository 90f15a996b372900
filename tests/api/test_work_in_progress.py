"""Work in progress (seed 002): the firm's job statuses, set by staff or by rules (phase
change, done uploading), kept as history and shown on the client's home."""
from tests.api.test_errors import assert_problem, problem_status
from tests.rooms_support import add_service, create_room, portal_household
from tests.status_support import define_timeline, move, phase_id

STATUSES = ["Waiting for your documents", "In preparation", "Ready to sign"]


def _statuses(api, firm, rules=None, **kw):
    body = {"statuses": [{"name": n} for n in STATUSES], "rules": rules or {}}
    return api.request("PUT", "/job-statuses", json=body, token=firm.token, **kw)


def _id(made, name):
    return next(s["id"] for s in made["statuses"] if s["name"] == name)


def test_staff_set_a_status_the_client_sees_it_with_history(api, firm, pump):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    made = _statuses(api, firm).json
    for name in ("Waiting for your documents", "In preparation"):
        resp = api.post(f"/rooms/{room['id']}/job-status", {"status_id": _id(made, name)}, token=firm.token)
        assert resp.status == 200 and resp.json["cause"] == "staff", resp.text
    history = api.get(f"/rooms/{room['id']}/job-status/history", token=firm.token).json["items"]
    assert [h["name"] for h in history] == ["In preparation", "Waiting for your documents"]
    first = api.get(f"/rooms/{room['id']}/job-status/history?limit=1", token=firm.token).json
    last = api.get(f"/rooms/{room['id']}/job-status/history?limit=1&cursor={first['next_cursor']}",
                   token=firm.token).json
    assert [h["name"] for h in first["items"] + last["items"]] == ["In preparation", "Waiting for your documents"]
    assert set(last["items"][0]) == set(first["items"][0]), "the room's own item never shows as a change"
    assert problem_status(api.get("/rooms/01JZZZZZZZZZZZZZZZZZZZZZZZ/job-status/history", token=firm.token)) == 404
    pump()  # the board's copy of the status follows from the stream
    shown = api.get("/me/portal", token=home.norbert_token).json["clients"][0]["rooms"][0]
    assert shown["job_status"] == "In preparation"
    api.patch("/firm/portal-options", {"options": {"work_in_progress": False}}, token=firm.token)
    assert api.get("/me/portal", token=home.norbert_token).json["clients"][0]["rooms"][0]["job_status"] is None
    client_feed = api.get(f"/rooms/{room['id']}/feed", token=home.norbert_token).json["items"]
    assert client_feed[0]["kind"] == "job_status_set" and client_feed[0]["payload"] == {"status": "In preparation"}


def test_rules_on_phase_change_and_done_uploading(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    definition = define_timeline(api, firm, sid)
    room = create_room(api, firm, home.client_id, sid)
    first = _statuses(api, firm).json
    rules = {"on_phase": {phase_id(definition, "Preparation"): _id(first, "In preparation")},
             "on_done_uploading": _id(first, "In preparation")}
    body = {"statuses": [{"id": s["id"], "name": s["name"]} for s in first["statuses"]], "rules": rules}
    made = api.request("PUT", "/job-statuses", json=body, token=firm.token, headers={"If-Match": '"1"'})
    assert made.status == 200, made.text
    moved = move(api, firm.token, room["id"], phase_id(definition, "Preparation"))
    assert moved.json["job_status"] == "In preparation"
    assert api.post(f"/rooms/{room['id']}/done-uploading", token=home.erika_token).status == 200
    pump()  # the rule's status follows the client's notice from the stream
    causes = [h["cause"] for h in api.get(f"/rooms/{room['id']}/job-status/history", token=firm.token).json["items"]]
    assert causes == ["done_uploading", "phase"]
    staff_feed = api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]
    assert any(i["kind"] == "done_uploading" and i["actor_name"] == "Erika" for i in staff_feed)


def test_bad_input_wrong_role_other_firm(api, firm, other_firm, pump):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    made = _statuses(api, firm).json
    assert problem_status(_statuses(api, firm, rules={"on_done_uploading": "nope"})) == 422
    assert problem_status(_statuses(api, firm, rules={"on_phase": {"nophase": made["statuses"][0]["id"]}})) == 422
    assert problem_status(_statuses(api, firm, rules={"idle_days": 5})) == 400
    assert problem_status(_statuses(api, firm, headers={"If-Match": '"7"'})) == 412
    path = f"/rooms/{room['id']}/job-status"
    assert problem_status(api.post(path, {"status_id": "nope"}, token=firm.token)) == 422
    assert problem_status(api.post(path, {"status_id": made["statuses"][0]["id"]}, token=other_firm.token)) == 404
    assert problem_status(api.post(path, {"status_id": made["statuses"][0]["id"]}, token=home.norbert_token)) == 403
    assert problem_status(api.get(f"{path}/history", token=other_firm.token)) == 404
    assert problem_status(_statuses(api, other_firm, headers={"If-Match": '"1"'})) == 412
    api.patch("/firm/portal-options", {"options": {"done_uploading": False}}, token=firm.token)
    assert problem_status(api.post(f"/rooms/{room['id']}/done-uploading", token=home.norbert_token)) == 404
    assert problem_status(api.post(f"/rooms/{room['id']}/done-uploading", token=firm.token)) == 403


def test_idle_rooms_get_the_idle_status_once(api, firm, pump):
    from datetime import timedelta

    from chalicelib.core import clock
    from chalicelib.jobstatus import idle
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    busy = create_room(api, firm, home.client_id, add_service(api, firm, "Bookkeeping"), name="Busy")
    first = _statuses(api, firm).json
    body = {"statuses": [{"id": s["id"], "name": s["name"]} for s in first["statuses"]],
            "rules": {"idle_days": 5, "on_idle": _id(first, "Waiting for your documents")}}
    assert api.request("PUT", "/job-statuses", json=body, token=firm.token).status == 200
    clock.freeze(clock.now() + timedelta(days=6))
    try:
        api.post(f"/rooms/{busy['id']}/done-uploading", token=home.norbert_token)
        assert idle.run() == {"marked": 1}
        assert idle.run() == {"marked": 0}
    finally:
        clock.freeze(None)
    history = api.get(f"/rooms/{room['id']}/job-status/history", token=firm.token).json["items"]
    assert [(h["name"], h["cause"]) for h in history] == [("Waiting for your documents", "idle")]
    assert api.get(f"/rooms/{busy['id']}/job-status/history", token=firm.token).json["items"] == []
