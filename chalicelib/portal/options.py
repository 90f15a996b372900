"""The options that apply to one client: the firm's (chalicelib.core.portal_item) with the
client's overrides on top, which keep only the features the firm overrode for them."""
from __future__ import annotations

from typing import Any

from chalicelib.core.portal_item import firm_options, overrides


def effective_options(firm_item: dict[str, Any] | None, client_item: dict[str, Any] | None) -> dict[str, bool]:
    return {**firm_options(firm_item), **overrides(client_item)}
