"""Making a room. `create_room` adds its writes to a unit of work the caller owns, so a
room can be born in the same transaction as something else (an opportunity converted
into a room, say). Creating a room notifies nobody: staff use "Email members" for that."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.accounts.users import check_staff_member
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict
from chalicelib.core.ids import new_id
from chalicelib.rooms import board, feed
from chalicelib.rooms.people import client_and_links, client_seats, default_contacts, staff_seat
from chalicelib.rooms.records import ACTIVE, MAX_MEMBERS, count_active_room, seat_logins, stored_room, write_copies
from chalicelib.services.records import check_active_service, not_offered
from chalicelib.store import Attr, FirmStore, Work, exists, keys

ROOM_CREATED = "room_created"


@dataclass(frozen=True)
class NewRoom:
    client_id: str
    service_id: str
    name: str
    description: str | None = None
    professional_id: str | None = None


def _by_key(items: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(i["PK"], i["SK"]): i for i in items}


def _found(found: dict[tuple[str, str], dict[str, Any]], key: dict[str, str]) -> dict[str, Any] | None:
    return found.get((key["PK"], key["SK"]))


def create_room(work: Work, db: FirmStore, creator_id: str, new: NewRoom) -> dict[str, Any]:
    """Reads what the room copies (client, contacts, service, names: a Query and a batch
    read), adds the room, its members, list copies and its first feed item to `work`,
    and returns the room as it will be stored. The caller commits."""
    client, contact_ids = client_and_links(db, new.client_id)
    if client["status"] != ACTIVE:
        raise _archived_client()
    professional_id = new.professional_id or creator_id
    joining = default_contacts(client, contact_ids)
    wanted = [keys.service(new.service_id), keys.user(creator_id), keys.user(professional_id),
              keys.client_portal(new.client_id), *(keys.contact(c) for c in joining)]
    found = _by_key(db.get_many(wanted))
    service = _found(found, keys.service(new.service_id))
    if service is None or service["status"] != ACTIVE:
        raise not_offered("body.service_id")
    members = {creator_id: staff_seat(_found(found, keys.user(creator_id)), "creator"),
               professional_id: staff_seat(_found(found, keys.user(professional_id)), "body.professional_id")}
    members.update(client_seats([_found(found, keys.contact(c)) for c in joining if _found(found, keys.contact(c))]))
    if len(members) > MAX_MEMBERS:
        raise BusinessRule(f"A room holds at most {MAX_MEMBERS} members.")
    room = {"id": new_id(), "name": new.name, "description": new.description, "client_id": client["id"],
            "client_name": client["display_name"], "client_kind": client["kind"], "service_id": service["id"],
            "service_name": service["name"], "professional_id": professional_id, "status": ACTIVE,
            "members": members, "created_by": creator_id, "created_at": clock.now_iso()}
    room["last_activity_at"] = room["created_at"]
    client_date = (_found(found, keys.client_portal(new.client_id)) or {}).get("event_date")
    if client_date:
        room[board.CLIENT_EVENT_DATE] = client_date
    stored = work.create(stored_room(room))
    write_copies(work, None, room)
    seat_logins(work, room, list(members))
    work.create_head(keys.room_lists_head(room["id"]))
    count_active_room(work, room, +1)
    board.refresh(work, room, added=True)
    _pin_client_date(work, room["client_id"], client_date)
    feed.append(work, room["id"], ROOM_CREATED, feed.CLIENT_VISIBLE,
                {"name": room["name"], "service_name": room["service_name"]},
                actor={"id": creator_id, "name": members[creator_id]["name"]})
    _checks(work, room)
    return stored


def _checks(work: Work, room: dict[str, Any]) -> None:
    """What the reads saw must still hold when the room commits."""
    check_active_service(work, room["service_id"], "body.service_id")
    work.check(keys.client(room["client_id"]), exists() & Attr("status").eq(ACTIVE),
               refused=lambda _: _archived_client())
    if room["professional_id"] != room["created_by"]:
        check_staff_member(work, room["professional_id"], "body.professional_id")


def _pin_client_date(work: Work, client_id: str, date: str | None) -> None:
    """The room carries the client's event date as read: it must not have moved since
    (the client's date reaches only the rooms on the board when it is set)."""
    unchanged = Attr("event_date").not_exists() if date is None else Attr("event_date").eq(date)
    work.check(keys.client_portal(client_id), unchanged,
               refused=lambda _: Conflict("The client's event date changed meanwhile; try again."))


def _archived_client() -> BusinessRule:
    return BusinessRule("Rooms are for active clients; restore the client first.",
                        [{"loc": "client_id", "msg": "the client is archived"}])
