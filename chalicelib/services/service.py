"""Services of a firm: owners and admins create, rename and retire them; all staff read
them (to pick one for a room). Each change is one write, refusals explain themselves."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import Conflict, NotFound, PreconditionFailed
from chalicelib.core.ids import new_id
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.services.models import ServiceCreate, ServiceQuery, ServiceUpdate, ServiceView, service_view
from chalicelib.services.records import (ACTIVE, DEMO_SERVICES, RETIRED, copy_onto_survey, empty_timeline,
                                         service_item)
from chalicelib.store import Attr, FirmStore, Work, at_version, keys


def create(me: Principal, body: ServiceCreate) -> ServiceView:
    """One transaction: the service, its empty timeline and its copy on the survey item,
    so a survey may ask about it and its timeline be defined at once."""
    work = FirmStore.of(me).work()
    stored = _created(work, [service_item(new_id(), body.name, body.description)])[0]
    work.commit()
    return service_view(stored)


def _created(work: Work, services: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """New services in `work`, each with what is made with it; returns them as stored."""
    stored = [work.create(s) for s in services]
    for s in stored:
        work.create(empty_timeline(s["id"]))
    copy_onto_survey(work, stored)
    return stored


def list_services(me: Principal, query: ServiceQuery) -> ListOf[ServiceView]:
    """Few per firm: one Query returns them all (200 at most), by name."""
    where = None if query.status == "all" else Attr("status").eq(query.status)
    items = FirmStore.of(me).query(keys.SERVICES, sk_prefix="SERVICE#", where=where, limit=200).items
    return ListOf[ServiceView](items=[service_view(i) for i in sorted(items, key=lambda i: i["name"].casefold())])


def _missing(old: dict[str, Any] | None) -> Exception:
    return NotFound("No such service.")


def update(me: Principal, service_id: str, body: ServiceUpdate, if_match: int | None) -> ServiceView:
    changes = body.model_dump(exclude_unset=True)
    work = FirmStore.of(me).work()

    def refused(old):
        return _missing(old) if old is None else PreconditionFailed("The service was changed by someone else; "
                                                                     "reload it and try again.")
    work.update(keys.service(service_id), set=changes, when=None if if_match is None else at_version(if_match),
                refused=refused)
    return service_view(work.commit())


def set_status(me: Principal, service_id: str, status: str) -> ServiceView:
    """Retiring keeps the service on its rooms; it is no longer offered for new ones."""
    other = ACTIVE if status == RETIRED else RETIRED
    work = FirmStore.of(me).work()

    def refused(old):
        return _missing(old) if old is None else Conflict(f"The service is already {status}.")
    work.update(keys.service(service_id), set={"status": status}, when=Attr("status").eq(other), refused=refused)
    return service_view(work.commit())


def add_demo_services(db: FirmStore) -> dict[str, str]:
    """The demo firm's services (name -> id), one transaction."""
    work = db.work()
    made = _created(work, [service_item(new_id(), name) for name in DEMO_SERVICES])
    work.commit()
    return {s["name"]: s["id"] for s in made}
