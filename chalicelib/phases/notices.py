"""Telling the client that their timeline moved, after a grace period. A move schedules
(or reschedules) one EventBridge Scheduler one-off per room; when it fires, the room is
read again and the client members are told only if the room's step differs from the
last step they were told of. A move undone within the grace period sends nothing, and
several moves within it send one message. SMS waits for the firm's quiet hours to end."""
from __future__ import annotations

import os
from datetime import timedelta
from typing import Any

from chalicelib.aws import scheduler
from chalicelib.core import clock
from chalicelib.core.config import settings
from chalicelib.notifications.records import notify
from chalicelib.outbox.quiet_hours import sms_not_before
from chalicelib.outbox.service import queue_email, queue_sms
from chalicelib.store.batch import Batch
from chalicelib.rooms.records import ACTIVE, CLIENT_SIDE
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.wording.service import compose
from chalicelib.wording.templates import render, wording_of

KIND = "timeline_notice"
DEFAULT_GRACE_SECONDS = 120


def grace_seconds() -> int:
    return int(os.environ.get("ATRIUM_TIMELINE_GRACE_SECONDS", DEFAULT_GRACE_SECONDS))


def _name(room_id: str) -> str:
    return f"timeline-{room_id}"


def schedule(firm_id: str, room_id: str) -> None:
    """(Re)starts the room's grace period."""
    scheduler.cancel(_name(room_id))
    scheduler.schedule_once(_name(room_id), clock.now() + timedelta(seconds=grace_seconds()),
                            {"kind": KIND, "firm_id": firm_id, "room_id": room_id})


def _step(room: dict[str, Any]) -> tuple[str | None, str | None]:
    timeline = room.get("timeline") or {}
    name = next((s["name"] for s in timeline.get("steps", []) if s["id"] == timeline.get("step_id")), None)
    return timeline.get("step_id"), name


def _quiet_until(firm: dict[str, Any]) -> str | None:
    s = firm.get("settings", {})
    wait = sms_not_before(clock.now(), firm.get("time_zone", "UTC"), s.get("sms_quiet_start", "21:00"),
                          s.get("sms_quiet_end", "08:00"))
    return clock.iso(wait) if wait else None


def _mobiles(contact: dict[str, Any] | None) -> list[str]:
    return [p["number"] for p in (contact or {}).get("phones", []) if p.get("kind") == "mobile"]


def _values(firm: dict[str, Any], room: dict[str, Any], step: str, first_name: str) -> dict[str, str]:
    return {"client": room.get("client_name", ""), "contact": first_name, "room": room["name"],
            "firm": firm.get("name", ""), "step": step}


def send(firm_id: str, room_id: str) -> bool:
    """The scheduled side: tells the client members once, if the step still moved."""
    db = FirmStore.trusted(firm_id)  # named by the schedule `schedule` created for this firm
    room = db.get(keys.room(room_id), consistent=True)
    if room is None or room["status"] != ACTIVE:
        return False
    step_id, step = _step(room)
    if step_id == room.get("notified_step_id") or step is None:
        return False
    clients = {uid: seat for uid, seat in room["members"].items() if seat["side"] == CLIENT_SIDE}
    found = Batch(db, [keys.firm(), keys.wording(), *(keys.user(u) for u in clients),
                       *(keys.contact(s["contact_id"]) for s in clients.values() if s.get("contact_id"))])
    firm = found.get(keys.firm()) or {}
    work = db.work()
    work.update(keys.room(room_id), set={"notified_step_id": step_id},
                when=Attr("timeline.step_id").eq(step_id))
    notify(work, clients, room_id=room_id, room_name=room["name"], kind=KIND, item_id=step_id,
           title=f"Now: {step}", text=f"{room['name']} moved to “{step}”.")
    hold = _quiet_until(firm)
    email_wording = wording_of(found.get(keys.wording()), "timeline_email")
    sms_wording = wording_of(found.get(keys.wording()), "timeline_sms")
    link = ("See your timeline", f"{settings().public_url}/portal/{firm.get('slug', '')}/rooms/{room_id}")
    for user_id, seat in clients.items():
        user = found.get(keys.user(user_id)) or {}
        contact = found.get(keys.contact(seat["contact_id"])) if seat.get("contact_id") else None
        values = _values(firm, room, step, (contact or {}).get("first_name") or seat["name"])
        if user.get("email"):
            queue_email(work, user["email"], compose(firm, email_wording, values, link), firm["name"], ref=room_id)
        for number in _mobiles(contact):
            queue_sms(work, number, render(sms_wording["text"], values), ref=room_id, not_before=hold)
    work.commit()
    return True
