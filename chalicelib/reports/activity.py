"""Which clients' portal users signed in lately, kept beside the adoption counters (one
item per client on the ADOPTION partition) so the report reads one partition in one
Query. Both halves follow from the table stream: a portal user's sign-in stamps
`seen_<user>` on the item of each of their clients (removed when they leave the client
or lose their login), and a client's change stamps its professional and whether it is
active. The two never write the same attribute, so neither can undo the other."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import ACTIVE
from chalicelib.core.principal import CLIENT
from chalicelib.store import Attr, Work, keys

TYPE = "adoption_activity"
SEEN = "seen_"


def _seen(user: dict[str, Any] | None) -> dict[str, str]:
    """Each client of an active portal login, with the login's last sign-in."""
    if not user or user.get("status") != ACTIVE or not user.get("last_login_at"):
        return {}
    return dict.fromkeys(user.get("client_ids", []), user["last_login_at"])


def _stamp(work: Work, client_id: str, values: dict[str, Any], when: Any = None) -> None:
    work.upsert(keys.adoption_activity(client_id), set={"type": TYPE, "client_id": client_id, **values}, when=when)


def follow_portal_login(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    login = new or old or {}
    if login.get("role") != CLIENT:
        return
    before, after = _seen(old), _seen(new)
    for client_id in sorted(before.keys() | after.keys()):
        if before.get(client_id) != after.get(client_id):
            _stamp(work, client_id, {f"{SEEN}{login['id']}": after.get(client_id)})


def follow_client(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """The client's professional and status; an older change arriving late is dropped."""
    if new is None or (old and all(old.get(k) == new.get(k) for k in ("professional_id", "status"))):
        return
    _stamp(work, new["id"], {"professional_id": new.get("professional_id"), "active": new["status"] == "active",
                             "client_v": new["v"]},
           when=Attr("client_v").not_exists() | Attr("client_v").lt(new["v"]))


def active_since(item: dict[str, Any], since: str) -> bool:
    """A client counts as active while it is, if one of its portal users signed in since."""
    return item.get("type") == TYPE and bool(item.get("active")) and \
        any(v >= since for k, v in item.items() if k.startswith(SEEN))
