"""The embedded SNS's platform endpoints read as SNS's do. GetEndpointAttributes reports
CustomUserData, SetEndpointAttributes can change it, and "Enabled" is the string "true"
or "false" the API sends. Device hand-over between accounts relies on all three."""
from __future__ import annotations

from typing import Any

_USER_DATA = "CustomUserData"


def _user_data(endpoint: Any) -> str:
    return endpoint.attributes.get(_USER_DATA, "") if "attributes" in endpoint.__dict__ else endpoint.__dict__["_made_with"]


def _set_user_data(endpoint: Any, value: str) -> None:
    # Set by moto's constructor before the attributes exist; they take it when they do.
    endpoint.__dict__["_made_with"] = value
    if "attributes" in endpoint.__dict__ and value:
        endpoint.attributes[_USER_DATA] = value


def _enabled(endpoint: Any) -> bool:
    return str(endpoint.attributes.get("Enabled", True)).lower() == "true"


def endpoints_report_user_data() -> None:
    from moto.sns.models import PlatformEndpoint
    if isinstance(PlatformEndpoint.__dict__.get("custom_user_data"), property):
        return
    fixup = PlatformEndpoint._PlatformEndpoint__fixup_attributes

    def fixup_with_user_data(endpoint: Any) -> None:
        fixup(endpoint)
        if endpoint.__dict__.get("_made_with"):
            endpoint.attributes.setdefault(_USER_DATA, endpoint.__dict__["_made_with"])
    PlatformEndpoint._PlatformEndpoint__fixup_attributes = fixup_with_user_data
    PlatformEndpoint.custom_user_data = property(_user_data, _set_user_data)
    PlatformEndpoint.enabled = property(_enabled)
