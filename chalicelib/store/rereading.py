"""For one-off jobs that read an item, then write on condition it is still as read: when
something moved it meanwhile, read and write again, a few times, rather than overwrite."""
from __future__ import annotations

from typing import Callable, TypeVar

from chalicelib.store.work import Refused

T = TypeVar("T")
ATTEMPTS = 5


def until_unmoved(attempt: Callable[[], T], what: str) -> T:
    """`attempt` (a read, then a write conditioned on it) until its write is not refused."""
    for _ in range(ATTEMPTS):
        try:
            return attempt()
        except Refused:
            continue
    raise RuntimeError(f"{what} kept moving meanwhile; run it again")
