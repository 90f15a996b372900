"""The one-off backfill of timeline definitions stored before each entry became its own
attribute (records.py): such a definition listed its steps and phases (`steps`,
`phases`: the active ones in order, then the retired ones), and a service never edited
had no definition, where an edit now needs one to exist.

Each listed definition is rewritten as entries and orders, the lists removed, on
condition of the version read (an edit meanwhile moved it: it is read again); its new
version makes the stream write the phase items again (copies.py). A missing definition
is made empty, on condition it is still missing. A definition in the new shape is left
alone, so running it again changes nothing. Part of `python -m chalicelib.backfill`."""
from __future__ import annotations

from typing import Any

from chalicelib.core.ids import new_id
from chalicelib.phases.records import ORDER, PHASE, STEP
from chalicelib.services.records import empty_timeline
from chalicelib.store import FirmStore, at_version, keys, missing
from chalicelib.store.rereading import until_unmoved

_LISTS = {STEP: "steps", PHASE: "phases"}


def backfill(firm_id: str) -> int:
    """Rewrites or makes each service's definition as needed; returns how many it wrote."""
    db = FirmStore.trusted(firm_id)
    return sum(until_unmoved(lambda: _rewrite(db, s["id"]), f"the timeline of service {s['id']}")
               for s in db.query_all(keys.SERVICES, sk_prefix="SERVICE#", limit=200))


def _rewrite(db: FirmStore, service_id: str) -> int:
    item = db.get(keys.service_timeline(service_id), consistent=True)
    if item is not None and not any(name in item for name in _LISTS.values()):
        return 0
    work = db.work()
    if item is None:
        work.put(empty_timeline(service_id), when=missing())
    else:
        work.update(keys.service_timeline(service_id), set=as_entries(item), when=at_version(item["v"]))
    work.commit()
    return 1


def as_entries(item: dict[str, Any]) -> dict[str, Any]:
    """The attributes that stand for the listed definition (None removes the lists): each
    entry keeps its place in its list, and the retired ones share one stamp, so they show
    in their former order after the active ones."""
    stamp = new_id()
    changes: dict[str, Any] = {}
    for prefix, name in _LISTS.items():
        listed = item.get(name, [])
        changes.update({f"{prefix}{e['id']}": {**_fields(e), "at": stamp, "n": n} for n, e in enumerate(listed)})
        changes[ORDER[prefix]] = [e["id"] for e in listed if not e.get("retired")]
        changes[name] = None
    return changes


def _fields(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in ("id", "retired")}
