"""`GET /me/portal`: everything a client's home screen needs in one BatchGetItem (plus
the authorizer's principal lookup): the firm (branding), its portal options, announcements
and the caller's unread summary and dismissals, and for each of the caller's clients the
option overrides and the board (each room's step, job status and event date)."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.models import View
from chalicelib.core.principal import Principal
from chalicelib.notifications.records import unread_counts
from chalicelib.rooms import board
from chalicelib.store.batch import Batch
from chalicelib.portal.lockout import room_lock_starts, room_locked
from chalicelib.portal.models import OptionsView, Tool
from chalicelib.core.portal_item import visible_tools
from chalicelib.portal.options import effective_options
from chalicelib.store import FirmStore, keys


class BrandingHomeView(View):
    firm_name: str
    colour: str | None = None
    logo_url: str | None = None


class RoomHomeView(View):
    room_id: str
    name: str
    service_name: str
    step: str | None = None
    job_status: str | None = None
    event_date: str | None = None
    locked_from: str | None = None
    locked: bool = False
    unread: int = 0


class ClientHomeView(View):
    client_id: str
    options: OptionsView
    event_date: str | None = None
    locked_from: str | None = None
    locked: bool = False
    rooms: list[RoomHomeView]


class AnnouncementHomeView(View):
    id: str
    title: str
    body: str
    starts_at: str
    ends_at: str
    dismissed: bool = False


class HomeView(View):
    branding: BrandingHomeView
    visible_tools: list[Tool]
    lockout_days: int
    unread_total: int
    clients: list[ClientHomeView]
    announcements: list[AnnouncementHomeView]


def _room(entry: dict[str, Any], client_date: str | None, days: int, unread: dict[str, int],
          show_status: bool) -> RoomHomeView:
    """A room locks from the earlier of its own and its client's event dates."""
    dates = {"event_date": entry.get("event_date"), board.CLIENT_EVENT_DATE: client_date}
    return RoomHomeView(**{**entry, "job_status": entry.get("job_status") if show_status else None},
                        locked_from=room_lock_starts(dates, days), locked=room_locked(dates, days),
                        unread=unread.get(entry["room_id"], 0))


def _client(client_id: str, overrides: dict[str, Any] | None, portal: dict[str, Any] | None,
            entries: list[dict[str, Any]], days: int, unread: dict[str, int]) -> ClientHomeView:
    options = effective_options(portal, overrides)
    date = (overrides or {}).get("event_date")
    as_room = {board.CLIENT_EVENT_DATE: date}
    return ClientHomeView(client_id=client_id, options=OptionsView(**options), event_date=date,
                          locked_from=room_lock_starts(as_room, days), locked=room_locked(as_room, days),
                          rooms=[_room(e, date, days, unread, options["work_in_progress"]) for e in entries])


def active_announcements(item: dict[str, Any] | None, service_ids: set[str], dismissed: dict[str, Any],
                         now: str) -> list[AnnouncementHomeView]:
    """Those live now whose audience includes the caller, newest first."""
    live = [a for k, a in (item or {}).items() if k.startswith("a_") and a["starts_at"] <= now < a["ends_at"]
            and (a["audience"] == "all" or service_ids & set(a.get("service_ids", [])))]
    return [AnnouncementHomeView(**a, dismissed=a["id"] in dismissed)
            for a in sorted(live, key=lambda a: a["starts_at"], reverse=True)]


def announcement_keys(user_id: str, clients: list[str]) -> list[dict[str, str]]:
    """What deciding a person's announcements reads: the home's batch holds these too."""
    return [keys.portal_options(), keys.announcements(), keys.dismissed(user_id),
            *(keys.client_portal(c) for c in clients), *(keys.client_board(c) for c in clients)]


def announced(found: Batch, user_id: str, clients: list[str]) -> list[AnnouncementHomeView]:
    """The announcements live now for this person: for everyone or for a service of one of
    their clients' rooms, none while every one of their clients has announcements off."""
    portal = found.get(keys.portal_options())
    if not any(effective_options(portal, found.get(keys.client_portal(c)))["announcements"] for c in clients):
        return []
    services = {e["service_id"] for c in clients for e in board.entries(found.get(keys.client_board(c)))}
    return active_announcements(found.get(keys.announcements()), services,
                                found.get(keys.dismissed(user_id)) or {}, clock.now_iso())


def read_home(me: Principal) -> HomeView:
    db = FirmStore.of(me)
    clients = list(me.client_ids)
    found = Batch(db, [keys.firm(), *announcement_keys(me.user_id, clients)])
    firm, portal = found.get(keys.firm()) or {}, found.get(keys.portal_options())
    unread = unread_counts(me.unread)  # the summary came with the principal
    days = int((portal or {}).get("lockout_days", 0))
    homes = [_client(c, found.get(keys.client_portal(c)), portal, board.entries(found.get(keys.client_board(c))),
                     days, unread) for c in clients]
    announcements = announced(found, me.user_id, clients)
    branding = firm.get("branding") or {}
    return HomeView(branding=BrandingHomeView(firm_name=firm.get("name", ""), colour=branding.get("colour"),
                                              logo_url=branding.get("logo_url")),
                    visible_tools=visible_tools(portal), lockout_days=days, unread_total=sum(unread.values()),
                    clients=homes, announcements=announcements)
