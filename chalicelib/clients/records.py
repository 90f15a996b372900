"""Reading clients as the caller may see them, and the checks every client write shares."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import DEACTIVATED
from chalicelib.clients.models import ClientClientView, ClientStaffView, ClientSummaryView
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.principal import FIRM_ROLES, Principal
from chalicelib.store import keys, table


def get_client_item(firm_id: str, client_id: str) -> dict[str, Any]:
    return table.require(keys.client(firm_id, client_id), "client")


def visible_client(me: Principal, client_id: str) -> dict[str, Any]:
    """Staff reach every client of their firm; a portal user only their own active ones.
    Anything else is a 404, so a client id never confirms it exists."""
    if not me.is_staff and client_id not in me.client_ids:
        raise NotFound("No such client.")
    item = get_client_item(me.firm_id, client_id)
    if not me.is_staff and item["status"] != "active":
        raise NotFound("No such client.")
    return item


def require_professional(firm_id: str, user_id: str) -> None:
    user = table.get(keys.user(firm_id, user_id))
    if user is None or user["role"] not in FIRM_ROLES or user["status"] == DEACTIVATED:
        raise BusinessRule("The assigned professional must be an active staff member of this firm.",
                           [{"loc": "body.professional_id", "msg": "not a staff member of this firm"}])


def staff_view(item: dict[str, Any]) -> ClientStaffView:
    return ClientStaffView(**{**item, "version": item["v"]})


def summary_view(item: dict[str, Any]) -> ClientSummaryView:
    return ClientSummaryView(**item)


def client_view(item: dict[str, Any]) -> ClientClientView:
    return ClientClientView(**item)
