"""The local gateway runs the app as Lambda does: one request at a time. Chalice keeps
the request being handled on the app object, so two at once would hand one view the
other's body (a POST refused as "The body must be a JSON object" while a GET ran)."""
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def test_concurrent_requests_reach_the_app_one_at_a_time_with_their_own_bodies(api, firm, monkeypatch):
    real, guard, seen = api.gateway._app_object, threading.Lock(), {"inside": 0, "most": 0}

    def one_invocation(event, context):
        with guard:
            seen["inside"] += 1
            seen["most"] = max(seen["most"], seen["inside"])
        time.sleep(0.02)  # long enough for another thread to arrive if nothing holds it back
        try:
            return real(event, context)
        finally:
            with guard:
                seen["inside"] -= 1
    monkeypatch.setattr(api.gateway, "_app_object", one_invocation)
    auth = {"content-type": "application/json", "authorization": f"Bearer {firm.token}"}

    def create(n: int):
        if n % 2:
            return api.gateway.handle_request("GET", "/me", auth, b"")["statusCode"], None
        raw = api.gateway.handle_request("POST", "/services", auth, json.dumps({"name": f"Service {n}"}).encode())
        return raw["statusCode"], json.loads(raw["body"]).get("name")
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(create, range(16)))
    assert seen["most"] == 1
    assert answers == [(200, None) if n % 2 else (201, f"Service {n}") for n in range(16)]
