"""User records (one per login per firm) and the authorizer's principal lookup."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import ACTIVE, DEACTIVATED
from chalicelib.aws.identity import split_username
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.principal import CLIENT, Principal
from chalicelib.store import keys, table


def user_item(firm_id: str, user_id: str, *, name: str, email: str, role: str, status: str,
              client_ids: tuple[str, ...] = ()) -> dict[str, Any]:
    item = {**keys.user(firm_id, user_id), "type": "user", "id": user_id, "firm_id": firm_id,
            "name": name, "email": email.lower(), "role": role, "status": status,
            "created_at": clock.now_iso()}
    if role == CLIENT:
        item["client_ids"] = list(client_ids)
    else:
        item.update(keys.staff_index(firm_id, user_id))
    return item


def sign_in_changes(user: dict[str, Any]) -> dict[str, Any]:
    """What a successful sign-in records. Portal users also move in an index ordered by
    last sign-in, which the portal adoption report reads for recent activity."""
    at = clock.now_iso()
    changes: dict[str, Any] = {"last_login_at": at}
    if user["role"] == CLIENT:
        changes.update(keys.portal_seen(user["firm_id"], user["id"], at))
    return changes


def email_claim(firm_id: str, email: str, user_id: str) -> dict[str, Any]:
    return {**keys.login_email(firm_id, email), "type": "email_claim", "user_id": user_id}


def get_user(firm_id: str, user_id: str) -> dict[str, Any]:
    return table.require(keys.user(firm_id, user_id), "user")


def find_user_by_email(firm_id: str, email: str) -> dict[str, Any] | None:
    claim = table.get(keys.login_email(firm_id, email))
    return table.get(keys.user(firm_id, claim["user_id"])) if claim else None


def load_principal(cognito_username: str) -> Principal | None:
    parts = split_username(cognito_username)
    if parts is None:
        return None
    found = table.get(keys.user(*parts))
    if found is None or found.get("status") != ACTIVE:
        return None
    return Principal(firm_id=found["firm_id"], user_id=found["id"], role=found["role"],
                     client_ids=tuple(found.get("client_ids", ())))


def require_user(firm_id: str, user_id: str) -> dict[str, Any]:
    try:
        return get_user(firm_id, user_id)
    except NotFound:
        raise NotFound("No such user.")


def require_staff_member(firm_id: str, user_id: str, loc: str) -> None:
    """A professional named in a request must be one of this firm's staff, not closed."""
    user = table.get(keys.user(firm_id, user_id))
    if user is None or user["role"] == CLIENT or user["status"] == DEACTIVATED:
        raise BusinessRule("The professional must be an active staff member of this firm.",
                           [{"loc": loc, "msg": "not a staff member of this firm"}])
