"""Every key Atrium writes, in one place, relative to a firm: no builder here takes a firm
id. A `FirmStore` prefixes `F#<firm_id>#` to each partition key (PK, GSI1PK, GSI2PK), so
domain code cannot name another firm's items. Platform keys (`P#...`) are in
`platform_keys`, reached only through the `Platform` handle.
ACCESS_PATTERNS.md explains who reads each one."""
from __future__ import annotations

Key = dict[str, str]


def firm() -> Key:
    return {"PK": "FIRM", "SK": "FIRM"}


# --- logins -------------------------------------------------------------------------

def user(user_id: str) -> Key:
    return {"PK": f"USER#{user_id}", "SK": "USER"}


def login_email(email: str) -> Key:
    return {"PK": f"EMAIL#{email.lower()}", "SK": "EMAIL"}


STAFF = "STAFF"


def staff_index(user_id: str) -> Key:
    """GSI1 entry that lists a firm's staff in joining order."""
    return {"GSI1PK": STAFF, "GSI1SK": user_id}


PORTAL_SEEN = "PORTALSEEN"


def portal_seen(user_id: str, at: str) -> Key:
    """GSI2 entry on a portal user's record, ordered by last sign-in."""
    return {"GSI2PK": PORTAL_SEEN, "GSI2SK": f"{at}#{user_id}"}


def outbox(message_id: str) -> Key:
    return {"PK": f"OUTBOX#{message_id}", "SK": "OUTBOX"}


def idempotency(digest: str) -> Key:
    return {"PK": f"IDEM#{digest}", "SK": "IDEM"}


# --- clients, contacts and portal invitations ------------------------------------------

def client(client_id: str) -> Key:
    return {"PK": client_partition(client_id), "SK": "CLIENT"}


def client_partition(client_id: str) -> str:
    """One client's item collection: the client, its search words, contact links, email claims."""
    return f"CLIENT#{client_id}"


CLIENTS = "CLIENTS"


def client_index(client_id: str, sort_name: str) -> Key:
    """GSI1 lists a firm's clients by name, GSI2 by creation (ids sort by time)."""
    return {"GSI1PK": CLIENTS, "GSI1SK": f"{sort_name}#{client_id}", "GSI2PK": CLIENTS, "GSI2SK": client_id}


def client_word(client_id: str, word: str) -> Key:
    return {"PK": client_partition(client_id), "SK": f"WORD#{word}",
            "GSI1PK": client_word_partition(word), "GSI1SK": f"{word}#{client_id}"}


def client_word_partition(word: str) -> str:
    """Search words are bucketed by their first two letters, so a prefix query of two
    letters or more reads one partition and never the whole firm."""
    return f"CLIENTWORD#{word[:2]}"


def client_contact(client_id: str, contact_id: str) -> Key:
    return {"PK": client_partition(client_id), "SK": f"CONTACT#{contact_id}"}


def client_email(client_id: str, email: str) -> Key:
    """Claims an email address for one person within one client."""
    return {"PK": client_partition(client_id), "SK": f"EMAIL#{email.lower()}"}


def contact(contact_id: str) -> Key:
    return {"PK": f"CONTACT#{contact_id}", "SK": "CONTACT"}


def invitation(invite_id: str) -> Key:
    return {"PK": f"INVITE#{invite_id}", "SK": "INVITE"}


PENDING_INVITATIONS = "INVITES#pending"


def pending_invitation_index(invite_id: str, expires_at: str) -> Key:
    """GSI2 entry, present only while an invitation is pending, ordered by expiry."""
    return {"GSI2PK": PENDING_INVITATIONS, "GSI2SK": f"{expires_at}#{invite_id}"}


ADOPTION = "ADOPTION"


def adoption(professional_id: str) -> Key:
    return {"PK": ADOPTION, "SK": f"PRO#{professional_id}"}
