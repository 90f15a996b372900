"""Opportunity items and the copies that keep the board cheap.

- the opportunity (`OPP#<id>`): the source of truth, listed per service on GSI1;
- the (client, service) pair item: while the opportunity is open or contacted it holds a
  copy of its summary, listed per service on GSI1 `OPPLIVE#<service>`, beside the pair's
  active-room count that rooms keep; a conditional write on it is the uniqueness claim
  (one live opportunity per client and service);
- the per-service counter of open opportunities, which the board reads.

The claim rides in the transaction that makes an opportunity live, since it is what
refuses a second one. Everything else the status moves (the count, the live copy, the
release of the pair) follows from the table stream (`copies.py`), so a status change
that needs no claim is one UpdateItem.
"""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import Conflict
from chalicelib.opportunities.ids import opportunity_id
from chalicelib.store import Attr, Work, keys

OPEN, CONTACTED, CONVERTED, DISMISSED = "open", "contacted", "converted", "dismissed"
LIVE = (OPEN, CONTACTED)
PAIR_COPY = ("client_id", "client_name", "service_id", "service_name", "status", "survey_date", "survey_version",
             "professional_id", "answered_by_name")


class AlreadyLive(Conflict):
    """The client already has an open or contacted opportunity for this service."""

    def __init__(self, service_id: str) -> None:
        super().__init__("This client already has an open opportunity for that service.")
        self.service_id = service_id


def new_opportunity(client: dict[str, Any], question: dict[str, Any], version: int, answered_at: str,
                    answered_by: dict[str, str]) -> dict[str, Any]:
    opp_id = opportunity_id(client["id"], question["service_id"], client.get("professional_id"))
    return {**keys.opportunity(opp_id), "type": "opportunity", "id": opp_id, "client_id": client["id"],
            "client_name": client["display_name"], "professional_id": client.get("professional_id"),
            "service_id": question["service_id"], "service_name": question["service_name"],
            "survey_version": version, "survey_date": answered_at, "answered_by": answered_by["id"],
            "answered_by_name": answered_by["name"], "status": OPEN, "notes": [], "room_id": None,
            "created_at": clock.now_iso(), "GSI1PK": keys.opportunities(question["service_id"]),
            "GSI1SK": opp_id}


def _pair(opp: dict[str, Any]) -> dict[str, str]:
    return keys.client_service(opp["client_id"], opp["service_id"])


def live_copy(opp: dict[str, Any]) -> dict[str, Any]:
    return {"live_id": opp["id"], **{k: opp.get(k) for k in PAIR_COPY},
            "GSI1PK": keys.live_opportunities(opp["service_id"]), "GSI1SK": opp["id"]}


def claim_pair(work: Work, opp: dict[str, Any]) -> None:
    """The pair takes the opportunity as its live one, unless another holds it (the same
    one may hold it still: its release, from the stream, may not have come yet)."""
    free = Attr("live_id").not_exists() | Attr("live_id").eq(opp["id"])
    work.count(_pair(opp), {}, set={**live_copy(opp), "live_v": opp["v"], "type": "client_service"},
               when=free, refused=lambda _: AlreadyLive(opp["service_id"]))


def _held_before(opp: dict[str, Any]) -> Any:
    """The pair still holds this opportunity as it was before this change: a copy that a
    later claim wrote (a reopen) is newer and stays."""
    return Attr("live_id").eq(opp["id"]) & Attr("live_v").lt(opp["v"])


def refresh_pair(work: Work, opp: dict[str, Any]) -> None:
    work.count(_pair(opp), {}, set={**live_copy(opp), "live_v": opp["v"]}, when=_held_before(opp))


def release_pair(work: Work, opp: dict[str, Any]) -> None:
    """The pair no longer has a live opportunity: it leaves the live list."""
    work.count(_pair(opp), {}, set=dict.fromkeys(("live_id", "live_v", "GSI1PK", "GSI1SK", *PAIR_COPY)),
               when=_held_before(opp))


def count_open(work: Work, service_id: str, delta: int) -> None:
    work.count(keys.opportunity_count(service_id), {"open": delta})


def open_opportunity(work: Work, opp: dict[str, Any]) -> dict[str, Any]:
    """A new open opportunity and its pair claim, in `work` (its count follows)."""
    stored = work.create(opp)
    claim_pair(work, stored)
    return stored


def note(kind: str, by: str, text: str | None) -> dict[str, Any]:
    return {"at": clock.now_iso(), "by": by, "kind": kind, "text": text}
