"""Announcements live in one small item per firm (at most MAX_LIVE that have not ended),
so the client home reads them in its batch. Creating one is one write with no read: the
item gains an attribute and its `held` count one, on condition it holds fewer than
MAX_LIVE (plus a ConditionCheck per service the audience names). Removing one is one
UpdateItem, and so is an announcement's leaving the item when it ends, from a one-off
schedule set at its end: `held` counts the live and scheduled ones without a read."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.aws import scheduler
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.announcements.models import AnnouncementClientView, AnnouncementCreate, AnnouncementView
from chalicelib.notifications.records import announcement_room, clear_room
from chalicelib.store import Attr, FirmStore, Work, keys
from chalicelib.store.work import Refusal

log = logging.getLogger(__name__)
MAX_LIVE = 25
HELD = "held"  # how many announcements the item holds: those live or scheduled
ENDED_KIND = "announcement_ended"


def _attr(announcement_id: str) -> str:
    return f"a_{announcement_id}"



def _live(item: dict[str, Any] | None) -> list[dict[str, Any]]:
    now = clock.now_iso()
    return [v for k, v in (item or {}).items() if k.startswith("a_") and v["ends_at"] > now]


def _no_announcement() -> NotFound:
    return NotFound("No such announcement.")


def create(me: Principal, body: AnnouncementCreate) -> AnnouncementView:
    if body.ends_at <= body.starts_at:  # each a valid moment; together they make no period
        raise BusinessRule("ends_at must be after starts_at.", [{"loc": "body.ends_at", "msg": "not after starts_at"}])
    made = {"id": new_id(), "title": body.title, "body": body.body, "starts_at": clock.iso(body.starts_at),
            "ends_at": clock.iso(body.ends_at), "audience": body.audience, "service_ids": body.service_ids,
            "created_at": clock.now_iso()}
    work = FirmStore.of(me).work()
    work.count(keys.announcements(), {HELD: 1}, set={"type": "announcements", _attr(made["id"]): made},
               when=Attr(HELD).not_exists() | Attr(HELD).lt(MAX_LIVE), refused=lambda _: _full())
    for service_id in set(body.service_ids):
        work.check(keys.service(service_id), Attr("PK").exists(),
                   refused=lambda _: BusinessRule("The audience names a service this firm does not offer.",
                                                  [{"loc": "body.service_ids", "msg": "no such service"}]))
    work.commit()
    _leave_when_ended(me.firm_id, made)
    return AnnouncementView(**made)


def _full() -> BusinessRule:
    return BusinessRule(f"At most {MAX_LIVE} announcements can be live or scheduled; remove one first.")


def _leave_when_ended(firm_id: str, made: dict[str, Any]) -> None:
    """A schedule set in the past may be refused: one a minute away ends it as well."""
    at = max(datetime.fromisoformat(made["ends_at"]), clock.now() + timedelta(minutes=1))
    try:
        scheduler.schedule_once(f"ends-{firm_id}-{made['id']}", at,  # a name is at most 64 characters
                                {"kind": ENDED_KIND, "firm_id": firm_id, "announcement_id": made["id"]})
    except ClientError:
        log.exception("the announcement's end is not scheduled", extra={"announcement_id": made["id"]})


def leave(firm_id: str, announcement_id: str) -> bool:
    """The scheduled end: the announcement leaves the item (unless removed already)."""
    work = FirmStore.trusted(firm_id).work()  # named by the schedule `_leave_when_ended` set
    _drop(work, announcement_id)
    try:
        work.commit()
    except _Gone:
        return False
    return True


def _drop(work: Work, announcement_id: str, refused: Refusal = lambda _: _Gone()) -> None:
    work.count(keys.announcements(), {HELD: -1}, set={_attr(announcement_id): None},
               when=Attr(_attr(announcement_id)).exists(), refused=refused)


class _Gone(Exception):
    pass


def list_live(me: Principal) -> ListOf[AnnouncementView]:
    live = _live(FirmStore.of(me).get(keys.announcements()))
    return ListOf[AnnouncementView](items=[AnnouncementView(**a) for a in sorted(live, key=lambda a: a["starts_at"])])


def preview(me: Principal, announcement_id: str) -> AnnouncementClientView:
    found = (FirmStore.of(me).get(keys.announcements()) or {}).get(_attr(announcement_id))
    if found is None:
        raise _no_announcement()
    return AnnouncementClientView(**found)


def remove(me: Principal, announcement_id: str) -> None:
    work = FirmStore.of(me).work()
    _drop(work, announcement_id, refused=lambda _: _no_announcement())
    work.commit()


def dismiss(me: Principal, announcement_id: str) -> None:
    """The client stops seeing it among their sign-in notifications (the home still shows
    it, marked dismissed): no new one at sign-in, and the one they have is marked read."""
    work = FirmStore.of(me).work()
    work.check(keys.announcements(), Attr(_attr(announcement_id)).exists(), refused=lambda _: _no_announcement())
    work.count(keys.dismissed(me.user_id), {}, set={announcement_id: clock.now_iso()})
    clear_room(work, me.user_id, announcement_room(announcement_id))
    work.commit()
