"""Every key Atrium writes, in one place. Tenant first: each partition key on the table
and on both indexes begins with F#<firm_id>#; platform lookups begin with P#.
ACCESS_PATTERNS.md explains who reads each one."""
from __future__ import annotations


def firm(firm_id: str) -> dict[str, str]:
    return {"PK": f"F#{firm_id}#FIRM", "SK": "FIRM"}


def slug(slug_: str) -> dict[str, str]:
    return {"PK": f"P#SLUG#{slug_}", "SK": "SLUG"}


def user(firm_id: str, user_id: str) -> dict[str, str]:
    return {"PK": f"F#{firm_id}#USER#{user_id}", "SK": "USER"}


def login_email(firm_id: str, email: str) -> dict[str, str]:
    return {"PK": f"F#{firm_id}#EMAIL#{email.lower()}", "SK": "EMAIL"}


def staff_index(firm_id: str, user_id: str) -> dict[str, str]:
    """GSI1 entry that lists a firm's staff in joining order."""
    return {"GSI1PK": f"F#{firm_id}#STAFF", "GSI1SK": user_id}


def staff_partition(firm_id: str) -> str:
    return f"F#{firm_id}#STAFF"


def outbox(firm_id: str, message_id: str) -> dict[str, str]:
    return {"PK": f"F#{firm_id}#OUTBOX#{message_id}", "SK": "OUTBOX"}


# --- clients, contacts and portal invitations ------------------------------------------

def client(firm_id: str, client_id: str) -> dict[str, str]:
    return {"PK": f"F#{firm_id}#CLIENT#{client_id}", "SK": "CLIENT"}


def client_partition(firm_id: str, client_id: str) -> str:
    """One client's item collection: the client, its search words, contact links, email claims."""
    return f"F#{firm_id}#CLIENT#{client_id}"


def clients_partition(firm_id: str) -> str:
    return f"F#{firm_id}#CLIENTS"


def client_index(firm_id: str, client_id: str, sort_name: str) -> dict[str, str]:
    """GSI1 lists a firm's clients by name, GSI2 by creation (ids sort by time)."""
    return {"GSI1PK": clients_partition(firm_id), "GSI1SK": f"{sort_name}#{client_id}",
            "GSI2PK": clients_partition(firm_id), "GSI2SK": client_id}


def client_word(firm_id: str, client_id: str, word: str) -> dict[str, str]:
    return {"PK": client_partition(firm_id, client_id), "SK": f"WORD#{word}",
            "GSI1PK": client_word_partition(firm_id, word), "GSI1SK": f"{word}#{client_id}"}


def client_word_partition(firm_id: str, word: str) -> str:
    """Search words are bucketed by their first two letters, so a prefix query of two
    letters or more reads one partition and never the whole firm."""
    return f"F#{firm_id}#CLIENTWORD#{word[:2]}"


def client_contact(firm_id: str, client_id: str, contact_id: str) -> dict[str, str]:
    return {"PK": client_partition(firm_id, client_id), "SK": f"CONTACT#{contact_id}"}


def client_email(firm_id: str, client_id: str, email: str) -> dict[str, str]:
    """Claims an email address for one person within one client."""
    return {"PK": client_partition(firm_id, client_id), "SK": f"EMAIL#{email.lower()}"}


def contact(firm_id: str, contact_id: str) -> dict[str, str]:
    return {"PK": f"F#{firm_id}#CONTACT#{contact_id}", "SK": "CONTACT"}


def invitation(firm_id: str, invite_id: str) -> dict[str, str]:
    return {"PK": f"F#{firm_id}#INVITE#{invite_id}", "SK": "INVITE"}


def pending_invitations(firm_id: str) -> str:
    return f"F#{firm_id}#INVITES#pending"


def pending_invitation_index(firm_id: str, invite_id: str, expires_at: str) -> dict[str, str]:
    """GSI2 entry, present only while an invitation is pending, ordered by expiry."""
    return {"GSI2PK": pending_invitations(firm_id), "GSI2SK": f"{expires_at}#{invite_id}"}


def inviting_firm(firm_id: str) -> dict[str, str]:
    """Platform list of firms that have sent portal invitations: what the sweep visits."""
    return {"PK": "P#INVITING", "SK": firm_id}


INVITING_FIRMS = "P#INVITING"


def portal_seen(firm_id: str, user_id: str, at: str) -> dict[str, str]:
    """GSI2 entry on a portal user's record, ordered by last sign-in."""
    return {"GSI2PK": portal_seen_partition(firm_id), "GSI2SK": f"{at}#{user_id}"}


def portal_seen_partition(firm_id: str) -> str:
    return f"F#{firm_id}#PORTALSEEN"


def adoption(firm_id: str, professional_id: str) -> dict[str, str]:
    return {"PK": adoption_partition(firm_id), "SK": f"PRO#{professional_id}"}


def adoption_partition(firm_id: str) -> str:
    return f"F#{firm_id}#ADOPTION"
