"""Tool visibility, enforced in one place. A firm hides a tool (documents, messages...)
from its clients; every client route of that tool calls `require_tool` first, so a hidden
tool answers 404 as if it did not exist. Staff are never affected.

The hidden tools come with the caller's principal (the authorizer reads the firm's
portal options with the login in one batch), so the check costs no DynamoDB call."""
from __future__ import annotations

from chalicelib.core.errors import NotFound
from chalicelib.core.principal import Principal


def tool_visible(me: Principal, tool: str) -> bool:
    return me.is_staff or tool not in me.hidden_tools


def require_tool(me: Principal, tool: str) -> None:
    """404 for a portal user when the firm hides `tool`; nothing for staff."""
    if not tool_visible(me, tool):
        raise NotFound("No such resource.")
