"""What a client's change moves besides the client, followed from the table stream
(chalicelib.store.projection): its search words, each carrying the client's summary so a
search page needs no second read, and the adoption counters of its professional."""
from __future__ import annotations

from typing import Any

from chalicelib.clients import search
from chalicelib.clients.adoption import Tally
from chalicelib.clients.records import SUMMARY
from chalicelib.store import Work, keys


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
    if new is None:
        return
    _write_words(work, old, new)
    tally = Tally()
    tally.move(old, new)
    tally.count(work)
