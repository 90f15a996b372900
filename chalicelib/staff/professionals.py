"""Who may be named a professional (a client's, the firm's default): the firm's staff
whose login is not closed. The firm item keeps their ids as a set, its roll, so a write
to the firm item checks a colleague with a condition on itself (`on_the_roll`) instead
of a ConditionCheck on the colleague, which would make it a transaction (and a
transaction answers with no item).

Sign-up writes the roll with the first owner, marked whole; every later change of a
colleague reaches it from the table stream (`roll_moves`, staff/copies.py), so a
colleague invited or reactivated a moment ago is on it, and one closed a moment ago off
it, once the stream has followed. A firm stored before it kept a roll gathered one from
the stream that is not whole (`roll_is_whole`) until the upgrade backfill made it whole
(`whole_roll.py`); a colleague a roll lacks is refused, never let through."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import DEACTIVATED
from chalicelib.accounts.users import ROLL, WHOLE
from chalicelib.core.principal import CLIENT
from chalicelib.store import Attr
from chalicelib.store.conditions import ConditionBase


def may_be_professional(user: dict[str, Any] | None) -> bool:
    return user is not None and user.get("role") != CLIENT and user.get("status") != DEACTIVATED


def roll_at_signup(owner_id: str) -> dict[str, Any]:
    """The roll at sign-up, its first owner, on the firm item and as the portal item's copy
    (which the principal carries, `Principal.colleagues`): marked whole only here, so a
    firm stored before it keeps a partial roll that is not trusted."""
    return {ROLL: {owner_id}, WHOLE: True}


def roll_is_whole(firm: dict[str, Any]) -> bool:
    return bool(firm.get(WHOLE))


def on_the_roll(user_id: str) -> ConditionBase:
    """A condition for a write to the firm item (keys.firm()): `user_id` may be named a
    professional; refused, they may not (422)."""
    return Attr(ROLL).contains(user_id)


def roll_moves(old: dict[str, Any] | None, new: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """Who joins the roll and who leaves it as a login changes: a colleague joins when
    their login opens and leaves when it closes. Joining or leaving twice changes
    nothing, and records of one login arrive in order."""
    was, now = may_be_professional(old), may_be_professional(new)
    if was == now:
        return {}, {}
    member = {ROLL: {(new or old or {})["id"]}}
    return (member, {}) if now else ({}, member)
