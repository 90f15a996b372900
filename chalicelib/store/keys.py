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
