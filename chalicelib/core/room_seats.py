"""Which rooms a portal user sits in, as their login records it: one attribute per room
(`seat_<room>`, naming the room's client), set and removed in the same transaction that
changes the room's member map. The principal lookup reads the login anyway, so a portal
user's read of a room (its feed, its documents, a thread, a document in it) proves
membership with no read of the room.

A seat counts only while the room's client is still one of the user's clients: a person
unlinked from a client loses its rooms on the next request, as the room's own check
(`rooms.access.may_see`) says. Staff have no seats; they see every room of the firm."""
from __future__ import annotations

from typing import Any

PREFIX = "seat_"


def seat_attribute(room_id: str) -> str:
    return f"{PREFIX}{room_id}"


def seated_rooms(login: dict[str, Any], client_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The rooms a login sits in whose client is still theirs, in a stable order."""
    return tuple(sorted(attr[len(PREFIX):] for attr, client_id in login.items()
                        if attr.startswith(PREFIX) and client_id in client_ids))


def seat_clients(login: dict[str, Any], client_ids: tuple[str, ...]) -> tuple[int, ...]:
    """Each seated room's client (`seated_rooms` order), as its place in `client_ids`."""
    return tuple(client_ids.index(login[seat_attribute(room_id)]) for room_id in seated_rooms(login, client_ids))
