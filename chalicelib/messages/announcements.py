""""Email members": staff pick members of a room and write a message; each gets it as a
branded email, or as a text when they chose text messages, with a link to the room,
through the outbox. The room's feed records (internally) who was written to."""
from __future__ import annotations

from chalicelib.core.errors import BusinessRule
from chalicelib.core.principal import Principal
from chalicelib.messages.models import EmailMembers, EmailMembersView
from chalicelib.notifications.digests import room_link, sms_resume_at
from chalicelib.outbox.service import queue_email, queue_sms
from chalicelib.outbox.templates import branded_email
from chalicelib.rooms import feed
from chalicelib.rooms.access import check_member
from chalicelib.rooms.service import load
from chalicelib.store import FirmStore, keys

MEMBERS_EMAILED = "members_emailed"


def email_members(me: Principal, room_id: str, body: EmailMembers) -> EmailMembersView:
    db = FirmStore.of(me)
    picked = list(dict.fromkeys(body.user_ids))
    more = [keys.firm(), *(keys.user(u) for u in picked), *(keys.notify_settings(u) for u in picked)]
    loaded = load(db, me, room_id, *more).writable()
    room, firm = loaded.room, loaded.other(keys.firm())
    strangers = [u for u in picked if u not in room["members"] or loaded.other(keys.user(u)) is None]
    if strangers:
        raise BusinessRule("Only members of this room can be written to from it.",
                           [{"loc": "body.user_ids", "msg": f"not a member: {u}"} for u in strangers])
    work = db.work()
    texts = 0
    for user_id in picked:
        prefs = loaded.other(keys.notify_settings(user_id)) or {}
        if prefs.get("channel") == "sms" and prefs.get("sms_to"):
            queue_sms(work, prefs["sms_to"], f"{firm['name']}: {body.message[:300]} {room_link(firm, room_id)}",
                      user_id, sms_resume_at(firm))
            texts += 1
            continue
        user = loaded.other(keys.user(user_id))
        mail = branded_email(firm, f"{firm['name']}: {room['name']}",
                             [f"Hello {user['name']},", *body.message.split("\n\n")],
                             action=("Open the room", room_link(firm, room_id)))
        queue_email(work, user["email"], mail, firm["name"], user_id)
    feed.append(work, room_id, MEMBERS_EMAILED, feed.INTERNAL, {"user_ids": picked, "message": body.message},
                actor=loaded.actor)
    check_member(work, me, room_id)
    work.commit()
    return EmailMembersView(sent_to=len(picked), emails=len(picked) - texts, texts=texts)
