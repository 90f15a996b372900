"""A service's timeline definition as stored, and the rules of editing it: ids kept,
left-out entries retired (never deleted, so rooms already in them keep reading them),
phases mapped only to steps of the same service."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import BadRequest
from chalicelib.phases.models import TimelineDefinition
from chalicelib.portal.ordered import merge_ordered, unknown
from chalicelib.store import keys


def _map_phase(n: int, phase: dict[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any]:
    active = [s for s in steps if not s["retired"]]
    if phase.get("step") is not None and phase.get("step_id") is not None:
        raise BadRequest("Give step_id or step, not both.", [{"loc": f"body.phases.{n}", "msg": "both given"}])
    step_id = phase.get("step_id")
    if phase.get("step") is not None:
        if phase["step"] >= len(active):
            raise unknown(f"body.phases.{n}.step", "step")
        step_id = active[phase["step"]]["id"]
    elif step_id is not None and step_id not in {s["id"] for s in active}:
        raise unknown(f"body.phases.{n}.step_id", "step")
    return {"id": phase["id"], "name": phase["name"], "step_id": step_id, "retired": phase["retired"]}


def merged(body: TimelineDefinition, old: dict[str, Any] | None) -> tuple[list[dict], list[dict]]:
    """(steps, phases) after the edit."""
    steps = merge_ordered([s.model_dump() for s in body.steps], (old or {}).get("steps", []), "body.steps", "step")
    steps = [{"id": s["id"], "name": s["name"], "retired": s["retired"]} for s in steps]
    given = [p.model_dump() for p in body.phases]
    phases = merge_ordered(given, (old or {}).get("phases", []), "body.phases", "phase")
    return steps, [p if p["retired"] else _map_phase(n, p, steps) for n, p in enumerate(phases)]


def definition_item(service_id: str, steps: list[dict], phases: list[dict]) -> dict[str, Any]:
    return {**keys.service_timeline(service_id), "type": "service_timeline", "service_id": service_id,
            "steps": steps, "phases": phases}


def phase_item(service_id: str, phase: dict[str, Any], steps: list[dict]) -> dict[str, Any]:
    """A phase as a move reads it: its mapping and the service's active steps, in order."""
    return {**keys.phase(phase["id"]), "type": "phase", "service_id": service_id, **phase,
            "steps": [{"id": s["id"], "name": s["name"]} for s in steps if not s["retired"]]}
