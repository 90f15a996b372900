"""Announcements live in one small item per firm (at most MAX_LIVE that have not ended),
so the client home reads them in its batch. Creating one reads that item, drops the
ended ones and writes it back at its version; removing one is one UpdateItem."""
from __future__ import annotations

from datetime import timezone
from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.announcements.models import AnnouncementClientView, AnnouncementCreate, AnnouncementView
from chalicelib.notifications.records import announcement_room, clear_room
from chalicelib.store import Attr, FirmStore, at_version, keys, missing

MAX_LIVE = 25


def _attr(announcement_id: str) -> str:
    return f"a_{announcement_id}"


def _iso(value) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _live(item: dict[str, Any] | None) -> list[dict[str, Any]]:
    now = clock.now_iso()
    return [v for k, v in (item or {}).items() if k.startswith("a_") and v["ends_at"] > now]


def _no_announcement() -> NotFound:
    return NotFound("No such announcement.")


def _changed(old: dict[str, Any] | None) -> Exception:
    return BusinessRule("Announcements changed meanwhile; try again.")


def create(me: Principal, body: AnnouncementCreate) -> AnnouncementView:
    if body.ends_at <= body.starts_at:  # each a valid moment; together they make no period
        raise BusinessRule("ends_at must be after starts_at.", [{"loc": "body.ends_at", "msg": "not after starts_at"}])
    db = FirmStore.of(me)
    current = db.get(keys.announcements(), consistent=True)
    live = _live(current)
    if len(live) >= MAX_LIVE:
        raise BusinessRule(f"At most {MAX_LIVE} announcements can be live or scheduled; remove one first.")
    made = {"id": new_id(), "title": body.title, "body": body.body, "starts_at": _iso(body.starts_at),
            "ends_at": _iso(body.ends_at), "audience": body.audience, "service_ids": body.service_ids,
            "created_at": clock.now_iso()}
    version = (current or {}).get("v", 0)
    item = {**keys.announcements(), "type": "announcements", "v": version + 1,
            **{_attr(a["id"]): a for a in [*live, made]}}
    work = db.work()
    work.put(item, when=at_version(version) if current else missing(), refused=_changed)
    for service_id in set(body.service_ids):
        work.check(keys.service(service_id), Attr("PK").exists(),
                   refused=lambda _: BusinessRule("The audience names a service this firm does not offer.",
                                                  [{"loc": "body.service_ids", "msg": "no such service"}]))
    work.commit()
    return AnnouncementView(**made)


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
    work.update(keys.announcements(), set={_attr(announcement_id): None},
                when=Attr(_attr(announcement_id)).exists(), refused=lambda _: _no_announcement())
    work.commit()


def dismiss(me: Principal, announcement_id: str) -> None:
    """The client stops seeing it among their sign-in notifications (the home still shows
    it, marked dismissed): no new one at sign-in, and the one they have is marked read."""
    work = FirmStore.of(me).work()
    work.check(keys.announcements(), Attr(_attr(announcement_id)).exists(), refused=lambda _: _no_announcement())
    work.count(keys.dismissed(me.user_id), {}, set={announcement_id: clock.now_iso()})
    clear_room(work, me.user_id, announcement_room(announcement_id))
    work.commit()
