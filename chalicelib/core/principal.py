"""Who is calling: built by the authorizer from Atrium's own records."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from chalicelib.core.errors import Forbidden, Unauthorized

OWNER, ADMIN, STAFF, CLIENT = "owner", "admin", "staff", "client"
FIRM_ROLES = (OWNER, ADMIN, STAFF)
MANAGERS = (OWNER, ADMIN)
ALL_ROLES = (OWNER, ADMIN, STAFF, CLIENT)


@dataclass(frozen=True)
class Principal:
    firm_id: str
    user_id: str
    role: str
    client_ids: tuple[str, ...] = field(default_factory=tuple)
    # A portal user's rooms (core.room_seats); staff see every room and have none.
    room_ids: tuple[str, ...] = field(default_factory=tuple)
    # What the firm's portal options say of portal users, read with the login itself.
    hidden_tools: tuple[str, ...] = field(default_factory=tuple)
    features_on: tuple[str, ...] = field(default_factory=tuple)  # the firm's portal features that are on
    lockout_days: int = 0
    # Signed in at a firm that requires two-step sign-in, before setting it up: only the
    # set-up routes answer until then.
    mfa_pending: bool = False
    # The login's own name: what a feed item, an upload or a trail record names the caller
    # by, with no read of the login.
    name: str = ""
    # The login's unread summary as `core.unread_summary.carried` keeps it: counts, marks
    # and `rev`, read with the login, so the lists that show them read nothing more.
    unread: dict[str, Any] = field(default_factory=dict, hash=False)
    # The firm's document rules as stored on its portal options item (largest file, types,
    # done uploading; empty: the defaults), so starting an upload reads no firm item.
    document_rules: dict[str, Any] = field(default_factory=dict, hash=False)
    # The firm's job statuses and rules as stored (`statuses`, `rules`, `v`), read with the
    # login: setting a room's status or editing the list reads nothing more.
    job_statuses: dict[str, Any] = field(default_factory=dict, hash=False)
    # The firm's default professional for new clients, as its portal item keeps a copy of
    # it ("" for none); None while the item has no copy yet, so the firm is read instead.
    default_professional: str | None = None
    # How many days the firm's invitation links stay valid, as its portal item keeps a copy
    # (firms/carried.py); None while the item has no copy yet, so the firm is read instead.
    invitation_days: int | None = None
    # For an owner only: the firm's counted owners as their views (accounts.models.view_copy),
    # by id: the portal item's copies, the caller's own from their login as read. Changing an
    # owner is a transaction pinned to the version copied, answered from the copy.
    owners: dict[str, Any] = field(default_factory=dict, hash=False)
    # Each seat's client, as its place in `client_ids` (in `room_ids` order): a write in a
    # room that checks the room's client's own item names it with no read of the room.
    room_clients: tuple[int, ...] = field(default_factory=tuple)
    # The firm's staff who may be named a professional, as the portal item copies the
    # roll; carried only when whole (`colleagues_whole`), as the upgrade backfill made it
    # for firms stored before the copy (staff/whole_roll.py).
    colleagues: tuple[str, ...] = field(default_factory=tuple)
    colleagues_whole: bool = False
    # For staff: the names of colleagues on the roll, as the portal item copies them (every
    # open colleague: sign-up, the stream, the upgrade backfill staff/name_copies.py), so
    # seating one in a room reads no login.
    colleague_names: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def is_staff(self) -> bool:
        return self.role in FIRM_ROLES

    def sits_in(self, room_id: str) -> bool:
        """Staff may see every room; a portal user, the rooms their login holds a seat in."""
        return self.is_staff or room_id in self.room_ids

    def client_of(self, room_id: str) -> str | None:
        """The client of a room the portal user sits in, as their seat names it."""
        if room_id not in self.room_ids or len(self.room_clients) != len(self.room_ids):
            return None
        return self.client_ids[self.room_clients[self.room_ids.index(room_id)]]

    def to_context(self) -> dict[str, str]:
        # API Gateway passes authorizer context values as strings only.
        return {"firm_id": self.firm_id, "user_id": self.user_id, "role": self.role,
                "client_ids": json.dumps(list(self.client_ids)), "room_ids": json.dumps(list(self.room_ids)),
                "portal": json.dumps({"hide": list(self.hidden_tools), "lock": self.lockout_days,
                                      "on": list(self.features_on)}),
                "mfa_pending": "1" if self.mfa_pending else "", "name": self.name,
                "unread": json.dumps(self.unread),
                "docs": json.dumps(self.document_rules),
                "job_statuses": json.dumps(self.job_statuses),
                "default_professional": json.dumps(self.default_professional),
                "invitation_days": json.dumps(self.invitation_days),
                "owners": json.dumps(self.owners),
                "room_clients": json.dumps(list(self.room_clients)),
                "colleagues": json.dumps(list(self.colleagues) if self.colleagues_whole else None),
                "colleague_names": json.dumps(self.colleague_names)}

    @classmethod
    def from_context(cls, ctx: dict | None) -> "Principal":
        if not ctx or "firm_id" not in ctx:
            raise Unauthorized("Authentication is required.")
        portal = json.loads(ctx.get("portal") or "{}")
        colleagues = json.loads(ctx.get("colleagues") or "null")
        return cls(firm_id=ctx["firm_id"], user_id=ctx["user_id"], role=ctx["role"],
                   client_ids=tuple(json.loads(ctx.get("client_ids") or "[]")),
                   room_ids=tuple(json.loads(ctx.get("room_ids") or "[]")),
                   hidden_tools=tuple(portal.get("hide", ())), lockout_days=int(portal.get("lock", 0)),
                   features_on=tuple(portal.get("on", ())),
                   mfa_pending=bool(ctx.get("mfa_pending")), name=ctx.get("name") or "",
                   unread=json.loads(ctx.get("unread") or "{}"),
                   document_rules=json.loads(ctx.get("docs") or "{}"),
                   job_statuses=json.loads(ctx.get("job_statuses") or "{}"),
                   default_professional=json.loads(ctx.get("default_professional") or "null"),
                   invitation_days=json.loads(ctx.get("invitation_days") or "null"),
                   owners=json.loads(ctx.get("owners") or "{}"),
                   room_clients=tuple(json.loads(ctx.get("room_clients") or "[]")),
                   colleagues=tuple(colleagues or ()), colleagues_whole=colleagues is not None,
                   colleague_names=json.loads(ctx.get("colleague_names") or "{}"))


def require_role(principal: Principal, roles: tuple[str, ...]) -> None:
    if principal.role not in roles:
        raise Forbidden(f"The {principal.role} role may not do this.")
