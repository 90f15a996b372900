"""Setting a room's job status inside someone else's unit of work: the room, a history
item and a client-visible feed item move together (the client's board follows). Used by the
staff route and by every automation rule (phase change, done uploading, idle rooms)."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.ids import new_id
from chalicelib.rooms import feed
from chalicelib.store import Work, keys

JOB_STATUS_SET = "job_status_set"
STAFF, ON_PHASE, ON_DONE_UPLOADING, ON_IDLE = "staff", "phase", "done_uploading", "idle"


def active_status(statuses: dict[str, Any] | None, status_id: str | None) -> dict[str, Any] | None:
    return next((s for s in (statuses or {}).get("statuses", []) if s["id"] == status_id and not s["retired"]), None)


def rule_status(statuses: dict[str, Any] | None, cause: str, key: str | None = None) -> dict[str, Any] | None:
    """The status an automation rule names for `cause`, if any (and still active)."""
    rules = (statuses or {}).get("rules") or {}
    target = {ON_PHASE: (rules.get("on_phase") or {}).get(key or ""), ON_DONE_UPLOADING: rules.get("on_done_uploading"),
              ON_IDLE: rules.get("on_idle")}.get(cause)
    return active_status(statuses, target)


def set_status(work: Work, room: dict[str, Any], status: dict[str, Any], cause: str,
               who: dict[str, str] | None) -> dict[str, Any]:
    """Adds the writes of one status change to `work`; the caller updates the room item
    with the returned `job_status`, and the client's board follows from the stream."""
    at, change_id = clock.now_iso(), new_id()
    value = {"id": status["id"], "name": status["name"], "at": at, "cause": cause}
    work.create({**keys.status_change(room["id"], change_id), "type": "status_change", "id": change_id,
                 "status_id": status["id"], "name": status["name"], "at": at, "cause": cause,
                 "by": (who or {}).get("name")})
    feed.append(work, room["id"], JOB_STATUS_SET, feed.CLIENT_VISIBLE, {"status": status["name"]}, actor=who)
    return value
