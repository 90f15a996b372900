"""Service items, and the check other domains make before they file work under one."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule
from chalicelib.store import Attr, Work, exists, keys

ACTIVE, RETIRED = "active", "retired"
DEMO_SERVICES = ("Tax return", "Bookkeeping", "Financial plan")


def service_item(service_id: str, name: str, description: str | None = None) -> dict[str, Any]:
    return {**keys.service(service_id), "type": "service", "id": service_id, "name": name,
            "description": description, "status": ACTIVE, "created_at": clock.now_iso()}


def not_offered(loc: str) -> BusinessRule:
    return BusinessRule("The service must be one of the firm's active services.",
                        [{"loc": loc, "msg": "no such active service"}])


def check_active_service(work: Work, service_id: str, loc: str) -> None:
    """A ConditionCheck: the service exists and is not retired when the write commits."""
    work.check(keys.service(service_id), exists() & Attr("status").eq(ACTIVE), refused=lambda _: not_offered(loc))
