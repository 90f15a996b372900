"""What an invitation says, by email (branded HTML and text) or by SMS: the firm's
wording of the "invitation" message (its defaults until the firm edits it), with the
link and its expiry added by the app (wording.service builds both, so the preview shows
exactly this), so an edited wording can never lose them."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.core.config import settings
from chalicelib.outbox.templates import Email
from chalicelib.wording.service import invitation_email, invitation_sms


def link(firm: dict[str, Any], token: str) -> str:
    return f"{settings().public_url}/portal/{firm['slug']}/invitations/{token}"


def _day(iso: str) -> str:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).strftime("%d %B %Y")


def values(firm: dict[str, Any], client: dict[str, Any], contact: dict[str, Any],
           rooms: list[str]) -> dict[str, str]:
    """The wording's variables for one invitation. An invitation opens the whole portal,
    not one room, so {room} names the client's open rooms (nothing when there are none)
    and {step} is empty."""
    return {"client": client.get("display_name", ""), "contact": contact["first_name"], "room": ", ".join(rooms),
            "firm": firm["name"], "step": ""}


def email(firm: dict[str, Any], wording: dict[str, str], filled: dict[str, str], token: str,
          expires_at: str) -> Email:
    return invitation_email(firm, wording, filled, link(firm, token), _day(expires_at))


def sms(firm: dict[str, Any], wording: dict[str, str], filled: dict[str, str], token: str, expires_at: str) -> str:
    return invitation_sms(wording, filled, link(firm, token), _day(expires_at))
