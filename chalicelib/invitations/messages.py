"""What an invitation says, by email (branded HTML and text) or by SMS."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.core.config import settings
from chalicelib.outbox.templates import Email, branded_email


def link(firm: dict[str, Any], token: str) -> str:
    return f"{settings().public_url}/portal/{firm['slug']}/invitations/{token}"


def _day(iso: str) -> str:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).strftime("%d %B %Y")


def email(firm: dict[str, Any], first_name: str, token: str, expires_at: str) -> Email:
    return branded_email(
        firm, f"{firm['name']} invites you to your client portal",
        [f"Hello {first_name},",
         f"{firm['name']} has opened a secure client portal for you: messages, documents and the "
         "progress of your work in one place.",
         f"Choose your password to get started. This link can be used once and expires on {_day(expires_at)}."],
        action=("Open your portal", link(firm, token)),
        footer="If you were not expecting this, you can ignore this message.")


def sms(firm: dict[str, Any], first_name: str, token: str, expires_at: str) -> str:
    return (f"Hi {first_name}, {firm['name']} invites you to its client portal: {link(firm, token)} "
            f"(single use, expires {_day(expires_at)}).")
