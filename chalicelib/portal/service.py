"""Reading and changing the firm's portal options and a client's overrides. Each change
is one UpdateItem (map fields set in place, no read to merge them)."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import NotFound
from chalicelib.core.principal import Principal
from chalicelib.store.batch import Batch
from chalicelib.portal.models import (ClientOptionsUpdate, ClientOptionsView, OptionsView, PortalOptionsUpdate,
                                      PortalOptionsView)
from chalicelib.core.portal_item import attributes_of, firm_options, visible_tools
from chalicelib.portal.options import effective_options
from chalicelib.store import FirmStore, exists, keys


def options_view(item: dict[str, Any] | None) -> PortalOptionsView:
    return PortalOptionsView(options=OptionsView(**firm_options(item)), visible_tools=visible_tools(item),
                             lockout_days=int((item or {}).get("lockout_days", 0)))


def read_options(me: Principal) -> PortalOptionsView:
    return options_view(FirmStore.of(me).get(keys.portal_options()))


def update_options(me: Principal, body: PortalOptionsUpdate) -> PortalOptionsView:
    """One UpdateItem that sets only the fields the change names and returns the item."""
    work = FirmStore.of(me).work()
    work.upsert(keys.portal_options(), set={"type": "portal_options",
                                            **attributes_of(body.model_dump(exclude_none=True))})
    return options_view(work.commit())


def _client_view(client_id: str, firm: dict | None, override: dict | None) -> ClientOptionsView:
    return ClientOptionsView(client_id=client_id, overrides=(override or {}).get("options") or {},
                             options=OptionsView(**effective_options(firm, override)),
                             event_date=(override or {}).get("event_date"))


def read_client_options(me: Principal, client_id: str) -> ClientOptionsView:
    found = _client_batch(FirmStore.of(me), client_id)
    return _client_view(client_id, found.get(keys.portal_options()), found.get(keys.client_portal(client_id)))


def _client_batch(db: FirmStore, client_id: str) -> Batch:
    found = Batch(db, [keys.client(client_id), keys.portal_options(), keys.client_portal(client_id)])
    if found.get(keys.client(client_id)) is None:
        raise NotFound("No such client.")
    return found


def update_client_options(me: Principal, client_id: str, body: ClientOptionsUpdate) -> ClientOptionsView:
    """One transaction: the client must exist (a ConditionCheck), the overrides are
    rewritten from the client's current ones plus the change."""
    db = FirmStore.of(me)
    found = _client_batch(db, client_id)
    overrides = {**((found.get(keys.client_portal(client_id)) or {}).get("options") or {}), **body.options}
    overrides = {k: v for k, v in overrides.items() if v is not None}
    work = db.work()
    work.check(keys.client(client_id), exists(), refused=lambda _: NotFound("No such client."))
    # Only the options: the item also holds the client's event date, set on its own route.
    work.upsert(keys.client_portal(client_id), set={"type": "client_portal", "client_id": client_id,
                                                    "options": overrides})
    work.commit()
    before = found.get(keys.client_portal(client_id)) or {}
    return _client_view(client_id, found.get(keys.portal_options()), {**before, "options": overrides})
