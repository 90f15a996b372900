"""A person's login as their contact records it, so an invitation or a removal writes it
without reading it first: the address it signs in with is the portal state's
`login_email` (every invitation sets both in one write), and a removal is the one move
that deactivates it and releases that address's claim. The writes carry that as their
condition, so a login that moved some other way is refused rather than overwritten."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import DEACTIVATED
from chalicelib.core.errors import Conflict
from chalicelib.invitations.portal import REVOKED
from chalicelib.store import Attr, Work, exists, keys
from chalicelib.store.conditions import ConditionBase


def address(contact: dict[str, Any]) -> str:
    return contact["portal"]["login_email"]


def released(contact: dict[str, Any]) -> bool:
    """A removed person's login is deactivated and no longer holds its address."""
    return contact["portal"]["status"] == REVOKED


def as_recorded(contact: dict[str, Any]) -> ConditionBase:
    deactivated = Attr("status").eq(DEACTIVATED) if released(contact) else Attr("status").ne(DEACTIVATED)
    return exists() & Attr("email").eq(address(contact)) & deactivated


def release_claim(work: Work, contact: dict[str, Any]) -> None:
    """Frees the login's address, only while its claim is the login's."""
    work.delete(keys.login_email(address(contact)), when=Attr("user_id").eq(contact["user_id"]), refused=moved)


def moved(_: dict[str, Any] | None) -> Exception:
    return Conflict("The person's login changed meanwhile; reload and try again.")
