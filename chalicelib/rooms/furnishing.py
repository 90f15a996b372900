"""What a new room gains from the table stream after the one transaction that made it
(`creation.py`, which marks it `furnished: False`). From the room's INSERT, `furnish`
reads what the room copies (the room as it now stands, its client and the contacts who
join, its service, its professional, the client's event date) and writes, in one
transaction: those onto the room (no version bump), each joining portal user's seat on
their login (a seat and a member arrive together, as everywhere), the service's name on
the feed item that says the room was made (which commits with the room), the room's
copies (list entries, search words, every member's item) and its entry on the client's
board.

A change made to the room before that commits (a rename, a member added) is followed
from a record that predates the furnishing: its copies are written from the room as it
is stored by then (`as_it_stands`), never from the record's unfurnished image."""
from __future__ import annotations

from typing import Any

from chalicelib.rooms import board
from chalicelib.rooms.people import client_and_links, client_seats, default_contacts, is_colleague, seat
from chalicelib.rooms.records import MAX_MEMBERS, STAFF_SIDE, seat_logins, write_copies
from chalicelib.store import Attr, FirmStore, Work, exists, keys

FURNISHED = "furnished"

Found = dict[tuple[str, str], dict[str, Any]]


def unfurnished(room: dict[str, Any]) -> bool:
    return room.get(FURNISHED) is False


def as_it_stands(work: Work, room: dict[str, Any]) -> dict[str, Any]:
    """The room a change's copies describe: its record's image, unless that predates the
    furnishing, then the room as now stored."""
    if not unfurnished(room):
        return room
    return FirmStore.trusted(work.firm_id).get(keys.room(room["id"]), consistent=True) or room


def _got(found: Found, key: dict[str, str]) -> dict[str, Any] | None:
    return found.get((key["PK"], key["SK"]))


def furnish(created: dict[str, Any], work: Work) -> None:
    """Completes the room `created` (its INSERT's image) unless it was done before."""
    client, joining, found = _reads(FirmStore.trusted(work.firm_id), created)
    room = _got(found, keys.room(created["id"]))
    if room is None or not unfurnished(room):
        return
    joiners = _joiners(room, _got(found, keys.user(room["professional_id"])),
                       [_got(found, keys.contact(c)) for c in joining])
    copied = {"client_name": client["display_name"], "client_kind": client["kind"],
              "service_name": (_got(found, keys.service(room["service_id"])) or {}).get("name", room["service_name"]),
              board.CLIENT_EVENT_DATE: (_got(found, keys.client_portal(room["client_id"])) or {}).get("event_date"),
              FURNISHED: True}
    work.count(keys.room(room["id"]), {}, set={**copied, **{f"members.{uid}": s for uid, s in joiners.items()}},
               when=exists() & Attr(FURNISHED).eq(False))
    room = {**room, **copied, "members": {**room["members"], **joiners}}
    seat_logins(work, room, list(joiners))
    _name_service_in_feed(work, {**created, **copied})
    write_copies(work, None, room)
    board.refresh(work, room, added=True)


def _reads(db: FirmStore, room: dict[str, Any]) -> tuple[dict[str, Any], list[str], Found]:
    """The client and which of its contacts join (a Query of its partition), then the
    room as stored, its service, its professional, the client's portal item and the
    joining contacts (one consistent batch)."""
    client, contact_ids = client_and_links(db, room["client_id"])
    joining = default_contacts(client, contact_ids)
    wanted = [keys.room(room["id"]), keys.service(room["service_id"]), keys.user(room["professional_id"]),
              keys.client_portal(room["client_id"]), *(keys.contact(c) for c in joining)]
    return client, joining, {(i["PK"], i["SK"]): i for i in db.get_many(wanted, consistent=True)}


def _joiners(room: dict[str, Any], pro: dict[str, Any] | None,
             contacts: list[dict[str, Any] | None]) -> dict[str, dict[str, Any]]:
    """Who joins besides the creator: the professional, if still a colleague, and the
    client's contacts with portal access, as many as the room holds."""
    joiners = {} if room["professional_id"] in room["members"] or not is_colleague(pro) else \
        {room["professional_id"]: seat(STAFF_SIDE, pro["name"])}  # type: ignore[index]
    joiners.update(client_seats([c for c in contacts if c]))
    fresh = [uid for uid in joiners if uid not in room["members"]]
    return {uid: joiners[uid] for uid in fresh[:MAX_MEMBERS - len(room["members"])]}


def _name_service_in_feed(work: Work, room: dict[str, Any]) -> None:
    """The creation's feed item (made with the room) takes the service's name."""
    work.count(keys.feed_item(room["id"], room["last_change"]["id"]), {},
               set={"payload.service_name": room["service_name"]}, when=exists())
