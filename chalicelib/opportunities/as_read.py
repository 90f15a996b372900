"""An opportunity as the API last answered it, sealed (core.sealed) and handed to staff
with each answer, so a later write that must know the stored opportunity (reopening a
dismissed one claims the pair it names and answers the opportunity as stored; converting
one with an older id names its client and service) takes it from the request instead of
reading it first. The write is pinned to the version sealed, so an opportunity changed
since is refused, never overwritten, and the refusal returns it as it now stands."""
from __future__ import annotations

from typing import Any

from pydantic import Field

from chalicelib.core import sealed
from chalicelib.core.errors import BusinessRule
from chalicelib.core.sealed import Outdated
from chalicelib.store.work import Refusal

# Every note is kept, so a long history could outgrow what a body may carry (256 KiB):
# such an opportunity is answered without its seal, and its writes read first.
SEALED_MAX = 200_000
SEALED = "body.sealed"


def sealed_field() -> Any:
    return Field(None, max_length=SEALED_MAX, pattern=sealed.PATTERN,
                 description="The `sealed` value of the opportunity as the API last answered it: with it, "
                             "the change reads nothing first.")


def _scope(firm_id: str, opportunity_id: str) -> str:
    return f"opportunity:{firm_id}:{opportunity_id}"


def seal_opportunity(firm_id: str, opp: dict[str, Any]) -> str | None:
    value = sealed.seal_item(opp, _scope(firm_id, opp["id"]))
    return value if len(value) <= SEALED_MAX else None


def opportunity_as_read(firm_id: str, opportunity_id: str, value: str | None) -> dict[str, Any] | None:
    """The opportunity the sealed value holds; None without one. A value this API did not
    seal for this opportunity of this firm is the caller's error (422)."""
    if value is None:
        return None
    opened = sealed.unseal_item(value, _scope(firm_id, opportunity_id))
    if opened is None:
        raise BusinessRule("That is not this opportunity as the API answered it.",
                           [{"loc": SEALED, "msg": "not sealed for this opportunity"}])
    return opened


def outdated_or(gone: Refusal) -> Refusal:
    """The refusal of a write pinned to a sealed version: the opportunity moved on
    (Outdated), or is gone (`gone`)."""
    return lambda old: gone(None) if old is None else Outdated(old)
