"""The demo's room is in a phase with a job status; its client sees the timeline, the
status and the announcement on their home, and the "Done when" path works on it."""
from datetime import date, timedelta

from chalicelib.core.principal import Principal
from local.seed_clients import seed_clients
from local.seed_rooms import seed_rooms
from local.seed_status import seed_status
from tests.api.test_errors import assert_problem
from tests.status_support import after_grace, mails_to
from tests.support import login


def test_demo_room_timeline_status_and_lockout(api, firm, pump):
    me = api.get("/me", token=firm.token).json
    owner = Principal(firm_id=firm.id, user_id=me["user"]["id"], role="owner")
    email, password = seed_clients(owner, me["user"]["id"])
    room_id = seed_status(owner, seed_rooms(owner, me["user"]["id"]))
    client = login(api, firm.slug, email, password)["access_token"]
    pump()  # the board's copy of the job status follows from the stream
    home = api.get("/me/portal", token=client).json
    room = home["clients"][0]["rooms"][0]
    assert room["step"] == "Gathering documents" and room["job_status"] == "Waiting for your documents"
    assert [a["title"] for a in home["announcements"]] == ["Tax season hours"] and home["lockout_days"] == 7
    ahead = (date.today() + timedelta(days=113)).isoformat()
    assert home["clients"][0]["locked_from"] == ahead and room["locked_from"] == ahead and not room["locked"]
    after_grace(pump)
    before = len(mails_to(email))
    definition = next(api.get(f"/services/{s['id']}/timeline", token=firm.token).json
                      for s in api.get("/services", token=firm.token).json["items"] if s["name"] == "Tax return")
    ids = {p["name"]: p["id"] for p in definition["phases"]}
    for name in ("Preparation", "Partner review"):
        assert api.post(f"/rooms/{room_id}/phase", {"phase_id": ids[name]}, token=firm.token).status == 200
    after_grace(pump)
    assert len(mails_to(email)) == before + 1
    timeline = api.get(f"/rooms/{room_id}/timeline", token=client).json
    assert [s["state"] for s in timeline["steps"]] == ["past", "past", "current", "next"]
    day = (date.today() + timedelta(days=3)).isoformat()
    api.request("PUT", f"/rooms/{room_id}/event-date", json={"event_date": day}, token=firm.token)
    assert_problem(api.post(f"/rooms/{room_id}/done-uploading", token=client), 422)
