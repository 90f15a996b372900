"""What a new room gains from the table stream, after the one transaction that made it
(`creation.py`), in two steps so that each change of the room is followed in order:

1. from the room's INSERT, `furnish` reads what the room copies (its client and the
   contacts who join, its service, its professional, the client's event date) and writes
   it onto the room, with no version bump, together with each joining portal user's seat
   on their login (a seat and a member arrive together, as everywhere) and the feed item
   that says the room was made (under the id and time its creation chose);
2. from the change that furnished it, `open_room` writes the room's copies as the room now
   stands (list entries, search words, every member's item, its entry on the client's
   board).

A rename, an archive or a member added before the room is furnished is followed as usual
(copies that lack the client's name) and then overwritten by step 2, which sees it."""
from __future__ import annotations

from typing import Any

from chalicelib.rooms import board, feed
from chalicelib.rooms.people import client_and_links, client_seats, default_contacts, is_colleague, seat
from chalicelib.rooms.records import MAX_MEMBERS, STAFF_SIDE, seat_logins, write_copies
from chalicelib.store import Attr, FirmStore, Work, exists, keys

FURNISHED = "furnished"  # set by step 1 on the room: step 2 follows the change that sets it


def just_furnished(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return FURNISHED in new and FURNISHED not in old


def _by_key(items: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(i["PK"], i["SK"]): i for i in items}


def furnish(room: dict[str, Any], work: Work) -> None:
    """Step 1: the names, the professional and the joining contacts, and their seats."""
    db = FirmStore.trusted(work.firm_id)
    client, contact_ids = client_and_links(db, room["client_id"])
    joining = default_contacts(client, contact_ids)
    pro_id = room["professional_id"]
    found = _by_key(db.get_many([keys.service(room["service_id"]), keys.user(pro_id),
                                 keys.client_portal(room["client_id"]), *(keys.contact(c) for c in joining)]))
    joiners = _joiners(room, _got(found, keys.user(pro_id)), [_got(found, keys.contact(c)) for c in joining])
    service = _got(found, keys.service(room["service_id"])) or {}
    copied = {"client_name": client["display_name"], "client_kind": client["kind"],
              "service_name": service.get("name", room["service_name"]),
              board.CLIENT_EVENT_DATE: (_got(found, keys.client_portal(room["client_id"])) or {}).get("event_date"),
              FURNISHED: True}
    work.count(keys.room(room["id"]), {}, set={**copied, **{f"members.{uid}": s for uid, s in joiners.items()}},
               when=exists() & Attr(FURNISHED).not_exists())
    seat_logins(work, {**room, "members": {**room["members"], **joiners}}, list(joiners))
    _tell_created(work, {**room, **copied})


def _got(found: dict[tuple[str, str], dict[str, Any]], key: dict[str, str]) -> dict[str, Any] | None:
    return found.get((key["PK"], key["SK"]))


def _tell_created(work: Work, room: dict[str, Any]) -> None:
    """The creation's feed item, as the room was made, by its creator."""
    change, creator = room["last_change"], room["members"][room["created_by"]]
    feed.append(work, room["id"], change["kind"], feed.CLIENT_VISIBLE,
                {"name": room["name"], "service_name": room["service_name"]},
                actor={"id": room["created_by"], "name": creator["name"]}, item_id=change["id"], at=change["at"])


def _joiners(room: dict[str, Any], pro: dict[str, Any] | None,
             contacts: list[dict[str, Any] | None]) -> dict[str, dict[str, Any]]:
    """Who joins besides the creator: the professional, if still a colleague, and the
    client's contacts with portal access, as many as the room holds."""
    joiners = {} if room["professional_id"] in room["members"] or not is_colleague(pro) else \
        {room["professional_id"]: seat(STAFF_SIDE, pro["name"])}  # type: ignore[index]
    joiners.update(client_seats([c for c in contacts if c]))
    fresh = [uid for uid in joiners if uid not in room["members"]]
    return {uid: joiners[uid] for uid in fresh[:MAX_MEMBERS - len(room["members"])]}


def open_room(room: dict[str, Any], work: Work) -> None:
    """Step 2: the copies of the room as it now stands. The client's event date is read again: a date set between the steps found no room
    on the board to reach."""
    db = FirmStore.trusted(work.firm_id)
    date = (db.get(keys.client_portal(room["client_id"])) or {}).get("event_date")
    if date != room.get(board.CLIENT_EVENT_DATE):
        room = {**room, board.CLIENT_EVENT_DATE: date}
        work.count(keys.room(room["id"]), {}, set={board.CLIENT_EVENT_DATE: date}, when=exists())
    write_copies(work, None, room)
    board.refresh(work, room, added=True)
