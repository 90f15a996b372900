"""Stored clients: reading them as the caller may see them, and writing them. Their
search words and the adoption counters follow each change from the table stream
(`copies.py`)."""
from __future__ import annotations

from typing import Any

from chalicelib.clients import search
from chalicelib.clients.models import ClientClientView, ClientStaffView, ClientSummaryView
from chalicelib.core import clock
from chalicelib.core.errors import NotFound, gone_or_stale
from chalicelib.core.principal import Principal
from chalicelib.store import FirmStore, Work, at_version, keys

SUMMARY = ("id", "kind", "display_name", "legal_name", "status", "professional_id", "tags",
           "portal_status", "primary_contact_id", "created_at")
_STORAGE = {"PK", "SK", "v", "type"}
# What the client's portal item keeps of the client: its status and how many rooms it has.
PORTAL_STATUS, PORTAL_ROOMS = "client_status", "rooms"
# The client's copy of its linked contacts' ids (a string set), written with each link and
# unlink, so naming a primary contact is a condition on the client's own UpdateItem. A
# client made before it kept one was given it by a backfill (contact_ids.py).
CONTACT_IDS = "contact_ids"


def get_client_item(db: FirmStore, client_id: str, consistent: bool = False) -> dict[str, Any]:
    found = db.get(keys.client(client_id), consistent=consistent)
    if found is None:
        raise NotFound("No such client.")
    return found


def visible_client(me: Principal, client_id: str) -> dict[str, Any]:
    """Staff reach every client of their firm; a portal user only their own active ones.
    Anything else is a 404, so a client id never confirms it exists."""
    if not me.is_staff and client_id not in me.client_ids:
        raise NotFound("No such client.")
    item = get_client_item(FirmStore.of(me), client_id)
    if not me.is_staff and item["status"] != "active":
        raise NotFound("No such client.")
    return item


stale_client = gone_or_stale("client")


def client_and_links(db: FirmStore, client_id: str) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The client (None if there is none) and every link of it: one range of its partition."""
    items = list(db.query_all(keys.client_partition(client_id), sk_between=("CLIENT", "CONTACT#~"), limit=100))
    return next((i for i in items if i["SK"] == "CLIENT"), None), [i for i in items if i["SK"] != "CLIENT"]


def staff_view(item: dict[str, Any]) -> ClientStaffView:
    return ClientStaffView(**{**item, "version": item["v"]})


def summary_view(item: dict[str, Any]) -> ClientSummaryView:
    return ClientSummaryView(**item)


def client_views(items: list[dict[str, Any]]) -> list[ClientClientView]:
    """A portal user sees who their professional is by name: the client keeps a copy
    (clients/copies.py), so the page needs no read of the staff."""
    return [ClientClientView(**i) for i in items]


def portal_status(pending: int, accepted: int) -> str:
    return "active" if accepted > 0 else "invited" if pending > 0 else "none"


def with_portal(client: dict[str, Any], pending: int, accepted: int) -> dict[str, Any]:
    """The client after its contacts' invitations moved by the given deltas."""
    p, a = client.get("portal_pending", 0) + pending, client.get("portal_accepted", 0) + accepted
    return {**client, "portal_pending": p, "portal_accepted": a, "portal_status": portal_status(p, a)}


def _indexed(client: dict[str, Any]) -> dict[str, Any]:
    return {**client, **keys.client(client["id"]), "type": "client",
            **keys.client_index(client["id"], search.sort_name(client["display_name"]))}


def changed_fields(client_id: str, fields: dict[str, Any]) -> dict[str, Any]:
    """What an update of the named fields sets, with no read of the client: a new name
    moves its place in the list by name too."""
    renamed = keys.client_index(client_id, search.sort_name(fields["display_name"])) if "display_name" in fields else {}
    return {**fields, **renamed, "updated_at": clock.now_iso()}


class Changes:
    """One unit of work in the making: client writes and other items."""

    def __init__(self, work: Work) -> None:
        self.work = work

    def client(self, old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
        """Writes `new` over `old` (None: a create; `old["v"]` is the version it must still
        be at). Returns the client as it will be stored."""
        stamped = _indexed({**new, "updated_at": clock.now_iso()} if old else new)
        if old is None:
            self.work.create(stamped)
            self.work.create_head(keys.client_lists_head(new["id"]))
            # Its portal overrides and event date: made with the client, so a change of them
            # is one UpdateItem whose condition (the item exists) is the client's existence.
            # It keeps the client's status and room count (copies.py) for the event date's answer.
            self.work.create({**keys.client_portal(new["id"]), "type": "client_portal", "client_id": new["id"],
                              PORTAL_STATUS: new["status"], PORTAL_ROOMS: 0})
        else:
            changed = {k: stamped.get(k) for k in set(stamped) | set(old)
                       if k not in _STORAGE and stamped.get(k) != old.get(k)}
            self.work.update(keys.client(new["id"]), set=changed, when=at_version(old["v"]), refused=stale_client)
        return {**stamped, "v": old["v"] + 1 if old else 1}

    def commit(self) -> dict[str, Any] | None:
        return self.work.commit()
