"""Service items, the check other domains make before they file work under one, and
the copy of each service the survey item keeps, so publishing a survey checks and names
its services in its own write, with no read."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule
from chalicelib.store import Attr, Work, exists, keys

ACTIVE, RETIRED = "active", "retired"
DEMO_SERVICES = ("Tax return", "Bookkeeping", "Financial plan")
# The survey item holds `offered_<service id>`: {name, status} of every service. A new
# service's copy commits with it; a rename or retirement follows from the stream.
OFFERED = "offered_"


def service_item(service_id: str, name: str, description: str | None = None) -> dict[str, Any]:
    return {**keys.service(service_id), "type": "service", "id": service_id, "name": name,
            "description": description, "status": ACTIVE, "created_at": clock.now_iso()}


def empty_timeline(service_id: str) -> dict[str, Any]:
    """A new service's timeline definition, with no phases yet (version 0): the item an
    edit of it updates, whose existence proves the service's (chalicelib.phases)."""
    return {**keys.service_timeline(service_id), "type": "service_timeline", "service_id": service_id, "v": 0}


def not_offered(loc: str) -> BusinessRule:
    return BusinessRule("The service must be one of the firm's active services.",
                        [{"loc": loc, "msg": "no such active service"}])


def check_active_service(work: Work, service_id: str, loc: str) -> None:
    """A ConditionCheck: the service exists and is not retired when the write commits."""
    work.check(keys.service(service_id), exists() & Attr("status").eq(ACTIVE), refused=lambda _: not_offered(loc))


def offered(services: list[dict[str, Any]]) -> dict[str, Any]:
    """The survey item's copies of these services, as attributes to set."""
    return {f"{OFFERED}{s['id']}": {"name": s["name"], "status": s["status"]} for s in services}


def copy_onto_survey(work: Work, services: list[dict[str, Any]], also: dict[str, Any] | None = None) -> None:
    """The services' copies on the survey item (with `also`, more of its attributes), made
    if there is none yet (no version)."""
    work.upsert(keys.survey(), set={"type": "survey", **offered(services), **(also or {})})
