"""The client's board: one item per client holding what its home shows of each room
(name, service, timeline step, job status, event date). Creating a room and every change
of its step writes the room's entry in the same transaction; a rename, archive, restore,
event date or job status set by staff reaches it from the stream (`copies.py`). The client's home
(`GET /me/portal`) reads it in its one batch."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import Conflict
from chalicelib.store import Attr, Work, keys

# Moves each time a room joins the board, so a writer that must reach every room of the
# client (its event date) can pin the set of rooms it read.
ADDED = "rooms_added"
# The client's event date as each of its rooms carries it (the lock-out's condition reads it).
CLIENT_EVENT_DATE = "client_event_date"


def entry_name(room_id: str) -> str:
    return f"r_{room_id}"


def board_entry(room: dict[str, Any]) -> dict[str, Any]:
    timeline = room.get("timeline") or {}
    step = next((s for s in timeline.get("steps", []) if s["id"] == timeline.get("step_id")), None)
    status = room.get("job_status") or {}
    return {"room_id": room["id"], "name": room["name"], "status": room["status"], "service_id": room["service_id"],
            "service_name": room["service_name"], "step": step["name"] if step else None,
            "job_status": status.get("name"), "job_status_at": status.get("at"),
            "event_date": room.get("event_date")}


def refresh(work: Work, room: dict[str, Any], added: bool = False) -> None:
    """Writes the room's entry (as `room` now is) on its client's board; `added` for a new room."""
    work.count(keys.client_board(room["client_id"]), {ADDED: 1} if added else {},
               set={entry_name(room["id"]): board_entry(room)})


# What the stream brings onto an existing entry, whichever write moved it: the room's name,
# status, event date, job status and timeline step. A write that moves one of these
# writes only the room.
FOLLOWED = ("name", "status", "event_date", "job_status", "timeline")


def follow(work: Work, room: dict[str, Any]) -> None:
    """The room's entry as the room now is: every field of an entry comes from the room,
    and records of one room arrive in order, so the last one written is the latest."""
    entry = entry_name(room["id"])
    work.count(keys.client_board(room["client_id"]), {},
               set={f"{entry}.{field}": value for field, value in board_entry(room).items()},
               when=Attr(entry).exists())


def room_ids(board: dict[str, Any] | None) -> list[str]:
    """Every room of the client, archived ones too (they may be restored)."""
    return [v["room_id"] for k, v in (board or {}).items() if k.startswith("r_")]


def pin_rooms(work: Work, client_id: str, board: dict[str, Any] | None) -> None:
    """A ConditionCheck: no room joined the client since `board` was read."""
    seen = (board or {}).get(ADDED)
    work.check(keys.client_board(client_id), Attr(ADDED).not_exists() if seen is None else Attr(ADDED).eq(seen),
               refused=lambda _: Conflict("A room was added to this client meanwhile; try again."))


def entries(board: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The active rooms' entries, by name."""
    live = (v for k, v in (board or {}).items() if k.startswith("r_") and v.get("status", "active") == "active")
    return sorted(live, key=lambda e: e["name"].casefold())
