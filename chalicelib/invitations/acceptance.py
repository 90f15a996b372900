"""Using an invitation link. Opening it (GET) spends nothing, so email security scanners
that follow links do no harm; only accepting with a password spends it, once."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import ACTIVE, INVITED, TokenView
from chalicelib.accounts.users import sign_in_changes
from chalicelib.aws import identity
from chalicelib.clients.writes import Changes
from chalicelib.contacts import records as contacts
from chalicelib.contacts.views import effective_status
from chalicelib.core import clock
from chalicelib.core.errors import Gone, NotFound, PreconditionFailed
from chalicelib.firms.models import BrandingView
from chalicelib.firms.service import get_firm_item
from chalicelib.invitations import portal, tokens
from chalicelib.invitations.models import AcceptRequest, InvitationPreview
from chalicelib.store import FirmStore, old_keys as keys, table


def _live(token: str) -> dict[str, Any]:
    """The pending invitation a token names, or why it can no longer be used."""
    firm_id, invite_id = tokens.parse(token)
    found = table.get(keys.invitation(firm_id, invite_id), consistent=True)
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
    found = _live(token)
    firm = get_firm_item(FirmStore.trusted(found["firm_id"]))
    contact = contacts.get_contact_item(found["firm_id"], found["contact_id"])
    return InvitationPreview(firm_name=firm["name"], firm_slug=firm["slug"],
                             branding=BrandingView(**firm.get("branding", {})), first_name=contact["first_name"],
                             expires_at=found["expires_at"])


def accept(body: AcceptRequest) -> TokenView:
    """Spends the token first (the versioned write lets one acceptance win), then gives
    the login its password; if that fails the records are put back."""
    found = _live(body.token)
    firm_id = found["firm_id"]
    contact = contacts.get_contact_item(firm_id, found["contact_id"])
    user = table.get(keys.user(firm_id, found["user_id"]))
    changes = Changes(firm_id)
    now = clock.now_iso()
    portal.close_invitation(changes, found, portal.ACCEPTED, now)
    changes.add(table.update_op(keys.user(firm_id, user["id"]), FirmStore.trusted(firm_id).place({"status": ACTIVE, **sign_in_changes(user)}), user["v"]))
    portal.move(changes, contact, {**contact["portal"], "status": portal.ACCEPTED, "accepted_at": now})
    try:
        changes.commit()
    except PreconditionFailed:
        raise Gone("This invitation has just been used.")
    return _open_login(firm_id, user, body.password, lambda: _reopen(firm_id, found["id"]))


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


def _reopen(firm_id: str, invite_id: str) -> None:
    """Undoes an acceptance whose login could not be made, so the link works again."""
    found = table.get(keys.invitation(firm_id, invite_id), consistent=True)
    contact = contacts.get_contact_item(firm_id, found["contact_id"])
    user = table.get(keys.user(firm_id, found["user_id"]))
    changes = Changes(firm_id)
    changes.add(table.update_op(keys.invitation(firm_id, invite_id),
                                {"status": portal.PENDING, "accepted_at": None,
                                 **keys.pending_invitation_index(firm_id, invite_id, found["expires_at"])}, found["v"]),
                table.update_op(keys.user(firm_id, user["id"]), {"status": INVITED}, user["v"]))
    portal.move(changes, contact, {**contact["portal"], "status": portal.PENDING, "accepted_at": None})
    changes.commit()
