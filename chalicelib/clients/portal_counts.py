"""A client's portal counts: how many of its contacts hold a pending invitation and how
many an accepted login. A person's move (linked, unlinked, invited, accepted, removed)
ADDs to them with no read of the client, so two moves at once never collide over its
version. The status derived from them (`portal_status`, which lists filter on, search
words carry and the adoption report counts) follows from the table stream."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.records import CONTACT_IDS, portal_status
from chalicelib.core.errors import NotFound
from chalicelib.store import Attr, Work, exists, keys
from chalicelib.store.conditions import ConditionBase, all_of
from chalicelib.store.work import Refusal

PENDING, ACCEPTED, STATUS = "portal_pending", "portal_accepted", "portal_status"


def _no_client(_: dict[str, Any] | None) -> Exception:
    return NotFound("No such client.")


def count_portal(work: Work, client_id: str, pending: int, accepted: int, *, when: ConditionBase | None = None,
                 refused: Refusal | None = None, joins: str | None = None, leaves: str | None = None) -> None:
    """Moves the client's counts by the deltas; the client must exist (and meet `when`).
    A person who `joins` or `leaves` the client moves in or out of its copy of its
    contacts' ids (DELETE of an absent set changes nothing). With nothing to move, the
    same condition is a ConditionCheck."""
    condition = all_of(exists(), when)
    deltas = {name: n for name, n in ((PENDING, pending), (ACCEPTED, accepted)) if n}
    if joins:
        deltas[CONTACT_IDS] = {joins}
    if not deltas and not leaves:
        work.check(keys.client(client_id), condition, refused=refused or _no_client)
        return
    work.count(keys.client(client_id), deltas, when=condition, refused=refused or _no_client,
               discard={CONTACT_IDS: {leaves}} if leaves else None)


def _as_seen(client: dict[str, Any], counter: str) -> ConditionBase:
    return Attr(counter).eq(client[counter]) if counter in client else Attr(counter).not_exists()


def follow_portal_counts(new: dict[str, Any], work: Work) -> None:
    """The status the counts now say, while they still say it: a record that arrives after
    the counts moved again leaves the status to that later record."""
    status = portal_status(new.get(PENDING, 0), new.get(ACCEPTED, 0))
    if new.get(STATUS) != status:
        work.count(keys.client(new["id"]), {}, set={STATUS: status},
                   when=_as_seen(new, PENDING) & _as_seen(new, ACCEPTED))
