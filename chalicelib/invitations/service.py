"""Portal access for contacts: invite (or resend by the same or another method), remove.

One login per person per firm: a contact's login reaches every client they belong to.
Logins sign in with an email address, so an address can hold one login only; two people
who share an address (a couple) need the second one invited with an address of their own."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from chalicelib.accounts.models import DEACTIVATED, INVITED
from chalicelib.accounts.users import email_claim, user_item
from chalicelib.aws import identity
from chalicelib.clients.records import Changes
from chalicelib.contacts.as_read import person_as_read, written_from
from chalicelib.contacts.models import PortalView, effective_status, portal_view
from chalicelib.contacts.records import of_client
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.principal import CLIENT, Principal
from chalicelib.invitations import login, messages, portal, tokens
from chalicelib.invitations.models import InviteRequest
from chalicelib.outbox.quiet_hours import sms_not_before
from chalicelib.outbox.service import queue_email, queue_sms
from chalicelib.store.batch import Batch
from chalicelib.rooms import board
from chalicelib.store import FirmStore, Work, keys, platform_keys
from chalicelib.store.work import Refusal
from chalicelib.wording.templates import wording_of

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


def _login_ops(firm_id: str, work: Work, contact: dict[str, Any], login_email: str, body: InviteRequest) -> str:
    """Creates or reopens the person's login record (no password yet: that comes with
    acceptance), as the person's portal state records it (`login.as_recorded`). Returns
    the user id."""
    taken = lambda _: _taken(body, login_email)  # noqa: E731
    user_id = contact.get("user_id")
    if user_id is None:
        user_id = new_id()
        name = " ".join(filter(None, (contact["first_name"], contact.get("last_name"))))
        work.create(user_item(firm_id, user_id, name=name, email=login_email, role=CLIENT, status=INVITED,
                              client_ids=tuple(contact.get("client_ids", [])), contact_id=contact["id"]))
        work.create(email_claim(login_email, user_id), refused=taken)
        return user_id
    released, before = login.released(contact), login.address(contact)
    if released or before != login_email:
        work.create(email_claim(login_email, user_id), refused=taken)
    if not released and before != login_email:
        login.release_claim(work, contact)
    work.update(keys.user(user_id), set={"status": INVITED, "email": login_email, "contact_id": contact["id"]},
                when=login.as_recorded(contact), refused=login.moved)
    return user_id


@dataclass(frozen=True)
class Invited:
    """The new state, and the link's token: for the message and for the demo seed only,
    never for an API response."""
    portal: PortalView
    token: str


def invite(me: Principal, client_id: str, contact_id: str, body: InviteRequest) -> Invited:
    db = FirmStore.of(me)
    found = _first_batch(db, client_id, contact_id)
    client, contact = _invitable(found, client_id, contact_id, body)
    login_email = _login_email(db, contact, _wanted(contact, body), body)
    firm = found.get(keys.firm())
    if firm is None:
        raise NotFound("No such firm.")
    changes = Changes(db.work())
    user_id = _login_ops(db.firm_id, changes.work, contact, login_email, body)
    previous = portal.pending_invitation_id(contact)
    now = clock.now()
    if previous is not None:
        portal.close_invitation(changes, previous, portal.REVOKED, clock.iso(now))
    invite_id = new_id()
    token = tokens.new_token(me.firm_id, invite_id)
    expires_at = clock.iso(now + timedelta(days=firm.get("settings", {}).get("invitation_days", 7)))
    changes.work.create({**keys.invitation(invite_id), "type": "invitation", "id": invite_id,
                         "firm_id": me.firm_id, "contact_id": contact_id, "client_id": client_id,
                         "user_id": user_id, "method": body.method, "sent_to": body.to,
                         "login_email": login_email, "token_hash": tokens.digest(token), "status": portal.PENDING,
                         "first_name": contact["first_name"],  # the link's greeting, without a read of the contact
                         "created_at": clock.iso(now), "expires_at": expires_at, "invited_by": me.user_id,
                         **keys.pending_invitation_index(invite_id, expires_at)})
    changes.work.platform.put({**platform_keys.inviting_firm(me.firm_id), "type": "inviting_firm"})
    rooms = [e["name"] for e in board.entries(found.get(keys.client_board(client_id)))]
    filled = messages.values(firm, client, contact, rooms)
    _queue_message(changes.work, firm, wording_of(found.get(keys.wording()), "invitation"), filled, body, token,
                   expires_at, invite_id)
    state = {"status": portal.PENDING, "invite_id": invite_id, "method": body.method, "sent_to": body.to,
             "login_email": login_email, "invited_at": clock.iso(now), "expires_at": expires_at}
    after = portal.move(changes, contact, state, user_id=user_id)
    changes.commit()
    return Invited(portal_view(after), token)


def _invitable(found: Batch, client_id: str, contact_id: str,
               body: InviteRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    """The client and the person, if this person of this client may be invited this way."""
    client = found.get(keys.client(client_id))
    if client is None:
        raise NotFound("No such client.")
    if client["status"] != "active":
        raise BusinessRule("The client is archived; restore it before inviting its contacts.")
    contact = of_client(found.get(keys.contact(contact_id)), client_id)
    if effective_status(contact.get("portal", {})) == portal.ACCEPTED:
        raise Conflict("This person already has portal access.")
    _check_method(contact, body)
    return client, contact


def _first_batch(db: FirmStore, client_id: str, contact_id: str) -> Batch:
    """What the path names (the client, the person) and what the message needs (the
    firm's branding, its wording, the client's rooms): one read."""
    return Batch(db, [keys.client(client_id), keys.contact(contact_id), keys.firm(), keys.wording(),
                      keys.client_board(client_id)])


def _queue_message(work: Work, firm: dict[str, Any], wording: dict[str, str], filled: dict[str, str],
                   body: InviteRequest, token: str, expires_at: str, ref: str) -> None:
    if body.method == "email":
        queue_email(work, body.to, messages.email(firm, wording, filled, token, expires_at), firm["name"], ref)
        return
    s = firm.get("settings", {})
    wait = sms_not_before(clock.now(), firm.get("time_zone", "UTC"), s.get("sms_quiet_start", "21:00"),
                          s.get("sms_quiet_end", "08:00"))
    queue_sms(work, body.to, messages.sms(firm, wording, filled, token, expires_at), ref,
              not_before=clock.iso(wait) if wait else None)


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
