"""What follows an edit of a service's timeline definition from the table stream
(chalicelib.store.projection): the phase items a move reads, one per phase the edit
lists or has just retired, each with the service's active steps. An edit that has
already been followed by a later one's copy leaves that copy alone."""
from __future__ import annotations

from typing import Any

from chalicelib.phases.records import PHASE, STEP, entries, phase_item
from chalicelib.store import Attr, Work

DEFINED_AT = "definition_v"  # the definition's version a phase item was copied from


def phase_copy(definition: dict[str, Any], phase: dict[str, Any], steps: list[dict]) -> dict[str, Any]:
    """The phase item the stream writes for `phase` of this definition (also what a
    definition's answer seals for a move, as_read.py)."""
    return {**phase_item(definition["service_id"], phase, steps), DEFINED_AT: definition["v"]}


def follow_definition(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    if new is None or new["v"] == (old or {}).get("v"):
        return
    was_active = {p["id"] for p in entries(old, PHASE) if not p["retired"]}
    steps = entries(new, STEP)
    newer = Attr(DEFINED_AT).not_exists() | Attr(DEFINED_AT).lt(new["v"])
    for phase in entries(new, PHASE):
        if not phase["retired"] or phase["id"] in was_active:
            work.put(phase_copy(new, phase, steps), when=newer)
