"""What a colleague's change moves besides their login, followed from the table stream:
on the firm item, its roll of professionals and its count of owners, which an owner who
comes (promoted, reopened) joins here (one who leaves is taken off in its own write, the
last-owner guard, so the count is never above the truth); on the portal item, a copy of
each counted owner's view, which an owner's principal carries, and the name of each
colleague on the roll, which a staff principal carries (a room seats them by it)."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import view_copy
from chalicelib.accounts.users import NAME_COPY, OWNER_COPY
from chalicelib.staff.professionals import may_be_professional, roll_moves
from chalicelib.staff.service import counts_as_owner
from chalicelib.store import Work, keys


def follow_colleague(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    joined, left = roll_moves(old, new)
    came = old is not None and not counts_as_owner(old) and counts_as_owner(new)
    if joined or left or came:
        work.count(keys.firm(), {**joined, **({"owner_count": 1} if came else {})}, discard=left or None)
    _copy_owner(old, new, work, joined, left)


def _owner_copy(item: dict[str, Any] | None) -> dict[str, Any] | None:
    return view_copy(item) if counts_as_owner(item) else None


def name_copy(item: dict[str, Any] | None) -> str | None:
    """What the portal item keeps of a colleague on the roll: their name (None: not on it)."""
    return item.get("name", "") if may_be_professional(item) else None


def _moved(old: dict[str, Any] | None, new: dict[str, Any] | None, prefix: str, copy) -> dict[str, Any]:
    """The portal item's attribute for this colleague, when its copy moved (None removes it)."""
    now = copy(new)
    return {f"{prefix}{(new or old or {})['id']}": now} if now != copy(old) else {}


def _copy_owner(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work,
                joined: dict[str, Any], left: dict[str, Any]) -> None:
    """The portal item moves with the firm item's roll (its copy, which the principal
    carries) in the same write as the owner's view and the colleague's name, as one unit
    may touch an item once."""
    moved = {**_moved(old, new, OWNER_COPY, _owner_copy), **_moved(old, new, NAME_COPY, name_copy)}
    if moved or joined or left:
        work.count(keys.portal_options(), joined, set={"type": "portal_options", **moved}, discard=left or None)
