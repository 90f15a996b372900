"""Ordered lists staff edit as a whole (a service's phases and steps, the firm's job
statuses): ids given are kept, new entries get one, entries left out are retired rather
than deleted, so whatever already points at them keeps reading them."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import BadRequest, BusinessRule
from chalicelib.core.ids import new_id


def unknown(loc: str, what: str) -> BusinessRule:
    return BusinessRule(f"That is not a {what} of this list.", [{"loc": loc, "msg": f"no such {what} here"}])


def merge_ordered(given: list[dict[str, Any]], old: list[dict[str, Any]], loc: str,
                  what: str) -> list[dict[str, Any]]:
    """The new active entries in the given order, then the old ones left out, retired."""
    known = {o["id"] for o in old}
    for n, entry in enumerate(given):
        if entry.get("id") is not None and entry["id"] not in known:
            raise unknown(f"{loc}.{n}.id", what)
    active = numbered(given, loc, what)
    seen = {e["id"] for e in active}
    return active + [{**o, "retired": True} for o in old if o["id"] not in seen]


def numbered(given: list[dict[str, Any]], loc: str, what: str) -> list[dict[str, Any]]:
    """The given entries, active, each with its id (a new one where none was given); an id
    given twice is refused. Whether the ids given are known is for the caller to say."""
    seen: set[str] = set()
    active = []
    for n, entry in enumerate(given):
        if entry.get("id") in seen:
            raise BadRequest(f"A {what} appears twice.", [{"loc": f"{loc}.{n}.id", "msg": "repeated"}])
        entry_id = entry.get("id") or new_id()
        seen.add(entry_id)
        active.append({**entry, "id": entry_id, "retired": False})
    return active
