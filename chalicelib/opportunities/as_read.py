"""An opportunity as the API last answered it, sealed (core.sealed) and handed to staff
with each answer, so a later write that must know the stored opportunity (reopening a
dismissed one claims the pair it names and answers the opportunity as stored; converting
one with an older id names its client and service) takes it from the request instead of
reading it first. The write is pinned to the version sealed, so an opportunity changed
since is refused, never overwritten, and the refusal returns it as it now stands."""
from __future__ import annotations

from typing import Any

from chalicelib.core import sealed

# Every note is kept, so a long history could outgrow what a body may carry (256 KiB):
# such an opportunity is answered without its seal, and its writes read first.
SEALED_MAX = 200_000
SEALED = "body.sealed"


def sealed_field() -> Any:
    return sealed.sealed_field("the opportunity", SEALED_MAX)


def _scope(firm_id: str, opportunity_id: str) -> str:
    return f"opportunity:{firm_id}:{opportunity_id}"


def seal_opportunity(firm_id: str, opp: dict[str, Any]) -> str | None:
    value = sealed.seal_item(opp, _scope(firm_id, opp["id"]))
    return value if len(value) <= SEALED_MAX else None


def opportunity_as_read(firm_id: str, opportunity_id: str, value: str | None) -> dict[str, Any] | None:
    return sealed.opened_item(value, _scope(firm_id, opportunity_id), SEALED, "opportunity")
