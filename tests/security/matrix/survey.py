"""The client survey and the opportunities board. The world's survey asks about one
service of its own; the member answers yes for their client, which opens the world's
opportunity. The outsider answering for the member's client is a 404."""
from __future__ import annotations

from tests.security.world import World

ORDER = 70  # after clients (the member's client and portal logins)

ANON = 401
STAFF = {"anonymous": ANON, "other_owner": 404, "client_outsider": 403, "client_member": 403,
         "staff": 200, "admin": 200, "owner": 200}
EVERY_FIRM = {**STAFF, "other_owner": 200}
MANAGERS = {**STAFF, "staff": 403}
PORTAL = {"anonymous": ANON, "other_owner": 403, "client_outsider": 404, "client_member": 200,
          "staff": 403, "admin": 403, "owner": 403}

EXPECTED = {
    ("GET", "/survey"): dict(EVERY_FIRM),
    ("PUT", "/survey"): {**MANAGERS, "other_owner": 422},
    ("GET", "/me/survey"): {**PORTAL, "client_outsider": 200},
    ("POST", "/me/survey/answers"): {**PORTAL, "client_member": 201},
    ("POST", "/me/survey/skip"): dict(PORTAL),
    ("GET", "/clients/{client_id}/survey-answers"): dict(STAFF),
    ("GET", "/opportunities/board"): dict(EVERY_FIRM),
    ("GET", "/services/{service_id}/opportunities"): dict(EVERY_FIRM),  # another firm's service: an empty list
    ("GET", "/opportunities/{opportunity_id}"): dict(STAFF),
    ("POST", "/opportunities/{opportunity_id}/contacted"): dict(STAFF),
    ("POST", "/opportunities/{opportunity_id}/dismiss"): dict(STAFF),
    ("POST", "/opportunities/{opportunity_id}/reopen"): dict(STAFF),
    ("POST", "/opportunities/{opportunity_id}/room"): {**STAFF, "staff": 201, "admin": 201, "owner": 201},
}


def _ok(resp):
    assert resp.status in (200, 201), resp.text
    return resp.json


def _answers(world: World) -> dict:
    survey = _ok(world.api.get("/survey", token=world.firm.token))
    return {"client_id": world.ids["client_id"], "version": survey["version"],
            "answers": [{"question_id": q["id"], "answer": True} for q in survey["questions"]]}


def _fresh_opportunity(world: World) -> str:
    """Answers yes for the member's client; returns the service's open opportunity."""
    _ok(world.api.post("/me/survey/answers", _answers(world), token=world.tokens["client_member"]))
    world.pump()  # the answer's opportunity is opened from the stream
    listed = _ok(world.api.get(f"/services/{world.ids['survey_service_id']}/opportunities?status=open",
                               token=world.firm.token))
    return listed["items"][0]["id"]


def setup(api, world: World) -> None:
    owner = world.firm.token
    service_id = _ok(api.post("/services", {"name": "Bookkeeping"}, token=owner))["id"]
    world.ids["survey_service_id"] = service_id
    _ok(api.request("PUT", "/survey", json={"reask": "each_version", "questions": [
        {"service_id": service_id, "text": "Would you like help with your books?"}]}, token=owner))
    world.ids["opportunity_id"] = _fresh_opportunity(world)
    world.ids.setdefault("service_id", service_id)


def _unconvert(world: World, opportunity_id: str) -> None:
    """No route takes a conversion back (the room stays); the check puts the opportunity
    back to open in the store so the next persona converts the same one."""
    from chalicelib.opportunities.records import OPEN, claim_pair, count_open
    from chalicelib.store import FirmStore, keys
    db = FirmStore.trusted(world.firm.id)
    opp = {**db.get(keys.opportunity(opportunity_id)), "status": OPEN}
    work = db.work()
    work.update(keys.opportunity(opportunity_id), set={"status": OPEN, "room_id": None})
    claim_pair(work, opp)
    count_open(work, opp["service_id"], +1)
    work.commit()


def prepare(world: World, method: str, path: str) -> None:
    """Puts the opportunity in a state the route accepts again."""
    if not path.startswith("/opportunities/{opportunity_id}/") or method != "POST":
        return
    owner, oid = world.firm.token, world.ids["opportunity_id"]
    status = _ok(world.api.get(f"/opportunities/{oid}", token=owner))["status"]
    if path.endswith("/room") and status == "converted":
        _unconvert(world, oid)
    elif path.endswith("/reopen") and status == "open":
        _ok(world.api.post(f"/opportunities/{oid}/dismiss", {"reason": "matrix"}, token=owner))
    elif (path.endswith("/contacted") and status != "open") or (path.endswith("/dismiss") and status == "dismissed"):
        _ok(world.api.post(f"/opportunities/{oid}/reopen", {}, token=owner))


def body(world: World, method: str, path: str):
    if (method, path) == ("PUT", "/survey"):
        return {"reask": "yearly", "questions": [{"service_id": world.ids["survey_service_id"],
                                                  "text": world.unique("Help with your books? ")}]}
    if (method, path) == ("POST", "/me/survey/answers"):
        return _answers(world)
    if (method, path) == ("POST", "/me/survey/skip"):
        return {"client_id": world.ids["client_id"], "version": _answers(world)["version"]}
    if path.endswith("/contacted"):
        return {"note": "Called them"}
    if path.endswith("/dismiss"):
        return {"reason": "Not a fit"}
    if path.endswith("/reopen"):
        return {}
    if path.endswith("/room"):
        return {"name": world.unique("Books room ")}
    return None
