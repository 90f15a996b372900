"""The firm's portal options item and a client's overrides, as stored, with the defaults
that apply while nothing is set. Features default on except prepayment and self-service
organizers (they need setup first); every tool defaults visible."""
from __future__ import annotations

from typing import Any

from chalicelib.portal.models import OPTIONS, TOOLS

DEFAULTS = {name: name not in ("prepayment", "self_service_organizers") for name in OPTIONS}


def firm_options(item: dict[str, Any] | None) -> dict[str, bool]:
    return {**DEFAULTS, **((item or {}).get("options") or {})}


def effective_options(firm_item: dict[str, Any] | None, client_item: dict[str, Any] | None) -> dict[str, bool]:
    """The firm's options with one client's overrides on top."""
    return {**firm_options(firm_item), **((client_item or {}).get("options") or {})}


def visible_tools(firm_item: dict[str, Any] | None) -> list[str]:
    hidden = set((firm_item or {}).get("hidden_tools") or ())
    return [t for t in TOOLS if t not in hidden]


def hidden_after(current: list[str], changes: dict[str, bool]) -> list[str]:
    """The hidden tools once `changes` (tool -> visible) apply."""
    hidden = set(current)
    for tool, visible in changes.items():
        (hidden.discard if visible else hidden.add)(tool)
    return [t for t in TOOLS if t in hidden]
