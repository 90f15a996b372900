"""A service's timeline definition as stored, and the rules of editing it: ids kept,
left-out entries retired (never deleted, so rooms already in them keep reading them),
phases mapped only to steps of the same service.

The definition item keeps each step and phase it ever had as its own attribute
(`step_<id>`, `phase_<id>`: name, mapping, the edit that last listed it and where) and
the active ones' order (`step_order`, `phase_order`). An edit sets the entries it lists
and the order, so it needs no read: the ones left out are retired by not being in the
order, and the ids it keeps are proven known by its condition. The phase items a move
reads follow from the stream (`copies.py`)."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import BadRequest
from chalicelib.core.ids import new_id
from chalicelib.phases.models import TimelineDefinition
from chalicelib.portal.ordered import numbered, unknown
from chalicelib.store import Attr, keys
from chalicelib.store.conditions import ConditionBase, all_of

STEP, PHASE = "step_", "phase_"
ORDER = {STEP: "step_order", PHASE: "phase_order"}


def _map_phase(n: int, phase: dict[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any]:
    """The phase with the active step it shows as (`steps` are the active ones)."""
    if phase.get("step") is not None and phase.get("step_id") is not None:
        raise BadRequest("Give step_id or step, not both.", [{"loc": f"body.phases.{n}", "msg": "both given"}])
    step_id = phase.get("step_id")
    if phase.get("step") is not None:
        if phase["step"] >= len(steps):
            raise unknown(f"body.phases.{n}.step", "step")
        step_id = steps[phase["step"]]["id"]
    elif step_id is not None and step_id not in {s["id"] for s in steps}:
        raise unknown(f"body.phases.{n}.step_id", "step")
    return {"id": phase["id"], "name": phase["name"], "step_id": step_id}


def given(body: TimelineDefinition) -> tuple[list[dict], list[dict]]:
    """(steps, phases) the edit makes active, in order, new ones with new ids; the steps
    given are all the active ones, so every mapping is checked against the request."""
    steps = [{"id": s["id"], "name": s["name"]}
             for s in numbered([s.model_dump() for s in body.steps], "body.steps", "step")]
    phases = numbered([p.model_dump() for p in body.phases], "body.phases", "phase")
    return steps, [_map_phase(n, p, steps) for n, p in enumerate(phases)]


def edit(steps: list[dict], phases: list[dict]) -> dict[str, Any]:
    """The attributes an edit sets: each entry it lists, stamped with the edit, and the order."""
    stamp = new_id()  # ids sort by time: the later edit's stamp sorts after
    entries = {f"{prefix}{e['id']}": {**{k: v for k, v in e.items() if k != "id"}, "at": stamp, "n": n}
               for prefix, listed in ((STEP, steps), (PHASE, phases)) for n, e in enumerate(listed)}
    return {**entries, ORDER[STEP]: [s["id"] for s in steps], ORDER[PHASE]: [p["id"] for p in phases]}


def kept_known(body: TimelineDefinition) -> ConditionBase | None:
    """Every id the edit keeps is one the definition has."""
    return all_of(*(Attr(f"{prefix}{entry.id}").exists()
                    for prefix, listed in ((STEP, body.steps), (PHASE, body.phases))
                    for entry in listed if entry.id is not None))


def first_unknown(body: TimelineDefinition, item: dict[str, Any]) -> Exception | None:
    """The first id given that the definition as it stood does not have."""
    for prefix, listed, loc, what in ((STEP, body.steps, "body.steps", "step"),
                                      (PHASE, body.phases, "body.phases", "phase")):
        for n, entry in enumerate(listed):
            if entry.id is not None and f"{prefix}{entry.id}" not in item:
                return unknown(f"{loc}.{n}.id", what)
    return None


def entries(item: dict[str, Any] | None, prefix: str) -> list[dict[str, Any]]:
    """Steps or phases as shown: the active ones in order, then the retired ones, those the
    latest edit left out first, each group in its former order."""
    item = item or {}
    order = item.get(ORDER[prefix], [])
    stored = {a.removeprefix(prefix): v for a, v in item.items() if a.startswith(prefix) and a != ORDER[prefix]}
    retired = sorted(sorted((i for i in stored if i not in order), key=lambda i: stored[i]["n"]),
                     key=lambda i: stored[i]["at"], reverse=True)
    return [{"id": i, **{k: v for k, v in stored[i].items() if k not in ("at", "n")}, "retired": i not in order}
            for i in [*order, *retired]]


def phase_item(service_id: str, phase: dict[str, Any], steps: list[dict]) -> dict[str, Any]:
    """A phase as a move reads it: its mapping and the service's active steps, in order."""
    return {**keys.phase(phase["id"]), "type": "phase", "service_id": service_id, **phase,
            "steps": [{"id": s["id"], "name": s["name"]} for s in steps if not s["retired"]]}
