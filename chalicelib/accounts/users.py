"""User records (one per login per firm) and the authorizer's principal lookup."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.accounts.models import ACTIVE, DEACTIVATED, view_copy
from chalicelib.aws.identity import split_username
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.principal import CLIENT, OWNER, Principal
from chalicelib.core.portal_item import DEFAULT_PROFESSIONAL, INVITATION_DAYS, document_rules, firm_options, hidden_tools
from chalicelib.core.room_seats import seat_clients, seated_rooms
from chalicelib.core.unread_summary import carried
from chalicelib.store import Attr, FirmStore, Work, keys
from chalicelib.store.conditions import ConditionBase


def user_item(firm_id: str, user_id: str, *, name: str, email: str, role: str, status: str,
              client_ids: tuple[str, ...] = (), contact_id: str | None = None) -> dict[str, Any]:
    """A login. A portal user's names the contact it belongs to, whose record shows its
    last sign-in."""
    item = {**keys.user(user_id), "type": "user", "id": user_id, "firm_id": firm_id,
            "name": name, "email": email.lower(), "role": role, "status": status,
            "created_at": clock.now_iso()}
    if role == CLIENT:
        item["client_ids"] = list(client_ids)
        if contact_id:
            item["contact_id"] = contact_id
    else:
        item.update(keys.staff_index(user_id))
    return item


def sign_in_changes(user: dict[str, Any]) -> dict[str, Any]:
    """What a successful sign-in records. Portal users also move in an index ordered by
    last sign-in, which the portal adoption report reads for recent activity."""
    at = clock.now_iso()
    changes: dict[str, Any] = {"last_login_at": at}
    if user["role"] == CLIENT:
        changes.update(keys.portal_seen(user["id"], at))
    return changes


# What other domains do when someone signs in (firm announcements join a portal user's
# notifications). They build on accounts, so app.py hands them over instead of accounts
# importing them, as it hands core the authorizer.
SignInHook = Callable[[FirmStore, dict[str, Any], Work], Any]
_ON_SIGN_IN: list[SignInHook] = []


def use_on_sign_in(hook: SignInHook) -> None:
    if hook not in _ON_SIGN_IN:
        _ON_SIGN_IN.append(hook)


def signed_in(db: FirmStore, user: dict[str, Any], work: Work) -> None:
    """Adds the other domains' sign-in writes to the sign-in's own unit of work."""
    for hook in _ON_SIGN_IN:
        hook(db, user, work)


def email_claim(email: str, user_id: str) -> dict[str, Any]:
    return {**keys.login_email(email), "type": "email_claim", "user_id": user_id}


def find_user_by_email(db: FirmStore, email: str) -> dict[str, Any] | None:
    claim = db.get(keys.login_email(email))
    return db.get(keys.user(claim["user_id"])) if claim else None


# On the firm item and, copied, on the portal item: the roll of who may be named a
# professional (staff.professionals) and whether it is whole.
ROLL, WHOLE = "professionals", "professionals_whole"
# On the portal item: `colleague_<user>`, the name of each colleague on the roll, followed
# from the stream (staff/copies.py), so a staff seat in a room reads no login.
NAME_COPY = "colleague_"


def colleagues_known(portal: dict[str, Any], login: dict[str, Any]) -> dict[str, Any]:
    """What a staff member's principal carries of the portal item's copy of the roll."""
    if login["role"] == CLIENT or not portal.get(WHOLE):
        return {}
    return {"colleagues": tuple(sorted(portal.get(ROLL, ()))), "colleagues_whole": True}


def colleague_names(portal: dict[str, Any], login: dict[str, Any]) -> dict[str, str]:
    """What a staff member's principal carries of the portal item's name copies: every open
    colleague once the stream has followed (staff/name_copies.py named those of older firms)."""
    if login["role"] == CLIENT:
        return {}
    return {a[len(NAME_COPY):]: name for a, name in portal.items() if a.startswith(NAME_COPY)}


def load_principal(cognito_username: str) -> Principal | None:
    """The authorizer's one read: the firm id comes from the verified token."""
    parts = split_username(cognito_username)
    if parts is None:
        return None
    firm_id, user_id = parts
    # One BatchGetItem: the login, the firm's portal options (tools, lock-out, document
    # rules), its job statuses and the login's unread summary. Read consistently: writes
    # check their versions against what the principal carries (the job statuses, the
    # summary's `rev`), and a seat given a moment ago must already count.
    wanted = [keys.user(user_id), keys.portal_options(), keys.job_statuses(), keys.unread(user_id)]
    items = {i["SK"]: i for i in FirmStore.trusted(firm_id).get_many(wanted, consistent=True)}
    found, portal = items.get("USER"), items.get("PORTAL") or {}
    if found is None or found.get("status") != ACTIVE:
        return None
    client_ids = tuple(found.get("client_ids", ()))
    return Principal(firm_id=found["firm_id"], user_id=found["id"], role=found["role"],
                     client_ids=client_ids, room_ids=seated_rooms(found, client_ids),
                     hidden_tools=hidden_tools(portal), lockout_days=int(portal.get("lockout_days", 0)),
                     features_on=tuple(name for name, on in firm_options(portal).items() if on),
                     mfa_pending=bool(found.get("mfa_pending")), name=found.get("name", ""),
                     unread=carried(items.get("UNREAD")),
                     document_rules=document_rules(portal),
                     job_statuses=_as_carried(items.get("JOBSTATUSES")),
                     default_professional=portal.get(DEFAULT_PROFESSIONAL),
                     invitation_days=_days(portal.get(INVITATION_DAYS)),
                     owners=owners_known(portal, found),
                     room_clients=seat_clients(found, client_ids),
                     colleague_names=colleague_names(portal, found),
                     **colleagues_known(portal, found))


# On the portal item: `owner_<user>`, a counted owner's view, followed from the stream
# (staff/copies.py).
OWNER_COPY = "owner_"


def owners_known(portal: dict[str, Any], login: dict[str, Any]) -> dict[str, Any]:
    """What an owner's principal carries of the firm's owners; nobody else may change one."""
    if login["role"] != OWNER:
        return {}
    copies = {k.removeprefix(OWNER_COPY): v for k, v in portal.items() if k.startswith(OWNER_COPY)}
    return {**copies, login["id"]: view_copy(login)}


def _days(copy: Any) -> int | None:
    return None if copy is None else int(copy)


def _as_carried(statuses: dict[str, Any] | None) -> dict[str, Any]:
    """The job statuses item without its keys: what the principal carries of it."""
    return {k: v for k, v in (statuses or {}).items() if k in ("statuses", "rules", "v")}


def require_user(db: FirmStore, user_id: str) -> dict[str, Any]:
    found = db.get(keys.user(user_id))
    if found is None:
        raise NotFound("No such user.")
    return found


def is_staff_member() -> ConditionBase:
    """A professional named in a request: one of this firm's staff, not closed."""
    return Attr("PK").exists() & Attr("role").ne(CLIENT) & Attr("status").ne(DEACTIVATED)


def check_staff_member(work: Work, user_id: str, loc: str) -> None:
    """A ConditionCheck in the caller's unit of work: no read before the write."""
    work.check(keys.user(user_id), is_staff_member(), refused=lambda _: not_staff(loc))


def not_staff(loc: str) -> BusinessRule:
    return BusinessRule("The professional must be an active staff member of this firm.",
                        [{"loc": loc, "msg": "not a staff member of this firm"}])


def require_staff_member(db: FirmStore, user_id: str, loc: str) -> None:
    """The same rule checked by reading, for a caller that must know before it writes."""
    user = db.get(keys.user(user_id))
    if user is None or user["role"] == CLIENT or user["status"] == DEACTIVATED:
        raise not_staff(loc)
