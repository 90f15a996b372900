"""Portal access for contacts: invite (or resend by the same or another method), remove.

One login per person per firm: a contact's login reaches every client they belong to.
Logins sign in with an email address, so an address can hold one login only; two people
who share an address (a couple) need the second one invited with an address of their own."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Callable

from chalicelib.accounts.models import DEACTIVATED, INVITED
from chalicelib.accounts.users import email_claim, user_item
from chalicelib.aws import identity
from chalicelib.clients.records import Changes
from chalicelib.contacts.as_read import person_as_read, written_as_sealed, written_from
from chalicelib.contacts.models import PortalView, effective_status, portal_view
from chalicelib.contacts.records import of_client, stale_contact
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.principal import CLIENT, Principal
from chalicelib.invitations import login, portal, tokens
from chalicelib.invitations.models import InviteRequest
from chalicelib.store.batch import Batch
from chalicelib.store import Attr, FirmStore, Work, keys, platform_keys
from chalicelib.store.work import Refusal

SHARED_EMAIL = ("Another person's login at this firm already uses {email}. Atrium gives each person their "
                "own login, and a login signs in with its email address, so an address two people share (a "
                "couple's household address, say) can open the portal for one of them only. Invite this "
                "person with an email address of their own, or by SMS to their mobile with an address of "
                "their own as login_email.")



def _check_method(contact: dict[str, Any], body: InviteRequest) -> None:
    if body.method == "email":
        if body.to not in {e["address"] for e in contact.get("emails", [])}:
            raise BusinessRule("Invite by one of the contact's own email addresses.",
                               [{"loc": "body.to", "msg": "not an address of this contact"}])
        return
    phone = next((p for p in contact.get("phones", []) if p["number"] == body.to), None)
    if phone is None:
        raise BusinessRule("Invite by one of the contact's own mobile numbers.",
                           [{"loc": "body.to", "msg": "not a number of this contact"}])
    if phone["kind"] != "mobile":
        raise BusinessRule("Only a number marked mobile can receive an SMS invitation.",
                           [{"loc": "body.to", "msg": f"this number is marked {phone['kind']}"}])


def _wanted(contact: dict[str, Any], body: InviteRequest) -> list[str]:
    """The addresses the person might sign in with, in the order they are tried."""
    own = [e["address"] for e in contact.get("emails", [])]
    if body.method == "email":
        return [body.to]
    if body.login_email:
        if body.login_email not in own:
            raise BusinessRule("login_email must be one of the contact's email addresses.",
                               [{"loc": "body.login_email", "msg": "not an address of this contact"}])
        return [body.login_email]
    return own


def _taken(body: InviteRequest, address: str) -> Conflict:
    return Conflict(SHARED_EMAIL.format(email=address), [{"loc": "body.to" if body.method == "email"
                                                          else "body.login_email", "msg": "used by another login"}])


def _login_email(db: FirmStore, contact: dict[str, Any], wanted: list[str], body: InviteRequest) -> str:
    """The address the person will sign in with. One address is tried by its claim in the
    write (taken by another login, the write is refused); of several, the first that is
    free or already theirs, which only their claims, read first, can say."""
    if len(wanted) == 1:
        return wanted[0]
    if not wanted:
        raise BusinessRule("This person needs an email address of their own to sign in with; add one first.",
                           [{"loc": "body.login_email", "msg": "the contact has no email address"}])
    claims = Batch(db, [keys.login_email(a) for a in wanted])
    for address in wanted:
        claim = claims.get(keys.login_email(address))
        if claim is None or claim["user_id"] == contact.get("user_id"):
            return address
    raise _taken(body, wanted[0])


def _login_ops(firm_id: str, work: Work, contact: dict[str, Any], user_id: str, login_email: str,
               body: InviteRequest) -> None:
    """Creates (`user_id` new) or reopens the person's login record (no password yet: that
    comes with acceptance), as the person's portal state records it (`login.as_recorded`)."""
    taken = lambda _: _taken(body, login_email)  # noqa: E731
    if contact.get("user_id") is None:
        name = " ".join(filter(None, (contact["first_name"], contact.get("last_name"))))
        work.create(user_item(firm_id, user_id, name=name, email=login_email, role=CLIENT, status=INVITED,
                              client_ids=tuple(contact.get("client_ids", [])), contact_id=contact["id"]))
        work.create(email_claim(login_email, user_id), refused=taken)
        return
    released, before = login.released(contact), login.address(contact)
    if released or before != login_email:
        work.create(email_claim(login_email, user_id), refused=taken)
    if not released and before != login_email:
        login.release_claim(work, contact)
    work.update(keys.user(user_id), set={"status": INVITED, "email": login_email, "contact_id": contact["id"]},
                when=login.as_recorded(contact), refused=login.moved)


@dataclass(frozen=True)
class Invited:
    """The new state, and the link's token: for the demo seed and tests only, never for an
    API response (the message is sent from the stream, which makes the link again)."""
    portal: PortalView
    token: str


def invite(me: Principal, client_id: str, contact_id: str, body: InviteRequest) -> Invited:
    """One transaction: the client is checked in it (it must be active), and the person,
    whose portal state and login it moves, comes `sealed` as answered (a person changed
    since is taken from the refusal and invited once more), else is read first. The
    message follows the invitation from the stream (mail.py)."""
    db = FirmStore.of(me)
    known = person_as_read(me.firm_id, contact_id, body.sealed, "body.sealed")
    if known is not None and _goes_ahead(known, client_id, body):
        days = _invitation_days(me, lambda: db.get(keys.firm()))
        return written_as_sealed(known, lambda person, refused: _invited(db, me, client_id, person, body, days,
                                                                         refused))
    found = Batch(db, [keys.contact(contact_id)] + ([] if me.invitation_days is not None else [keys.firm()]))
    days = _invitation_days(me, lambda: found.get(keys.firm()))
    return _invited(db, me, client_id, found.get(keys.contact(contact_id)), body, days, stale_contact)


def _goes_ahead(person: dict[str, Any], client_id: str, body: InviteRequest) -> bool:
    """Whether the sealed person lets the invitation go ahead. What they say it cannot do
    (not this client's, accepted already, no such address) is not believed: the seal may
    be older than the change that allows it, so the person is read and decides."""
    try:
        _wanted(_invitable(person, client_id, body), body)
    except (BusinessRule, Conflict, NotFound):
        return False
    return True


def _invitation_days(me: Principal, firm: Callable[[], dict[str, Any] | None]) -> int:
    """How long the link lives: the principal's copy, else the firm's setting, read."""
    if me.invitation_days is not None:
        return me.invitation_days
    found = firm()
    if found is None:
        raise NotFound("No such firm.")
    return int(found.get("settings", {}).get("invitation_days", 7))


def _invited(db: FirmStore, me: Principal, client_id: str, contact: dict[str, Any] | None, body: InviteRequest,
             days: int, refused: Refusal) -> Invited:
    """The person of this client invited, pinned to their version (the first write, so a
    person changed since is the refusal named), the client checked active in the same write."""
    contact = _invitable(contact, client_id, body)
    login_email = _login_email(db, contact, _wanted(contact, body), body)
    changes = Changes(db.work())
    user_id = contact.get("user_id") or new_id()
    now, invite_id = clock.now(), new_id()
    expires_at = clock.iso(now + timedelta(days=days))
    state = {"status": portal.PENDING, "invite_id": invite_id, "method": body.method, "sent_to": body.to,
             "login_email": login_email, "invited_at": clock.iso(now), "expires_at": expires_at}
    after = portal.move(changes, contact, state, refused=refused, through=_active(client_id), user_id=user_id)
    _login_ops(db.firm_id, changes.work, contact, user_id, login_email, body)
    previous = portal.pending_invitation_id(contact)
    if previous is not None:
        portal.close_invitation(changes, previous, portal.REVOKED, clock.iso(now))
    token = tokens.new_token(me.firm_id, invite_id)
    changes.work.create({**keys.invitation(invite_id), "type": "invitation", "id": invite_id,
                         "firm_id": me.firm_id, "contact_id": contact["id"], "client_id": client_id,
                         "user_id": user_id, "method": body.method, "sent_to": body.to,
                         "login_email": login_email, "token_hash": tokens.digest(token), "status": portal.PENDING,
                         "first_name": contact["first_name"],  # the link's greeting, without a read of the contact
                         "created_at": clock.iso(now), "expires_at": expires_at, "invited_by": me.user_id,
                         **keys.pending_invitation_index(invite_id, expires_at)})
    changes.work.platform.put({**platform_keys.inviting_firm(me.firm_id), "type": "inviting_firm"})
    changes.commit()
    return Invited(portal_view(after), token)


def _active(client_id: str) -> portal.Through:
    return portal.Through(client_id, Attr("status").eq("active"), _not_active)


def _not_active(client: dict[str, Any] | None) -> Exception:
    if client is None:
        return NotFound("No such client.")
    return BusinessRule("The client is archived; restore it before inviting its contacts.")


def _invitable(contact: dict[str, Any] | None, client_id: str, body: InviteRequest) -> dict[str, Any]:
    """The person, if this person of this client may be invited this way."""
    contact = of_client(contact, client_id)
    if effective_status(contact.get("portal", {})) == portal.ACCEPTED:
        raise Conflict("This person already has portal access.")
    _check_method(contact, body)
    return contact


def remove(me: Principal, client_id: str, contact_id: str, sealed: str | None = None):
    """Withdraws a pending invitation or closes an accepted login; the login is refused
    from its next request on (the authorizer reads the user record). The person's portal
    state names the invitation and the login this write closes: the person as sealed
    (`as_read`) gives it, else the person is read."""
    db = FirmStore.of(me)
    known = person_as_read(me.firm_id, contact_id, sealed, "body.sealed")
    contact, user_id = written_from(known, lambda: db.get(keys.contact(contact_id)),
                                    lambda person, refused: _close_access(db, client_id, person, refused),
                                    goes_ahead=lambda person: _removable(person, client_id))
    if user_id is not None:
        identity.sign_out_everywhere(me.firm_id, user_id)
        identity.delete_login(me.firm_id, user_id)
    return portal_view(contact)


def _removable(contact: dict[str, Any], client_id: str) -> bool:
    status = contact.get("portal", {}).get("status", "not_invited")
    return client_id in contact.get("client_ids", []) and status not in ("not_invited", portal.REVOKED)


def _close_access(db: FirmStore, client_id: str, contact: dict[str, Any] | None,
                  refused: Refusal) -> tuple[dict[str, Any], str | None]:
    """One transaction, pinned to the person's version (the first of its writes, so a
    person changed since is the refusal named): the person after, and the login closed."""
    if not _removable(of_client(contact, client_id), client_id):
        raise Conflict("This person has no portal access or invitation to remove.")
    changes = Changes(db.work())
    now = clock.now_iso()
    after = portal.move(changes, contact, {**contact["portal"], "status": portal.REVOKED, "revoked_at": now},
                        refused=refused)
    pending = portal.pending_invitation_id(contact)
    if pending is not None:
        portal.close_invitation(changes, pending, portal.REVOKED, now)
    user_id = contact.get("user_id")
    if user_id is not None:
        changes.work.update(keys.user(user_id), set={"status": DEACTIVATED}, when=login.as_recorded(contact),
                            refused=login.moved)
        login.release_claim(changes.work, contact)
    changes.commit()
    return after, user_id
