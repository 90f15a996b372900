"""Branded messages: every email has an HTML and a text part in the firm's colours."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any, Callable

from chalicelib.core.config import settings
from chalicelib.core.password_policy import TEMPORARY_PASSWORD_DAYS


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str


def branded_email(firm: dict, subject: str, paragraphs: list[str], action: tuple[str, str] | None = None,
                  footer: str = "") -> Email:
    """`action` is (label, url): rendered as a button and spelled out in the text part."""
    colour = (firm.get("branding") or {}).get("colour") or "#1F4E79"
    logo = (firm.get("branding") or {}).get("logo_url")
    name = firm["name"]
    text_lines = [*paragraphs]
    html_parts = [f"<p>{escape(p)}</p>" for p in paragraphs]
    if action:
        label, url = action
        text_lines.append(f"{label}: {url}")
        html_parts.append(f'<p><a href="{escape(url, quote=True)}" style="background:{colour};color:#fff;'
                          f'padding:10px 18px;border-radius:4px;text-decoration:none">{escape(label)}</a></p>')
    if footer:
        text_lines.append(footer)
        html_parts.append(f'<p style="color:#666;font-size:12px">{escape(footer)}</p>')
    header = f'<img src="{escape(logo, quote=True)}" alt="{escape(name)}" height="40">' if logo else escape(name)
    html = (f'<html><body style="font-family:sans-serif"><div style="border-top:4px solid {colour};'
            f'padding:16px"><h2 style="color:{colour}">{header}</h2>{"".join(html_parts)}</div></body></html>')
    text = f"{name}\n\n" + "\n\n".join(text_lines) + "\n"
    return Email(subject=subject, text=text, html=html)


def staff_invitation(firm: dict[str, Any], name: str, email: str, temp: str, reminder: bool) -> Email:
    """A colleague's invitation (or its reminder) with their temporary password."""
    url = f"{settings().public_url}/portal/{firm['slug']}/sign-in"
    opening = (f"A reminder: {firm['name']} is waiting for you to join as a team member."
               if reminder else f"{firm['name']} has added you as a team member.")
    subject = f"{'Reminder: ' if reminder else ''}You're invited to join {firm['name']} on Atrium"
    return branded_email(
        firm, subject,
        [f"Hello {name},", opening,
         f"Sign in with your email ({email}) and this temporary password: {temp}",
         f"You will choose your own password when you first sign in. The temporary password expires in "
         f"{TEMPORARY_PASSWORD_DAYS} days."],
        action=("Sign in", url))


STAFF_INVITATION = "staff_invitation"
# Emails the outbox composes when it sends them (`queue_email_at_send`), from the firm as
# it is then and the values queued with them.
AT_SEND: dict[str, Callable[..., Email]] = {STAFF_INVITATION: staff_invitation}
