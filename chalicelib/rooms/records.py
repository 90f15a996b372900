"""A room item is the source of truth; its list entries, search words and member items
are copies of its summary that the list indexes read. A new room writes them with
itself; a renamed, archived or restored room is one UpdateItem, and the copies follow
from the table stream (`copies.py`), in order, a moment later."""
from __future__ import annotations

from typing import Any, Collection

from chalicelib.clients import search
from chalicelib.core.room_seats import seat_attribute
from chalicelib.store import Work, exists, keys

ACTIVE, ARCHIVED = "active", "archived"
STAFF_SIDE, CLIENT_SIDE = "staff", "client"
MAX_MEMBERS = 25  # a change of the room rewrites every member's copy in one transaction
SUMMARY = ("id", "name", "client_id", "client_name", "service_id", "service_name", "professional_id", "status",
           "created_at")
ACTIVE_ROOMS = "active_rooms"  # on the (client, service) pair item
FACETS = {"ALL": None, "CLIENT": "client_id", "SERVICE": "service_id", "PRO": "professional_id"}


def summary(room: dict[str, Any]) -> dict[str, Any]:
    return {k: room[k] for k in SUMMARY if room.get(k) is not None}


def room_words(room: dict[str, Any]) -> list[str]:
    return search.words(room["name"], room["client_name"])


def _sort(room: dict[str, Any], room_id: str) -> str:
    return f"{search.sort_name(room['name'])}#{room_id}"


def list_entries(room: dict[str, Any]) -> list[dict[str, Any]]:
    rid, status, copy = room["id"], room["status"], summary(room)
    out = []
    for facet, attr in FACETS.items():
        partition = keys.rooms_list(status, facet, room[attr]) if attr else keys.rooms_list(status)
        out.append({**keys.room_entry(rid, facet), "type": "room_entry", **copy,
                    "GSI1PK": partition, "GSI1SK": _sort(room, rid)})
    return out


def _word_items(room: dict[str, Any]) -> list[dict[str, Any]]:
    rid, words = room["id"], room_words(room)
    return [{**keys.room_word(rid, w), "type": "room_word", **summary(room), "words": words,
             "GSI1PK": keys.room_word_list(room["status"], w), "GSI1SK": f"{w}#{rid}"} for w in words]


def member_item(room: dict[str, Any], user_id: str) -> dict[str, Any]:
    """One person's copy of the room: what their own room list reads."""
    member = room["members"][user_id]
    return {**keys.room_member(room["id"], user_id), "type": "room_member", **summary(room), "user_id": user_id,
            "side": member["side"], "GSI1PK": keys.member_rooms(user_id, room["status"]),
            "GSI1SK": _sort(room, room["id"])}


def write_copies(work: Work, before: dict[str, Any] | None, after: dict[str, Any],
                 joined: Collection[str] = ()) -> None:
    """Puts every copy of `after`; deletes the words `before` had and `after` lacks. A new
    room's member items, and those of the members who have just `joined`, are made here;
    a later change only rewrites those that still exist (a member who leaves loses theirs
    in the transaction that removes them)."""
    for item in list_entries(after) + _word_items(after):
        work.put(item)
    for user_id in after["members"]:
        fresh = before is None or user_id in joined
        work.put(member_item(after, user_id), when=None if fresh else exists())
    if before is None:
        return
    for word in set(room_words(before)) - set(room_words(after)):
        work.delete(keys.room_word(after["id"], word))


def seat_logins(work: Work, room: dict[str, Any], user_ids: list[str]) -> None:
    """The portal users among `user_ids` gain their seat in the room on their own login,
    in the transaction that adds them to the member map (see core.room_seats)."""
    for user_id in user_ids:
        if room["members"][user_id]["side"] == CLIENT_SIDE:
            seat_login(work, room["id"], room["client_id"], user_id)


def seat_login(work: Work, room_id: str, client_id: str, user_id: str) -> None:
    """A portal user's seat in the room on their own login; it names the room's client."""
    work.count(keys.user(user_id), {}, set={seat_attribute(room_id): client_id}, when=exists())


def unseat_login(work: Work, room_id: str, user_id: str) -> None:
    """The login loses its seat in the room without knowing its side first."""
    work.count(keys.user(user_id), {}, set={seat_attribute(room_id): None}, when=exists())


def stored_room(room: dict[str, Any]) -> dict[str, Any]:
    return {**keys.room(room["id"]), "type": "room", **room}


def count_active_room(work: Work, room: dict[str, Any], delta: int) -> None:
    """Active rooms per (client, service), moved in the room's own transaction: the
    opportunities board hides a client's opportunity when this is above zero."""
    work.count(keys.client_service(room["client_id"], room["service_id"]), {ACTIVE_ROOMS: delta})
