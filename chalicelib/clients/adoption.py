"""Portal adoption counters, one item per professional, moved from the table stream by
each client change they count (clients/copies.py). A client counts once: as a client while active, as invited
while a contact has a pending or accepted invitation, as accepted while one has accepted."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from chalicelib.store import Work, keys

UNASSIGNED = keys.NO_PROFESSIONAL
COUNTED = ("clients", "invited", "accepted")


def _flags(client: dict[str, Any] | None) -> dict[str, int]:
    if not client or client.get("status") != "active":
        return dict.fromkeys(COUNTED, 0)
    portal = client.get("portal_status", "none")
    return {"clients": 1, "invited": int(portal != "none"), "accepted": int(portal == "active")}


def _bucket(client: dict[str, Any] | None) -> str:
    return (client or {}).get("professional_id") or UNASSIGNED


class Tally:
    """The deltas of one change: a client that moves from one professional to another
    leaves one count and joins the other; one ADD per professional whose counts moved."""

    def __init__(self) -> None:
        self.deltas: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTED, 0))

    def move(self, old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
        for bucket, flags, sign in ((_bucket(old), _flags(old), -1), (_bucket(new), _flags(new), 1)):
            for name, value in flags.items():
                self.deltas[bucket][name] += sign * value

    def count(self, work: Work) -> None:
        """One ADD per professional whose counts moved."""
        for bucket, deltas in sorted(self.deltas.items()):
            moved = {k: v for k, v in deltas.items() if v}
            if moved:
                work.count(keys.adoption(bucket), moved, set={"type": "adoption", "professional_id": bucket})
