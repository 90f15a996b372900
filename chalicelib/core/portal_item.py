"""The firm's portal options item as stored (and a client's overrides, in the same
shape). The principal lookup (which tools a client may open, which features are on) and
the portal domain both read it, so its shape lives here, below both.

Each feature and each hidden tool is an attribute of its own (`option_<feature>`,
`hidden_<tool>`), so a partial change is one UpdateItem that sets only what it names: no
read to merge into, and two staff changing different options at once both keep theirs.
Features default on except prepayment and self-service organizers (they need setup
first); every tool defaults visible."""
from __future__ import annotations

from typing import Any

# The portal's features and tools; the portal models spell them out as the API's literals.
OPTIONS = ("prepayment", "done_uploading", "appointments", "announcements", "client_threads",
           "self_service_organizers", "work_in_progress")
TOOLS = ("messages", "documents", "timeline", "todos", "invoices", "organizers")
DOCUMENT_RULES = "document_settings"
DEFAULTS = {name: name not in ("prepayment", "self_service_organizers") for name in OPTIONS}
# The firm's default professional for new clients, copied from the firm from the stream
# (firms/carried.py) so that it comes with the principal; "" when the firm names none.
DEFAULT_PROFESSIONAL = "default_professional_id"
# How many days the firm's invitation links stay valid, copied the same way (firms/carried.py),
# so an invitation's expiry is known with no read of the firm.
INVITATION_DAYS = "invitation_days"


def firm_options(item: dict[str, Any] | None) -> dict[str, bool]:
    found = item or {}
    return {name: bool(found.get(f"option_{name}", default)) for name, default in DEFAULTS.items()}


def overrides(item: dict[str, Any] | None) -> dict[str, bool]:
    """A client's portal item keeps only the features it overrides, in the same shape."""
    found = item or {}
    return {name: bool(found[f"option_{name}"]) for name in OPTIONS if found.get(f"option_{name}") is not None}


def hidden_tools(item: dict[str, Any] | None) -> tuple[str, ...]:
    found = item or {}
    return tuple(t for t in TOOLS if found.get(f"hidden_{t}"))


def visible_tools(item: dict[str, Any] | None) -> list[str]:
    hidden = hidden_tools(item)
    return [t for t in TOOLS if t not in hidden]


def document_rules(item: dict[str, Any] | None) -> dict[str, Any]:
    """The firm's document rules as last set (documents.models gives them their defaults):
    kept on this item, which the principal lookup reads, rather than on the firm's."""
    return dict((item or {}).get(DOCUMENT_RULES) or {})


def attributes_of(change: dict[str, Any]) -> dict[str, Any]:
    """The attributes a partial change sets; a tool made visible again loses its
    `hidden_` attribute (None removes it)."""
    sets: dict[str, Any] = {f"option_{name}": on for name, on in change.get("options", {}).items()}
    sets.update({f"hidden_{tool}": None if visible else True for tool, visible in change.get("tools", {}).items()})
    if "lockout_days" in change:
        sets["lockout_days"] = change["lockout_days"]
    return sets
