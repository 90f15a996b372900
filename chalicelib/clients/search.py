"""Search-as-you-type over client names. A name is folded (case and accents dropped)
and split into words; each word becomes one small item whose index key starts with the
word, so a prefix query finds it."""
from __future__ import annotations

import re
import unicodedata

MIN_PREFIX = 2
MAX_WORDS = 10
_SPLIT = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.casefold()


def words(*names: str | None) -> list[str]:
    """Distinct searchable words in reading order; one-letter words (initials) are
    skipped because a query needs two letters to pick its bucket."""
    seen: dict[str, None] = {}
    for name in names:
        for word in _SPLIT.split(fold(name or "")):
            if len(word) >= MIN_PREFIX:
                seen.setdefault(word, None)
    return list(seen)[:MAX_WORDS]


def sort_name(name: str) -> str:
    """The key clients are listed by: folded, so 'Émile' sorts with 'emile'."""
    return " ".join(_SPLIT.split(fold(name))).strip()[:100]


def matches(query_words: list[str], name_words: list[str]) -> bool:
    """Every word typed is the start of some word of the name."""
    return all(any(w.startswith(q) for w in name_words) for q in query_words)
