""""Email members": staff pick members of a room and write a message; each gets it as a
branded email, or as a text when they chose text messages, with a link to the room,
through the outbox. The room's feed records (internally) who was written to.

The route writes only that feed item, on condition that the room is active and that
everyone picked is a member of it; the emails and texts follow from the table stream
(`send`, called by `copies.py`), which reads the firm's branding and each member's login
and channel."""
from __future__ import annotations

from functools import reduce
from operator import and_
from typing import Any, Callable

from chalicelib.core.errors import BusinessRule
from chalicelib.core.principal import Principal
from chalicelib.messages.models import EmailMembers, EmailMembersView
from chalicelib.notifications.digests import room_link, sms_resume_at
from chalicelib.outbox.service import queue_email, queue_sms
from chalicelib.outbox.templates import branded_email
from chalicelib.rooms import feed
from chalicelib.rooms.access import member_condition, refusal
from chalicelib.rooms.records import ACTIVE
from chalicelib.store import Attr, FirmStore, Work, keys

MEMBERS_EMAILED = "members_emailed"


def email_members(me: Principal, room_id: str, body: EmailMembers) -> EmailMembersView:
    picked = list(dict.fromkeys(body.user_ids))
    work = FirmStore.of(me).work()
    feed.append(work, room_id, MEMBERS_EMAILED, feed.INTERNAL, {"user_ids": picked, "message": body.message},
                actor={"id": me.user_id, "name": me.name})
    members = (Attr(f"members.{u}").exists() for u in picked)
    work.check(keys.room(room_id), reduce(and_, members, member_condition(me, writing=True)),
               refused=_strangers(me, picked))
    work.commit()
    return EmailMembersView(sent_to=len(picked))


def _strangers(me: Principal, picked: list[str]) -> Callable[[dict[str, Any] | None], Exception]:
    """404 or 409 as for any write in the room; 422 naming who is not a member."""
    not_member = refusal(me)

    def refused(room: dict[str, Any] | None) -> Exception:
        if room is None or room.get("status") != ACTIVE:
            return not_member(room)
        strangers = [u for u in picked if u not in room.get("members", {})]
        return BusinessRule("Only members of this room can be written to from it.",
                            [{"loc": "body.user_ids", "msg": f"not a member: {u}"} for u in strangers])
    return refused


def send(work: Work, item: dict[str, Any]) -> None:
    """The emails and texts a recorded "email members" asks for."""
    picked, message, room_id = item["payload"]["user_ids"], item["payload"]["message"], item["room_id"]
    more = [*(keys.user(u) for u in picked), *(keys.notify_settings(u) for u in picked)]
    found = {(i["PK"], i["SK"]): i for i in FirmStore.trusted(work.firm_id).get_many(
        [keys.firm(), keys.room(room_id), *more])}
    firm, room = found.get(_at(keys.firm())), found.get(_at(keys.room(room_id)))
    if firm is None or room is None:
        return
    for user_id in picked:
        prefs = found.get(_at(keys.notify_settings(user_id))) or {}
        user = found.get(_at(keys.user(user_id)))
        if prefs.get("channel") == "sms" and prefs.get("sms_to"):
            queue_sms(work, prefs["sms_to"], f"{firm['name']}: {message[:300]} {room_link(firm, room_id)}",
                      user_id, sms_resume_at(firm))
        elif user is not None:
            mail = branded_email(firm, f"{firm['name']}: {room['name']}",
                                 [f"Hello {user['name']},", *message.split("\n\n")],
                                 action=("Open the room", room_link(firm, room_id)))
            queue_email(work, user["email"], mail, firm["name"], user_id)


def _at(key: dict[str, str]) -> tuple[str, str]:
    return key["PK"], key["SK"]
