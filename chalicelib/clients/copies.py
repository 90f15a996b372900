"""What a client's change moves besides the client, followed from the table stream
(chalicelib.store.projection): its search words, each carrying the client's summary so a
search page needs no second read, the adoption counters of its professional, and the
professional's name on the client, which its portal users see (they cannot list the
staff), which of its contact links is the primary one, the portal status its contacts'
counts say (portal_counts.py), and on its portal item its status and how many rooms it
has (the event date's answer). A colleague's new name reaches each
of their clients the same way."""
from __future__ import annotations

from typing import Any

from chalicelib.clients import search
from chalicelib.clients.adoption import Tally
from chalicelib.clients.links import follow_primary
from chalicelib.clients.portal_counts import follow_portal_counts
from chalicelib.clients.records import PORTAL_ROOMS, PORTAL_STATUS, SUMMARY
from chalicelib.core.principal import CLIENT
from chalicelib.reports import activity
from chalicelib.staff import copies as staff, invitations
from chalicelib.store import Attr, FirmStore, Work, exists, keys
from chalicelib.store.projection import copy_onto_each


def _words(client: dict[str, Any] | None) -> list[str]:
    return search.words(client["display_name"], client.get("legal_name")) if client else []


def _word_item(client: dict[str, Any], word: str, all_words: list[str]) -> dict[str, Any]:
    summary = {k: client[k] for k in SUMMARY if client.get(k) is not None}
    return {**keys.client_word(client["id"], word), "type": "client_word", **summary, "words": all_words}


def _write_words(work: Work, old: dict[str, Any] | None, new: dict[str, Any]) -> None:
    old_words, new_words = _words(old), _words(new)
    if old is not None and old_words == new_words and all(old.get(k) == new.get(k) for k in SUMMARY):
        return
    for word in old_words:
        if word not in new_words:
            work.delete(keys.client_word(new["id"], word))
    for word in new_words:
        work.put(_word_item(new, word, new_words))


def follow_client(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    activity.follow_client(old, new, work)
    if new is None:
        return
    _write_words(work, old, new)
    tally = Tally()
    tally.move(old, new)
    tally.count(work)
    if new.get("professional_id") != (old or {}).get("professional_id"):
        _name_professional(work, new)
    follow_primary(old, new, work)
    follow_portal_counts(new, work)
    if old is not None and old["status"] != new["status"]:
        work.count(keys.client_portal(new["id"]), {}, set={PORTAL_STATUS: new["status"]}, when=exists())


def count_room(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """A new room of the client: one more on its portal item (a room is archived, never deleted)."""
    if old is None and new is not None:
        work.count(keys.client_portal(new["client_id"]), {PORTAL_ROOMS: 1}, when=exists())


def _name_professional(work: Work, client: dict[str, Any]) -> None:
    """The client keeps its professional's name, while that is still its professional."""
    pro = client.get("professional_id")
    user = FirmStore.trusted(work.firm_id).get(keys.user(pro)) if pro else None
    work.count(keys.client(client["id"]), {}, set={"professional_name": user["name"] if user else None},
               when=Attr("professional_id").eq(pro) if pro else Attr("professional_id").not_exists())


def follow_professional(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """A colleague renamed: each of their clients gets the new name, one UpdateItem each
    (setting a name twice is harmless, so these need no marker; a client whose professional
    changed meanwhile is left to its own change)."""
    invitations.follow_invitation_mail(old, new, work)
    activity.follow_portal_login(old, new, work)
    staff.follow_colleague(old, new, work)
    if old is None or new is None or new.get("role") == CLIENT or old.get("name") == new.get("name"):
        return
    db = FirmStore.trusted(work.firm_id)
    theirs = Attr("professional_id").eq(new["id"])
    copy_onto_each(db, (keys.client(c["id"]) for c in db.query_all(keys.CLIENTS, index="GSI1", where=theirs)),
                   {"professional_name": new["name"]}, theirs)
