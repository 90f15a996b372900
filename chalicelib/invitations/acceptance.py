"""Using an invitation link. Opening it (GET) spends nothing, so email security scanners
that follow links do no harm; only accepting with a password spends it, once."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import ACTIVE, INVITED, TokenView
from chalicelib.accounts.users import sign_in_changes, signed_in
from chalicelib.aws import identity
from chalicelib.clients.records import Changes
from chalicelib.contacts import records as contacts
from chalicelib.contacts.models import effective_status
from chalicelib.core import clock
from chalicelib.core.errors import Conflict, Gone, NotFound, PreconditionFailed
from chalicelib.firms.models import BrandingView
from chalicelib.invitations import portal, tokens
from chalicelib.invitations.models import AcceptRequest, InvitationPreview
from chalicelib.store import FirmStore, at_version, keys
from chalicelib.store.batch import Batch


def _named(token: str) -> tuple[FirmStore, str]:
    """The firm and the invitation a token names; `_usable` then checks its HMAC."""
    firm_id, invite_id = tokens.parse(token)
    return FirmStore.trusted(firm_id), invite_id  # only an invitation whose stored HMAC matches is used


def _live(token: str) -> tuple[FirmStore, dict[str, Any]]:
    """The pending invitation a token names, or why it can no longer be used."""
    db, invite_id = _named(token)
    return db, _usable(token, db.get(keys.invitation(invite_id), consistent=True))


def _usable(token: str, found: dict[str, Any] | None) -> dict[str, Any]:
    if found is None or not tokens.matches(token, found["token_hash"]):
        raise NotFound("No such invitation.")
    status = effective_status(found)
    if status == portal.ACCEPTED:
        raise Gone("This invitation has already been used. Sign in with your email and password instead.")
    if status == portal.REVOKED:
        raise Gone("This invitation was withdrawn or replaced by a newer one; use the latest message you received.")
    if status == portal.EXPIRED:
        raise Gone("This invitation has expired; ask your firm to send a new one.")
    return found


def preview(token: str) -> InvitationPreview:
    if not tokens.well_formed(token):  # a path that names no invitation, as an unknown id would
        raise NotFound("No such invitation.")
    db, invite_id = _named(token)
    # The token names both keys: one batch, with the firm's name and branding as they are now.
    items = {i["type"]: i for i in db.get_many([keys.invitation(invite_id), keys.firm()], consistent=True)}
    found, firm = _usable(token, items.get("invitation")), items["firm"]
    return InvitationPreview(firm_name=firm["name"], firm_slug=firm["slug"],
                             branding=BrandingView(**firm.get("branding", {})), first_name=found["first_name"],
                             expires_at=found["expires_at"])


def accept(body: AcceptRequest) -> TokenView:
    """Spends the token first (its write asks that it is still pending, so one acceptance
    wins), then gives the login its password; if that fails the records are put back."""
    db, found = _live(body.token)
    # The contact and its login, which the invitation names: one batch. Its clients' counts
    # are ADDs, so they need no read.
    items = Batch(db, [keys.contact(found["contact_id"]), keys.user(found["user_id"])])
    contact, user = items.get(keys.contact(found["contact_id"])), items.get(keys.user(found["user_id"]))
    changes = Changes(db.work())
    now = clock.now_iso()
    portal.close_invitation(changes, found["id"], portal.ACCEPTED, now)
    changes.work.update(keys.user(user["id"]), set={"status": ACTIVE, **sign_in_changes(user)},
                        when=at_version(user["v"]))
    portal.move(changes, contact, {**contact["portal"], "status": portal.ACCEPTED, "accepted_at": now,
                                   "last_login_at": now})
    signed_in(db, user, changes.work)  # accepting signs the person in
    try:
        changes.commit()
    except (Conflict, PreconditionFailed):
        raise Gone("This invitation has just been used.")
    return _open_login(db.firm_id, user, body.password, lambda: _reopen(db, found["id"]))


def _open_login(firm_id: str, user: dict[str, Any], password: str, undo) -> TokenView:
    try:
        identity.delete_login(firm_id, user["id"])
        identity.create_login(firm_id, user["id"], user["email"], password=password)
        result = identity.password_sign_in(firm_id, user["id"], password)
    except Exception:
        identity.delete_login(firm_id, user["id"])
        undo()
        raise
    return TokenView(access_token=result.access_token, id_token=result.id_token,
                     refresh_token=result.refresh_token, expires_in=result.expires_in)


def _reopen(db: FirmStore, invite_id: str) -> None:
    """Undoes an acceptance whose login could not be made, so the link works again."""
    found = db.get(keys.invitation(invite_id), consistent=True)
    contact = contacts.get_contact_item(db, found["contact_id"])
    changes = Changes(db.work())
    changes.work.update(keys.invitation(invite_id),
                        set={"status": portal.PENDING, "accepted_at": None,
                             **keys.pending_invitation_index(invite_id, found["expires_at"])},
                        when=at_version(found["v"]))
    changes.work.update(keys.user(found["user_id"]), set={"status": INVITED})
    portal.move(changes, contact, {**contact["portal"], "status": portal.PENDING, "accepted_at": None})
    changes.commit()
