"""Opportunities board use cases (staff only). Marking contacted, dismissing and
reopening a contacted one are one UpdateItem each, conditioned on the state they leave,
which returns the opportunity as stored; the count and the pair's copy follow from the
stream (`copies.py`). Reopening a dismissed opportunity claims its pair again, which only
the opportunity names and whose answer is the opportunity as stored: it takes the
opportunity from the sealed answer the request gives back (`as_read.py`), else learns it
from a first write's refusal, and writes in one transaction guarded by its version.
Converting one makes a room in one transaction that reads nothing first: the
opportunity's id names the room's client, service and professional (`ids.py`); an older
id takes them from the sealed answer, else is read first. Every staff answer that is the
opportunity as stored carries it sealed."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.core.errors import Conflict, NotFound, PreconditionFailed
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.core.ids import new_id
from chalicelib.core.sealed import Outdated, outdated_or
from chalicelib.opportunities.as_read import opportunity_as_read, seal_opportunity
from chalicelib.opportunities.ids import named
from chalicelib.opportunities.models import (Board, BoardRow, Converted, ConvertedOpportunity, OpportunityQuery,
                                             OpportunityRoom, OpportunityStaffView, OpportunitySummary, ReopenNote,
                                             opportunity_view, summary_view)
from chalicelib.opportunities.records import CONTACTED, CONVERTED, DISMISSED, LIVE, OPEN, claim_pair, note
from chalicelib.rooms.creation import Creator, NewRoom, create_room
from chalicelib.rooms.models import staff_view
from chalicelib.rooms.records import ACTIVE_ROOMS
from chalicelib.store import Attr, FirmStore, Work, at_version, keys
from chalicelib.store.work import Refusal


def board(me: Principal) -> Board:
    """Every service with its open count: one Query of the services partition, which holds
    the services and their counters side by side."""
    items = FirmStore.of(me).query(keys.SERVICES, limit=1000).items
    counts = {i["SK"].removeprefix("OPPCOUNT#"): int(i.get("open", 0)) for i in items if i["SK"].startswith("OPPCOUNT#")}
    rows = [BoardRow(service_id=s["id"], service_name=s["name"], service_status=s["status"],
                     open_count=counts.get(s["id"], 0), has_open=counts.get(s["id"], 0) > 0)
            for s in items if s["SK"].startswith("SERVICE#")]
    rows = [r for r in rows if r.service_status == "active" or r.open_count > 0]
    return Board(items=sorted(rows, key=lambda r: r.service_name.casefold()))


def _filters(query: OpportunityQuery) -> Any:
    where = None
    for attr, value in (("status", query.status), ("professional_id", query.professional_id)):
        if value is not None:
            where = Attr(attr).eq(value) if where is None else where & Attr(attr).eq(value)
    return where


def _no_active_room() -> Any:
    return Attr(ACTIVE_ROOMS).not_exists() | Attr(ACTIVE_ROOMS).lte(0)


def list_opportunities(me: Principal, service_id: str, query: OpportunityQuery) -> ListOf[OpportunitySummary]:
    """One Query per page, newest first, each opportunity sealed. With the toggle off the
    live list is read instead: pair items that carry their active-room count, so hiding
    costs a filter, not a lookup; a pair's copy is no opportunity as stored, so it is not
    sealed."""
    db = FirmStore.of(me)
    where = _filters(query)
    if query.with_active_rooms:
        page = db.query(keys.opportunities(service_id), index="GSI1", newest_first=True, where=where,
                        limit=query.limit, cursor=query.cursor)
        return _listed(page, lambda opp: seal_opportunity(me.firm_id, opp))
    if query.status not in (None, *LIVE):
        return ListOf[OpportunitySummary](items=[])  # the toggle lists live ones only, as the document says
    hide = _no_active_room() if where is None else where & _no_active_room()
    page = db.query(keys.live_opportunities(service_id), index="GSI1", newest_first=True, where=hide,
                    limit=query.limit, cursor=query.cursor)
    return _listed(page, lambda _: None)


def _listed(page: Any, sealer: Callable[[dict[str, Any]], str | None]) -> ListOf[OpportunitySummary]:
    return ListOf[OpportunitySummary](items=[summary_view(i, sealer(i)) for i in page.items],
                                      next_cursor=page.next_cursor)


def _load(db: FirmStore, opportunity_id: str) -> dict[str, Any]:
    opp = db.get(keys.opportunity(opportunity_id))
    if opp is None:
        raise NotFound("No such opportunity.")
    return opp


def read(me: Principal, opportunity_id: str) -> OpportunityStaffView:
    return _answer(me, _load(FirmStore.of(me), opportunity_id))


def _state_error(opp: dict[str, Any], doing: str) -> Conflict:
    return Conflict(f"The opportunity is {opp['status']}; it cannot be {doing}.")


def _stale(old: dict[str, Any] | None) -> Exception:
    if old is None:
        return NotFound("No such opportunity.")
    return PreconditionFailed("The opportunity was changed by someone else; reload it and try again.")


def _refused(doing: str, if_match: int | None) -> Refusal:
    """Why a status change's condition failed, from the opportunity as it stood."""
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or (if_match is not None and old["v"] != if_match):
            return _stale(old)
        return _state_error(old, doing)
    return refused


def _pinned(when: Any, version: int | None) -> Any:
    """`when`, and at `version` when the caller holds one."""
    return when if version is None else when & at_version(version)


def _set_status(me: Principal, opportunity_id: str, allowed: tuple[str, ...], doing: str, status: str,
                kind: str, text: str | None, if_match: int | None,
                refused: Refusal | None = None) -> OpportunityStaffView:
    """One UpdateItem: the status, a note at the end of the notes, on condition the
    opportunity is in a state this change leaves (and at the version the caller saw)."""
    work = FirmStore.of(me).work()
    work.update(keys.opportunity(opportunity_id), set={"status": status},
                append={"notes": [note(kind, me.user_id, text)]},
                when=_pinned(Attr("status").is_in(list(allowed)), if_match),
                refused=refused or _refused(doing, if_match))
    return _answer(me, work.commit())


def mark_contacted(me: Principal, opportunity_id: str, text: str, if_match: int | None) -> OpportunityStaffView:
    return _set_status(me, opportunity_id, (OPEN,), "marked contacted", CONTACTED, "contacted", text, if_match)


def dismiss(me: Principal, opportunity_id: str, reason: str, if_match: int | None) -> OpportunityStaffView:
    return _set_status(me, opportunity_id, LIVE, "dismissed", DISMISSED, "dismissed", reason, if_match)


def _read_for(db: FirmStore, opportunity_id: str, allowed: tuple[str, ...], doing: str) -> dict[str, Any]:
    opp = _load(db, opportunity_id)
    if opp["status"] not in allowed:
        raise _state_error(opp, doing)
    return opp


def _answer(me: Principal, opp: dict[str, Any]) -> OpportunityStaffView:
    return opportunity_view(opp, seal_opportunity(me.firm_id, opp))


def _write_read(work: Work, opp: dict[str, Any], changes: dict[str, Any], entry: dict[str, Any],
                refused: Refusal = _stale) -> dict[str, Any]:
    """The opportunity as read, changed, at the version read; returns it as it will be."""
    work.update(keys.opportunity(opp["id"]), set=changes, append={"notes": [entry]}, when=at_version(opp["v"]),
                refused=refused)
    return {**opp, **changes, "notes": [*opp["notes"], entry], "v": opp["v"] + 1}


class _Dismissed(Exception):
    """The opportunity a reopen found dismissed, as it stood: its pair must be claimed."""

    def __init__(self, opp: dict[str, Any]) -> None:
        super().__init__("dismissed")
        self.opp = opp


def _unless_dismissed(if_match: int | None) -> Refusal:
    """Why a reopen tried as contacted was refused; a dismissed one at the version asked
    for is no refusal but the opportunity whose pair is claimed next."""
    refused = _refused("reopened", if_match)

    def found(old: dict[str, Any] | None) -> Exception:
        if old and old["status"] == DISMISSED and (if_match is None or old["v"] == if_match):
            return _Dismissed(old)
        return refused(old)
    return found


def reopen(me: Principal, opportunity_id: str, body: ReopenNote, if_match: int | None) -> OpportunityStaffView:
    """Back to open. A dismissed one claims its pair again (409 while another opportunity
    of the pair is live) in one transaction pinned to its version, which returns nothing:
    the opportunity whose pair it names and which it answers comes from the sealed one the
    request gives back (if the caller pinned a version, only at that version), else from
    the refusal of a first write that assumed it contacted. A contacted one is that one
    UpdateItem."""
    known = opportunity_as_read(me.firm_id, opportunity_id, body.sealed)
    if known is None or known["status"] != DISMISSED or if_match not in (None, known["v"]):
        return _reopen_unsealed(me, opportunity_id, body.note, if_match)
    try:
        return _reclaim(me, known, body.note, outdated_or(_stale) if if_match is None else _stale)
    except Outdated as outdated:
        if outdated.item["status"] == DISMISSED:
            return _reclaim(me, outdated.item, body.note)
        return _reopen_unsealed(me, opportunity_id, body.note, None)


def _reopen_unsealed(me: Principal, opportunity_id: str, text: str | None,
                     if_match: int | None) -> OpportunityStaffView:
    """Tried as contacted; a dismissed one is learnt from the refusal, then reclaimed."""
    try:
        return _set_status(me, opportunity_id, (CONTACTED,), "reopened", OPEN, "reopened", text, if_match,
                           _unless_dismissed(if_match))
    except _Dismissed as found:
        return _reclaim(me, found.opp, text)


def _reclaim(me: Principal, opp: dict[str, Any], text: str | None, refused: Refusal = _stale) -> OpportunityStaffView:
    """The dismissed `opp`, open again at the version it is, with its pair claimed: one
    transaction, answered from `opp` and the change."""
    work = FirmStore.of(me).work()
    after = _write_read(work, opp, {"status": OPEN}, note("reopened", me.user_id, text), refused)
    claim_pair(work, after)
    work.commit()
    return _answer(me, after)


def convert(me: Principal, opportunity_id: str, body: OpportunityRoom) -> Converted:
    """A room for the opportunity's client and service, and the opportunity converted, in
    one transaction: both or neither (the pair is released from the stream). The
    conversion comes first, so an unknown or no longer live opportunity is what a refusal
    says. An id that names the client, service and professional needs no read: it is the
    key the conversion is conditioned on, so the names hold when it commits (the room's
    names of the client and service follow from the stream). An older id takes them from
    the sealed opportunity the request gives back, else from a read first; the conversion
    is pinned to that version."""
    db = FirmStore.of(me)
    known = opportunity_as_read(me.firm_id, opportunity_id, body.sealed)
    found = named(opportunity_id)
    if found is not None:
        new = NewRoom(found.client_id, found.service_id, body.name, body.description, found.professional_id)
        return _convert(me, db, opportunity_id, body, new, None, _refused(CONVERTING, None))
    if known is None:
        opp = _read_for(db, opportunity_id, LIVE, CONVERTING)
        return _convert(me, db, opportunity_id, body, _room_of(opp, body), opp["v"], _refused(CONVERTING, opp["v"]))
    try:
        return _convert(me, db, opportunity_id, body, _room_of(known, body), known["v"], outdated_or(_stale))
    except Outdated as outdated:
        if outdated.item["status"] not in LIVE:
            raise _state_error(outdated.item, CONVERTING) from None
        return _convert(me, db, opportunity_id, body, _room_of(outdated.item, body), outdated.item["v"],
                        _refused(CONVERTING, outdated.item["v"]))


CONVERTING = "converted into a room"


def _convert(me: Principal, db: FirmStore, opportunity_id: str, body: OpportunityRoom, new: NewRoom,
             pinned: int | None, refused: Refusal) -> Converted:
    work, room_id = db.work(), new_id()
    work.update(keys.opportunity(opportunity_id), set={"status": CONVERTED, "room_id": room_id},
                append={"notes": [note("converted", me.user_id, body.name)]},
                when=_pinned(Attr("status").is_in(list(LIVE)), pinned), refused=refused)
    room = create_room(work, Creator(me.user_id, me.name), new, room_id)
    work.commit()
    return Converted(opportunity=ConvertedOpportunity(id=opportunity_id, status=CONVERTED, room_id=room_id),
                     room=staff_view(room))


def _room_of(opp: dict[str, Any], body: OpportunityRoom) -> NewRoom:
    """The room an opportunity stored before its id named anything makes, from the item."""
    return NewRoom(opp["client_id"], opp["service_id"], body.name, body.description, opp.get("professional_id"),
                   opp["client_name"], opp["service_name"])
