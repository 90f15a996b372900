"""Reading clients as the caller may see them, and the checks every client write shares."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.users import require_staff_member
from chalicelib.clients.models import ClientClientView, ClientStaffView, ClientSummaryView
from chalicelib.core.errors import NotFound
from chalicelib.core.principal import Principal
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
    require_staff_member(firm_id, user_id, "body.professional_id")


def staff_view(item: dict[str, Any]) -> ClientStaffView:
    return ClientStaffView(**{**item, "version": item["v"]})


def summary_view(item: dict[str, Any]) -> ClientSummaryView:
    return ClientSummaryView(**item)


def client_views(firm_id: str, items: list[dict[str, Any]]) -> list[ClientClientView]:
    """A portal user sees who their professional is by name: one batch read for the page."""
    wanted = sorted({i["professional_id"] for i in items if i.get("professional_id")})
    names = {u["id"]: u["name"] for u in table.get_many([keys.user(firm_id, p) for p in wanted])} if wanted else {}
    return [ClientClientView(**i, professional_name=names.get(i.get("professional_id"))) for i in items]
