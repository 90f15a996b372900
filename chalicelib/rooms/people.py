"""The people a room can hold: colleagues (staff logins) and the client's contacts who
have portal access (a login that is invited or in use). Reads only; the writes that
seat them are in `members`."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import DEACTIVATED
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.principal import CLIENT
from chalicelib.rooms.records import CLIENT_SIDE, STAFF_SIDE
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.store.conditions import ConditionBase

PORTAL_ACCESS = ("pending", "accepted")
INDIVIDUAL = "individual"


def person_name(contact: dict[str, Any]) -> str:
    return " ".join(p for p in (contact.get("first_name"), contact.get("last_name")) if p)


def seat(side: str, name: str, contact_id: str | None = None) -> dict[str, Any]:
    """What the room item keeps about one member."""
    found = {"side": side, "name": name, "added_at": clock.now_iso()}
    return {**found, "contact_id": contact_id} if contact_id else found


def is_colleague(user: dict[str, Any] | None) -> bool:
    return user is not None and user.get("role") != CLIENT and user.get("status") != DEACTIVATED


def colleague_login() -> ConditionBase:
    """`is_colleague`, as a condition on the login: for a seat given without reading it."""
    return Attr("role").ne(CLIENT) & Attr("status").ne(DEACTIVATED)


def not_a_colleague(loc: str) -> BusinessRule:
    return BusinessRule("Only active colleagues of this firm can join a room as staff.",
                        [{"loc": loc, "msg": "not an active staff member"}])


def colleague_seat(name: str) -> dict[str, Any]:
    return seat(STAFF_SIDE, name)


def has_portal(contact: dict[str, Any]) -> bool:
    return bool(contact.get("user_id")) and contact.get("portal", {}).get("status") in PORTAL_ACCESS


def not_the_clients(loc: str) -> BusinessRule:
    return BusinessRule("Only contacts of the room's client can join it.",
                        [{"loc": loc, "msg": "not a contact of this room's client"}])


def contact_seat(contact: dict[str, Any] | None, client_id: str, loc: str) -> tuple[str, dict[str, Any]]:
    """(user id, seat) of a contact of the room's client who can sign in."""
    if contact is None or client_id not in contact.get("client_ids", []):
        raise not_the_clients(loc)
    if not has_portal(contact):
        raise BusinessRule("This contact has no portal access yet; invite them to the portal first.",
                           [{"loc": loc, "msg": "no portal access"}])
    return contact["user_id"], seat(CLIENT_SIDE, person_name(contact), contact["id"])


def client_and_links(db: FirmStore, client_id: str) -> tuple[dict[str, Any], list[str]]:
    """The client and the ids of its contacts: one Query of the client's partition."""
    items = db.query(keys.client_partition(client_id), limit=200).items
    client = next((i for i in items if i["SK"] == "CLIENT"), None)
    if client is None:
        raise NotFound("No such client.")
    return client, [i["contact_id"] for i in items if i["SK"].startswith("CONTACT#")]


def default_contacts(client: dict[str, Any], contact_ids: list[str]) -> list[str]:
    """Who of the client joins a new room: for a person or household, every contact (the
    co-owners); for an entity, its primary contact only (others are added by hand)."""
    if client["kind"] == INDIVIDUAL:
        return contact_ids
    return [client["primary_contact_id"]] if client.get("primary_contact_id") else []


def client_seats(contacts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Those of the given contacts who have portal access, seated by their login."""
    return {c["user_id"]: seat(CLIENT_SIDE, person_name(c), c["id"]) for c in contacts if has_portal(c)}
