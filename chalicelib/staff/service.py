"""Managing staff. Rules: only owners and admins manage staff; only an owner may make or
change an owner; the firm always keeps at least one active owner (a counter on the firm
item, taken down by a conditional ADD in the same transaction as the role, makes that
race-free without touching the firm's version; an owner who comes is counted from the
stream, staff/copies.py, so the count is never above the truth).

Writes assume the common case (the colleague is an active non-owner) and let the
condition prove it; when it was wrong the refusal carries the item as it stood, and the
second attempt is exact, pinned to the version the refusal showed, so its answer needs
no read either. An owner's principal carries the firm's owners (`Principal.owners`), so
a change of an owner is pinned to the copy from the first write: one write, answered
from the copy, unless the copy was behind (then two).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from chalicelib.accounts.models import ACTIVE, DEACTIVATED, UserView, user_view
from chalicelib.accounts.users import OWNER_COPY
from chalicelib.aws import identity
from chalicelib.core.errors import Conflict, Forbidden, NotFound, PreconditionFailed
from chalicelib.core.models import ListOf
from chalicelib.core.principal import CLIENT, OWNER, Principal
from chalicelib.staff.models import StaffUpdate
from chalicelib.staff.professionals import may_be_professional
from chalicelib.store import Attr, FirmStore, Work, at_version, keys
from chalicelib.store.conditions import ConditionBase

LAST_OWNER = "The firm must keep at least one owner; make someone else an owner first."


def guard_owner_change(me: Principal, target_role: str | None, new_role: str | None) -> None:
    if OWNER in (target_role, new_role) and me.role != OWNER:
        raise Forbidden("Only an owner may grant, change or remove the owner role.")


def list_staff(me: Principal, limit: int, cursor: str | None) -> ListOf[UserView]:
    page = FirmStore.of(me).query(keys.STAFF, index="GSI1", limit=limit, cursor=cursor)
    return ListOf[UserView](items=[user_view(i) for i in page.items], next_cursor=page.next_cursor)


def open_colleagues(db: FirmStore) -> list[dict[str, Any]]:
    """Every colleague whose login is not closed (the roll): all of them, for one-off jobs."""
    return [u for u in db.query_all(keys.STAFF, index="GSI1", limit=100) if may_be_professional(u)]


def counts_as_owner(item: dict[str, Any] | None) -> bool:
    """An owner whose login is not closed: what the firm's owner count counts."""
    return item is not None and bool(_Standing.of(item).counted())


def count_owners(work: Work, delta: int) -> None:
    """Moves the firm's count of active owners; a decrease may not leave it below one."""
    if delta:
        work.count(keys.firm(), {"owner_count": delta}, when=Attr("owner_count").gt(-delta) if delta < 0 else None,
                   refused=lambda _: Conflict(LAST_OWNER))


def _owner_leaves(work: Work, user_id: str) -> None:
    """The guard, and the owners' copy loses them at once: a principal built a moment later
    must not pin a write to an owner who is gone (the stream would drop it a moment later)."""
    count_owners(work, -1)
    work.count(keys.portal_options(), {}, set={"type": "portal_options", f"{OWNER_COPY}{user_id}": None})


@dataclass(frozen=True)
class _Standing:
    """What a write assumes about the colleague before it: owner or not, counted or not."""
    owner: bool
    active: bool

    @classmethod
    def of(cls, item: dict[str, Any]) -> "_Standing":
        return cls(item["role"] == OWNER, item["status"] != DEACTIVATED)

    def after(self, changes: dict[str, Any]) -> "_Standing":
        return _Standing(changes["role"] == OWNER if "role" in changes else self.owner,
                         changes["status"] != DEACTIVATED if "status" in changes else self.active)

    def counted(self) -> int:
        return int(self.owner and self.active)

    def condition(self) -> ConditionBase:
        role = Attr("role").eq(OWNER) if self.owner else Attr("role").ne(OWNER)
        status = Attr("status").ne(DEACTIVATED) if self.active else Attr("status").eq(DEACTIVATED)
        return Attr("role").ne(CLIENT) & role & status


class _Misjudged(Exception):
    def __init__(self, old: dict[str, Any]) -> None:
        super().__init__("the colleague's standing was not as assumed")
        self.old = old


class _Unchanged(Exception):
    def __init__(self, old: dict[str, Any]) -> None:
        super().__init__("nothing to change")
        self.old = old


Settled = Callable[[dict[str, Any]], bool]


def _same(changes: dict[str, Any]) -> Settled:
    return lambda old: all(old.get(k) == v for k, v in changes.items())


def _explain(me: Principal, if_match: int | None, settled: Settled):
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or old["role"] == CLIENT:
            return NotFound("No such staff member.")
        if old["role"] == OWNER and me.role != OWNER:
            return Forbidden("Only an owner may grant, change or remove the owner role.")
        if if_match is not None and old["v"] != if_match:
            return PreconditionFailed("The item was changed by someone else; reload it and try again.")
        if settled(old):
            return _Unchanged(old)
        return _Misjudged(old)
    return refused


def _first_guess(me: Principal, user_id: str, default: _Standing) -> _Standing:
    """The caller knows their own standing (signed in, so active); anyone else is
    assumed to be the common case until a refusal says otherwise."""
    return _Standing(owner=me.role == OWNER, active=True) if user_id == me.user_id else default


def _write(me: Principal, user_id: str, changes: dict[str, Any], if_match: int | None,
           guess: _Standing = _Standing(owner=False, active=True),
           settled: Settled | None = None) -> tuple[dict[str, Any], bool]:
    """The colleague after `changes`, and whether anything was written; `settled` says
    when the colleague as found needs no change at all."""
    settled = settled or _same(changes)
    db = FirmStore.of(me)
    found = _known(me, user_id, if_match)
    guess = _Standing.of(found) if found else _first_guess(me, user_id, guess)
    for _ in range(3):
        work = db.work()
        version = found["v"] if found else if_match
        when = guess.condition() if version is None else guess.condition() & at_version(version)
        work.update(keys.user(user_id), set=changes, when=when, refused=_explain(me, if_match, settled))
        # Only an owner who leaves moves the count here: the guard (one who comes is counted
        # from the stream, so the write stays one UpdateItem that answers with the colleague).
        if guess.after(changes).counted() < guess.counted():
            _owner_leaves(work, user_id)
        try:
            stored = work.commit()
        except _Misjudged as wrong:
            guess, found = _Standing.of(wrong.old), wrong.old
            continue
        except _Unchanged as same:
            return same.old, False
        return stored or _after(db, user_id, found, changes), True
    raise Conflict("The colleague was changed meanwhile; reload and try again.")


def _known(me: Principal, user_id: str, if_match: int | None) -> dict[str, Any] | None:
    """The colleague as the caller's principal has them, if an owner, at the version asked."""
    copy = me.owners.get(user_id)
    return copy if copy is not None and if_match in (None, copy["v"]) else None


def _after(db: FirmStore, user_id: str, found: dict[str, Any] | None, changes: dict[str, Any]) -> dict[str, Any]:
    """An owner's departure is a transaction, which returns no item. It was pinned to the
    version of the copy the principal carries or of the refused guess, so that item plus
    the changes is what is stored; a first guess that held is read back (a principal
    built before it carried owners)."""
    if found is not None:
        return {**found, **changes, "v": found["v"] + 1}
    return db.get(keys.user(user_id), consistent=True)


def update(me: Principal, user_id: str, body: StaffUpdate, if_match: int | None) -> UserView:
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    guard_owner_change(me, None, changes.get("role"))
    return user_view(_write(me, user_id, changes, if_match)[0])


def deactivate(me: Principal, user_id: str) -> UserView:
    if user_id == me.user_id:
        raise Conflict("You cannot deactivate yourself; ask another owner or admin.")
    user, changed = _write(me, user_id, {"status": DEACTIVATED}, None)
    if changed:
        identity.sign_out_everywhere(me.firm_id, user_id)
    return user_view(user)


def reactivate(me: Principal, user_id: str) -> UserView:
    user, _ = _write(me, user_id, {"status": ACTIVE}, None, _Standing(owner=False, active=False),
                     settled=lambda old: old["status"] != DEACTIVATED)
    return user_view(user)

