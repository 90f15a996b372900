"""Shaping stored contacts for staff: the portal state as it stands now, with the
login's last sign-in."""
from __future__ import annotations

from typing import Any

from chalicelib.contacts.models import ClientContactView, ContactView, PortalView
from chalicelib.core import clock


def effective_status(portal: dict[str, Any]) -> str:
    """A pending invitation past its expiry reads as expired before the sweep records it."""
    status = portal.get("status", "not_invited")
    if status == "pending" and portal.get("expires_at", "") < clock.now_iso():
        return "expired"
    return status


def portal_view(contact: dict[str, Any], user: dict[str, Any] | None) -> PortalView:
    portal = contact.get("portal", {})
    return PortalView(**{**portal, "status": effective_status(portal),
                         "last_login_at": (user or {}).get("last_login_at")})


def contact_view(contact: dict[str, Any], user: dict[str, Any] | None) -> ContactView:
    return ContactView(**{**contact, "portal": portal_view(contact, user), "version": contact["v"]})


def client_contact_view(contact: dict[str, Any], user: dict[str, Any] | None, link: dict[str, Any],
                        primary_id: str) -> ClientContactView:
    return ClientContactView(**{**contact_view(contact, user).model_dump(), "role": link["role"],
                                "primary": contact["id"] == primary_id})
