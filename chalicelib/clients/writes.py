"""Every write of a client goes through here, so its search words, list-index keys and
the adoption counters move in the same transaction as the client itself."""
from __future__ import annotations

from typing import Any

from chalicelib.clients import search
from chalicelib.core import clock
from chalicelib.reports.counters import Tally
from chalicelib.store import old_keys as keys, table

SUMMARY = ("id", "kind", "display_name", "legal_name", "status", "professional_id", "tags",
           "portal_status", "primary_contact_id", "created_at")
_STORAGE = {"PK", "SK", "v", "type"}


def portal_status(pending: int, accepted: int) -> str:
    return "active" if accepted > 0 else "invited" if pending > 0 else "none"


def with_portal(client: dict[str, Any], pending: int, accepted: int) -> dict[str, Any]:
    """The client after its contacts' invitations moved by the given deltas."""
    p, a = client.get("portal_pending", 0) + pending, client.get("portal_accepted", 0) + accepted
    return {**client, "portal_pending": p, "portal_accepted": a, "portal_status": portal_status(p, a)}


def _indexed(firm_id: str, client: dict[str, Any]) -> dict[str, Any]:
    return {**client, **keys.client(firm_id, client["id"]), "type": "client",
            **keys.client_index(firm_id, client["id"], search.sort_name(client["display_name"]))}


def _words(client: dict[str, Any] | None) -> list[str]:
    return search.words(client["display_name"], client.get("legal_name")) if client else []


def _word_item(firm_id: str, client: dict[str, Any], word: str, all_words: list[str]) -> dict[str, Any]:
    summary = {k: client[k] for k in SUMMARY if client.get(k) is not None}
    return {**keys.client_word(firm_id, client["id"], word), "type": "client_word", **summary, "words": all_words}


def _word_ops(firm_id: str, old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, Any]]:
    old_words, new_words = _words(old), _words(new)
    same = old is not None and old_words == new_words and all(old.get(k) == new.get(k) for k in SUMMARY)
    if same:
        return []
    gone = [table.delete_op(keys.client_word(firm_id, new["id"], w)) for w in old_words if w not in new_words]
    return gone + [table.replace_op(_word_item(firm_id, new, w, new_words)) for w in new_words]


class Changes:
    """One transaction in the making: client writes, other items, and counter deltas."""

    def __init__(self, firm_id: str) -> None:
        self.firm_id = firm_id
        self.ops: list[dict[str, Any]] = []
        self.tally = Tally()

    def add(self, *ops: dict[str, Any]) -> None:
        self.ops.extend(ops)

    def client(self, old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
        """Writes `new` over `old` (None: a create). Returns the client as it will be stored."""
        stamped = _indexed(self.firm_id, {**new, "updated_at": clock.now_iso()} if old else new)
        if old is None:
            self.ops.append(table.put_op(stamped))
        else:
            changed = {k: stamped.get(k) for k in set(stamped) | set(old)
                       if k not in _STORAGE and stamped.get(k) != old.get(k)}
            self.ops.append(table.update_op(keys.client(self.firm_id, new["id"]), changed, old["v"]))
        self.ops.extend(_word_ops(self.firm_id, old, stamped))
        self.tally.move(old, stamped)
        return {**stamped, "v": old["v"] + 1 if old else 1}

    def commit(self, conflict: str = "It already exists or was changed meanwhile.") -> None:
        table.transact(self.ops + self.tally.ops(self.firm_id), conflict=conflict)
