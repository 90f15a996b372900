"""Bringing a colleague in: the branded invitation with a temporary password, a
reminder two days before that password lapses, and a resend on request. Cognito
keeps the password; the mail goes through the outbox with the user record."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib.accounts.models import INVITED, UserView, user_view
from chalicelib.accounts.users import email_claim, user_item
from chalicelib.aws import identity, scheduler
from chalicelib.core import clock
from chalicelib.core.errors import Conflict
from chalicelib.core.ids import new_id
from chalicelib.core.password_policy import TEMPORARY_PASSWORD_DAYS
from chalicelib.core.principal import OWNER, Principal
from chalicelib.outbox.service import queue_email_at_send
from chalicelib.outbox.templates import STAFF_INVITATION
from chalicelib.staff.models import StaffInvite
from chalicelib.staff.service import count_owners, guard_owner_change, staff_member
from chalicelib.store import FirmStore, Work, at_version, keys

REMINDER_KIND = "staff_invitation"
REMIND_BEFORE_EXPIRY = timedelta(days=2)


def invite(me: Principal, body: StaffInvite) -> UserView:
    guard_owner_change(me, None, body.role)
    db = FirmStore.of(me)
    user_id = new_id()
    temp = identity.create_login(me.firm_id, user_id, body.email)
    work = db.work()
    user = work.create(user_item(me.firm_id, user_id, name=body.name, email=body.email, role=body.role,
                                 status=INVITED))
    work.create(email_claim(body.email, user_id),
                refused=lambda _: Conflict("Someone at this firm already signs in with that email."))
    _queue_invitation(work, body.name, body.email, temp, user_id, reminder=False)
    count_owners(work, int(body.role == OWNER))
    try:
        work.commit()
    except Exception:
        identity.delete_login(me.firm_id, user_id)
        raise
    _schedule_reminder(me.firm_id, user_id)
    return user_view(user)


def _reminder_name(user_id: str) -> str:
    return f"{REMINDER_KIND}-{user_id}"


def _schedule_reminder(firm_id: str, user_id: str) -> None:
    at = clock.now() + timedelta(days=TEMPORARY_PASSWORD_DAYS) - REMIND_BEFORE_EXPIRY
    scheduler.cancel(_reminder_name(user_id))
    scheduler.schedule_once(_reminder_name(user_id), at,
                            {"kind": REMINDER_KIND, "firm_id": firm_id, "user_id": user_id})


def _send_again(db: FirmStore, user: dict[str, Any], reminder: bool) -> None:
    """A new temporary password (the old one is not kept anywhere), mailed through the
    outbox in the same write that records the resend."""
    temp = identity.reset_temporary_password(db.firm_id, user["id"])
    work = db.work()
    work.update(keys.user(user["id"]), set={"invited_at": clock.now_iso()}, when=at_version(user["v"]))
    _queue_invitation(work, user["name"], user["email"], temp, user["id"], reminder=reminder)
    work.commit()


def _queue_invitation(work: Work, name: str, email: str, temp: str, user_id: str, reminder: bool) -> None:
    """Composed when sent, in the firm's name and branding as they are then (the request
    reads no firm); the temporary password leaves the outbox item once sent."""
    queue_email_at_send(work, email, STAFF_INVITATION, {"name": name, "email": email, "temp": temp,
                                                        "reminder": reminder}, user_id)


def resend(me: Principal, user_id: str) -> UserView:
    db = FirmStore.of(me)
    user = staff_member(db, user_id)
    guard_owner_change(me, user["role"], None)
    if user["status"] != INVITED:
        raise Conflict("This colleague has already signed in; there is no invitation to resend.")
    _send_again(db, user, reminder=False)
    _schedule_reminder(me.firm_id, user_id)
    return user_view({**user, "v": user["v"] + 1})


def remind(firm_id: str, user_id: str) -> bool:
    """The scheduled reminder: only for a colleague who still has not signed in."""
    db = FirmStore.trusted(firm_id)  # named by the schedule this module created
    user = db.get(keys.user(user_id))
    if user is None or user["status"] != INVITED:
        return False
    _send_again(db, user, reminder=True)
    return True
