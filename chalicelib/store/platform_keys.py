"""Platform items: the few that belong to no firm. Each begins with `P#`; they are read
and written only through the `Platform` handle, so a grep for it finds every use."""
from __future__ import annotations

Key = dict[str, str]

PREFIX = "P#"


def slug(slug_: str) -> Key:
    """Which firm a portal address belongs to: sign-in and the public branding page."""
    return {"PK": f"P#SLUG#{slug_}", "SK": "SLUG"}


INVITING_FIRMS = "P#INVITING"


def inviting_firm(firm_id: str) -> Key:
    """Firms that have sent portal invitations: what the expiry sweep visits."""
    return {"PK": INVITING_FIRMS, "SK": firm_id}


TRASHING_FIRMS = "P#DOCTRASH"


def trashing_firm(firm_id: str) -> Key:
    """Firms that have ever trashed a document: what the purge sweep visits."""
    return {"PK": TRASHING_FIRMS, "SK": firm_id}
