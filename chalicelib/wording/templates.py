"""Message wording a firm may change: the header and text of the portal invitation and of
the timeline notifications (email and SMS), with variables in braces. Rendering fills each
variable with its value as plain text; the email's HTML part escapes the whole result,
values included, so nothing a client or staff typed can become markup."""
from __future__ import annotations

import re
from typing import Any

VARIABLES = ("client", "contact", "room", "firm", "step")
_VARIABLE = re.compile(r"\{([a-z_]*)\}")

DEFAULTS: dict[str, dict[str, str]] = {
    "invitation": {"header": "{firm} invites you to your client portal",
                   "text": "Hello {contact}, {firm} has opened a secure client portal for you: messages, "
                           "documents and the progress of your work in one place."},
    "timeline_email": {"header": "{room}: now {step}",
                       "text": "Hello {contact}, your work with {firm} has moved to the step “{step}”."},
    "timeline_sms": {"header": "", "text": "{firm}: {room} moved to “{step}”."},
}
MESSAGES = tuple(DEFAULTS)
SAMPLE = {"client": "Norbert & Ériká Lindqvist", "contact": "Norbert", "room": "2025 tax return",
          "firm": "Northwind Advisory", "step": "Preparing your return"}


def unknown_variables(text: str) -> list[str]:
    return [name for name in _VARIABLE.findall(text) if name not in VARIABLES]


def render(text: str, values: dict[str, str]) -> str:
    """Each `{variable}` replaced by its value (missing ones by nothing), in one pass, so
    a value that itself contains braces is never expanded again."""
    return _VARIABLE.sub(lambda m: str(values.get(m.group(1), "")), text)


def wording_of(item: dict[str, Any] | None, message: str) -> dict[str, str]:
    """The firm's wording of one message, its defaults where it set nothing. The item
    keeps each part in an attribute of its own (`invitation_header`), so a change sets
    only the parts it names, without a read to merge into."""
    found = item or {}
    return {part: found.get(f"{message}_{part}", default) for part, default in DEFAULTS[message].items()}


def customised(item: dict[str, Any] | None, message: str) -> bool:
    return any(f"{message}_{part}" in (item or {}) for part in DEFAULTS[message])


def attributes_of(changes: dict[str, dict[str, str | None]]) -> dict[str, str | None]:
    """The attributes a change sets; a part given as None goes back to its default."""
    return {f"{message}_{part}": value for message, parts in changes.items() for part, value in parts.items()}
