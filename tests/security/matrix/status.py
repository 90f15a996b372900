"""Phases and timeline, portal options, lock-out, job statuses, announcements, wording. The
world's room (rooms module) gets a service timeline, a job status list and an
announcement; the member is in the room, the outsider is a portal user of another
client."""
from __future__ import annotations

from chalicelib.store import FirmStore, keys
from tests.security.world import World

ORDER = 70  # after rooms: the world's service and room

ANON = 401
STAFF_ONLY = {"anonymous": ANON, "other_owner": 404, "client_outsider": 403, "client_member": 403,
              "staff": 200, "admin": 200, "owner": 200}
MANAGERS = {**STAFF_ONLY, "staff": 403}
EVERY_FIRM = {**STAFF_ONLY, "other_owner": 200}
FIRM_MANAGERS = {**MANAGERS, "other_owner": 200}
ROOM_READ = {**STAFF_ONLY, "client_outsider": 404, "client_member": 200}
CLIENTS_ONLY = {"anonymous": ANON, "other_owner": 403, "client_outsider": 200, "client_member": 200,
                "staff": 403, "admin": 403, "owner": 403}

EXPECTED = {
    ("GET", "/services/{service_id}/timeline"): dict(STAFF_ONLY),
    ("PUT", "/services/{service_id}/timeline"): dict(MANAGERS),
    ("POST", "/rooms/{room_id}/phase"): dict(STAFF_ONLY),
    ("GET", "/rooms/{room_id}/timeline"): dict(ROOM_READ),
    ("GET", "/firm/portal-options"): dict(EVERY_FIRM),
    ("PATCH", "/firm/portal-options"): dict(FIRM_MANAGERS),
    ("GET", "/clients/{client_id}/portal-options"): dict(STAFF_ONLY),
    ("PATCH", "/clients/{client_id}/portal-options"): dict(MANAGERS),
    ("PUT", "/rooms/{room_id}/event-date"): dict(STAFF_ONLY),
    ("PUT", "/clients/{client_id}/event-date"): dict(STAFF_ONLY),
    ("GET", "/me/portal"): dict(CLIENTS_ONLY),
    ("GET", "/job-statuses"): dict(EVERY_FIRM),
    ("PUT", "/job-statuses"): dict(FIRM_MANAGERS),
    ("POST", "/rooms/{room_id}/job-status"): dict(STAFF_ONLY),
    ("GET", "/rooms/{room_id}/job-status/history"): dict(STAFF_ONLY),
    ("POST", "/announcements"): {**FIRM_MANAGERS, "other_owner": 201, "admin": 201, "owner": 201},
    ("GET", "/announcements"): dict(EVERY_FIRM),
    ("GET", "/announcements/{announcement_id}/preview"): dict(STAFF_ONLY),
    ("DELETE", "/announcements/{announcement_id}"): {**MANAGERS, "admin": 204, "owner": 204},
    ("GET", "/firm/wording"): dict(EVERY_FIRM),
    ("PATCH", "/firm/wording"): dict(FIRM_MANAGERS),
    ("POST", "/firm/wording/preview"): dict(EVERY_FIRM),
    ("POST", "/me/announcements/{announcement_id}/dismiss"): {**CLIENTS_ONLY, "client_outsider": 204,
                                                              "client_member": 204},
}

ANNOUNCEMENT = {"title": "Office closed", "body": "Closed on Friday.", "starts_at": "2026-01-01T00:00:00Z",
                "ends_at": "2099-01-01T00:00:00Z"}


def _ok(resp):
    assert resp.status in (200, 201, 204), resp.text
    return resp.json


def setup(api, world: World) -> None:
    owner, ids = world.firm.token, world.ids
    definition = _ok(api.request("PUT", f"/services/{ids['service_id']}/timeline", token=owner, json={
        "steps": [{"name": "Gathering"}, {"name": "Preparing"}],
        "phases": [{"name": "Intake", "step": 0}, {"name": "Preparation", "step": 1}]}))
    statuses = _ok(api.request("PUT", "/job-statuses", token=owner,
                               json={"statuses": [{"name": "In preparation"}, {"name": "Ready to sign"}]}))
    announcement = _ok(api.post("/announcements", ANNOUNCEMENT, token=owner))
    world.ids.update(phase_a=definition["phases"][0]["id"], phase_b=definition["phases"][1]["id"],
                     status_id=statuses["statuses"][0]["id"], announcement_id=announcement["id"])


def prepare(world: World, method: str, path: str) -> None:
    """Puts back what the previous persona's successful request changed."""
    ids, owner = world.ids, world.firm.token
    if (method, path) == ("POST", "/rooms/{room_id}/phase"):
        world.api.post(f"/rooms/{ids['room_id']}/phase", {"phase_id": ids["phase_b"]}, token=owner)
    if (method, path) == ("DELETE", "/announcements/{announcement_id}"):
        entry = {"id": ids["announcement_id"], "audience": "all", "service_ids": [], "created_at": "2026-01-01T00:00:00Z",
                 **ANNOUNCEMENT}
        work = FirmStore.trusted(world.firm.id).work()  # the world's own firm, put back as it was
        work.count(keys.announcements(), {}, set={f"a_{ids['announcement_id']}": entry})
        work.commit()


def body(world: World, method: str, path: str):
    ids = world.ids
    return {
        ("PUT", "/services/{service_id}/timeline"): {"steps": [{"name": "Gathering"}],
                                                      "phases": [{"id": ids.get("phase_a"), "name": "Intake",
                                                                  "step": 0}]},
        ("POST", "/rooms/{room_id}/phase"): {"phase_id": ids.get("phase_a")},
        ("PATCH", "/firm/portal-options"): {"options": {"appointments": True}},
        ("PATCH", "/clients/{client_id}/portal-options"): {"options": {"prepayment": True}},
        ("PUT", "/rooms/{room_id}/event-date"): {"event_date": "2099-06-01"},
        ("PUT", "/clients/{client_id}/event-date"): {"event_date": "2099-07-01"},
        ("PUT", "/job-statuses"): {"statuses": [{"name": world.unique("Status ")}]},
        ("POST", "/rooms/{room_id}/job-status"): {"status_id": ids.get("status_id")},
        ("POST", "/announcements"): {**ANNOUNCEMENT, "title": world.unique("News ")},
        ("PATCH", "/firm/wording"): {"messages": {"invitation": {"header": "Welcome to {firm}"}}},
        ("POST", "/firm/wording/preview"): {"message": "invitation"},
    }.get((method, path))
