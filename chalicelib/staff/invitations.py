"""Bringing a colleague in: the branded invitation with a temporary password, a
reminder two days before that password lapses, and a resend on request. Cognito
keeps the password; the invitation goes into the outbox with the user record, and a
resend or reminder follows its one write from the stream."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib.accounts.models import INVITED, UserView, user_view
from chalicelib.accounts.users import email_claim, user_item
from chalicelib.aws import identity, scheduler
from chalicelib.core import clock
from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.password_policy import TEMPORARY_PASSWORD_DAYS
from chalicelib.core.principal import CLIENT, OWNER, Principal
from chalicelib.outbox.service import queue_email_at_send
from chalicelib.outbox.templates import STAFF_INVITATION
from chalicelib.staff.models import StaffInvite
from chalicelib.staff.service import count_owners, guard_owner_change
from chalicelib.store import Attr, FirmStore, Work, keys
from chalicelib.store.conditions import ConditionBase
from chalicelib.store.work import Refusal

REMINDER_KIND = "staff_invitation"
REMIND_BEFORE_EXPIRY = timedelta(days=2)
# On a colleague's record from a resend until the stream has put its mail in the outbox.
MAIL_WAITING = "invitation_mail"


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


def _send_again(db: FirmStore, user_id: str, reminder: bool, refused: Refusal,
                also: ConditionBase | None = None) -> dict[str, Any]:
    """A new temporary password in one UpdateItem that proves the colleague is still
    invited; it waits on their record only until the stream puts its mail in the outbox
    (`follow_invitation_mail`). Cognito takes the password only once the write holds, so
    a refused resend leaves a signed-in colleague's password alone."""
    temp = identity.temporary_password()
    invited = Attr("role").ne(CLIENT) & Attr("status").eq(INVITED)
    work = db.work()
    work.update(keys.user(user_id), set={"invited_at": clock.now_iso(),
                                         MAIL_WAITING: {"temp": temp, "reminder": reminder}},
                when=invited & also if also is not None else invited, refused=refused)
    user = work.commit()
    identity.set_temporary_password(db.firm_id, user_id, temp)
    return user


def follow_invitation_mail(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """Stream side of a resend or reminder: the waiting password goes into the outbox and
    leaves the colleague's record in the same write."""
    waiting = (new or {}).get(MAIL_WAITING)
    if not waiting or waiting == (old or {}).get(MAIL_WAITING):
        return
    _queue_invitation(work, new["name"], new["email"], waiting["temp"], new["id"], reminder=waiting["reminder"])
    work.count(keys.user(new["id"]), {}, set={MAIL_WAITING: None},
               when=Attr(f"{MAIL_WAITING}.temp").eq(waiting["temp"]))


def _queue_invitation(work: Work, name: str, email: str, temp: str, user_id: str, reminder: bool) -> None:
    """Composed when sent, in the firm's name and branding as they are then (the request
    reads no firm); the temporary password leaves the outbox item once sent."""
    queue_email_at_send(work, email, STAFF_INVITATION, {"name": name, "email": email, "temp": temp,
                                                        "reminder": reminder}, user_id)


def _not_resent(me: Principal) -> Refusal:
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or old["role"] == CLIENT:
            return NotFound("No such staff member.")
        guard_owner_change(me, old["role"], None)
        return Conflict("This colleague has already signed in; there is no invitation to resend.")
    return refused


def resend(me: Principal, user_id: str) -> UserView:
    # Only an owner may touch an owner: the condition proves the colleague is not one.
    others = None if me.role == OWNER else Attr("role").ne(OWNER)
    user = _send_again(FirmStore.of(me), user_id, False, _not_resent(me), others)
    _schedule_reminder(me.firm_id, user_id)
    return user_view(user)


def remind(firm_id: str, user_id: str) -> bool:
    """The scheduled reminder: only for a colleague who still has not signed in."""
    db = FirmStore.trusted(firm_id)  # named by the schedule this module created
    try:
        _send_again(db, user_id, True, lambda _: _NotInvited())
    except _NotInvited:
        return False
    return True


class _NotInvited(Exception):
    """The colleague signed in (or left) before their reminder was due."""
