"""Managing staff. Rules: only owners and admins manage staff; only an owner may make or
change an owner; the firm always keeps at least one active owner (a counter on the firm
item, changed in the same transaction as the role, makes that race-free)."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import ACTIVE, DEACTIVATED, UserView, user_view
from chalicelib.accounts.users import require_user
from chalicelib.aws import identity
from chalicelib.core.errors import Conflict, Forbidden, NotFound
from chalicelib.core.models import ListOf
from chalicelib.core.principal import CLIENT, OWNER, Principal
from chalicelib.firms.service import get_firm_item
from chalicelib.staff.models import StaffUpdate
from chalicelib.store import keys, table


def guard_owner_change(me: Principal, target_role: str | None, new_role: str | None) -> None:
    if OWNER in (target_role, new_role) and me.role != OWNER:
        raise Forbidden("Only an owner may grant, change or remove the owner role.")


def list_staff(me: Principal, limit: int, cursor: str | None) -> ListOf[UserView]:
    page = table.query(keys.staff_partition(me.firm_id), index="GSI1", limit=limit, cursor=cursor,
                       scope=f"staff:{me.firm_id}")
    return ListOf[UserView](items=[user_view(i) for i in page.items], next_cursor=page.next_cursor)


def staff_member(me: Principal, user_id: str) -> dict[str, Any]:
    user = require_user(me.firm_id, user_id)
    if user["role"] == CLIENT:
        raise NotFound("No such staff member.")
    return user


def update(me: Principal, user_id: str, body: StaffUpdate, if_match: int | None) -> UserView:
    user = staff_member(me, user_id)
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    new_role = changes.get("role", user["role"])
    guard_owner_change(me, user["role"], changes.get("role"))
    expected = user["v"] if if_match is None else if_match
    ops = [table.update_op(keys.user(me.firm_id, user_id), changes, expected)]
    counted = user["status"] != DEACTIVATED
    delta = counted * ((new_role == OWNER) - (user["role"] == OWNER))
    ops += owner_count_ops(me.firm_id, delta)
    table.transact(ops)
    return user_view({**user, **changes, "v": expected + 1})


def owner_count_ops(firm_id: str, delta: int) -> list[dict[str, Any]]:
    """Owners not deactivated are counted on the firm item; the versioned update makes
    two concurrent demotions of the last two owners collide instead of both passing."""
    if delta == 0:
        return []
    firm = get_firm_item(firm_id)
    count = firm.get("owner_count", 1)
    if count + delta < 1:
        raise Conflict("The firm must keep at least one owner; make someone else an owner first.")
    return [table.update_op(keys.firm(firm_id), {"owner_count": count + delta}, firm["v"])]


def deactivate(me: Principal, user_id: str) -> UserView:
    user = staff_member(me, user_id)
    guard_owner_change(me, user["role"], None)
    if user_id == me.user_id:
        raise Conflict("You cannot deactivate yourself; ask another owner or admin.")
    if user["status"] == DEACTIVATED:
        return user_view(user)
    ops = [table.update_op(keys.user(me.firm_id, user_id), {"status": DEACTIVATED}, user["v"])]
    ops += owner_count_ops(me.firm_id, -1 if user["role"] == OWNER else 0)
    table.transact(ops)
    identity.sign_out_everywhere(me.firm_id, user_id)
    return user_view({**user, "status": DEACTIVATED, "v": user["v"] + 1})


def reactivate(me: Principal, user_id: str) -> UserView:
    user = staff_member(me, user_id)
    guard_owner_change(me, user["role"], None)
    if user["status"] != DEACTIVATED:
        return user_view(user)
    ops = [table.update_op(keys.user(me.firm_id, user_id), {"status": ACTIVE}, user["v"])]
    ops += owner_count_ops(me.firm_id, 1 if user["role"] == OWNER else 0)
    table.transact(ops)
    return user_view({**user, "status": ACTIVE, "v": user["v"] + 1})
