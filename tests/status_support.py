"""Helpers for the timeline, portal-options and lock-out tests: a service with phases
mapped to steps, and firing the one-off schedules after the grace period."""
from __future__ import annotations

from datetime import timedelta
from typing import Any, Callable

from tests.rooms_support import add_service, create_room, portal_household
from tests.support import ApiClient, Firm

STEPS = ["Gathering", "Preparing", "Review", "Filed"]
# (phase, step position or None)
PHASES = [("Intake", 0), ("Chasing documents", 0), ("Preparation", 1), ("Quality check", None),
          ("Partner review", 2), ("E-filed", 3)]


def define_timeline(api: ApiClient, firm: Firm, service_id: str,
                    pump: Callable[[], Any] | None = None) -> dict[str, Any]:
    """The service's phases and steps; pass `pump` to have its phase items, which a move
    and a job status rule read, follow from the stream at once."""
    body = {"steps": [{"name": s} for s in STEPS],
            "phases": [{"name": p, "step": s} for p, s in PHASES]}
    resp = api.request("PUT", f"/services/{service_id}/timeline", json=body, token=firm.token)
    assert resp.status == 200, resp.text
    if pump is not None:
        pump()
    return resp.json


def room_on_a_timeline(api: ApiClient, firm: Firm, pump) -> tuple[Any, str, dict[str, Any], dict[str, Any]]:
    """A household's room of a service with a defined timeline, once the stream has
    followed both: (household, service id, definition, room)."""
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    definition = define_timeline(api, firm, sid)
    room = create_room(api, firm, home.client_id, sid)
    pump()
    return home, sid, definition, room


def phase_id(definition: dict[str, Any], name: str) -> str:
    return next(p["id"] for p in definition["phases"] if p["name"] == name)


def move(api: ApiClient, token: str, room_id: str, phase: str):
    return api.post(f"/rooms/{room_id}/phase", {"phase_id": phase}, token=token)


def after_grace(pump) -> int:
    """Moves the clock past the grace period, fires due schedules, delivers the outbox."""
    from chalicelib.core import clock
    from chalicelib.phases.notices import grace_seconds
    from local.schedules import run_due_schedules
    clock.freeze(clock.now() + timedelta(seconds=grace_seconds() + 1))
    try:
        fired = run_due_schedules()
        pump()
    finally:
        clock.freeze(None)
    return fired


def mails_to(address: str) -> list[Any]:
    from tests.support import sent_emails
    return [m for m in sent_emails() if address in m.destinations.get("ToAddresses", [])]
