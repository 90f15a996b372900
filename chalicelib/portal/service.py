"""Reading and changing the firm's portal options and a client's overrides. Each change
is one UpdateItem (one attribute per field, set in place: no read to merge them)."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import NotFound
from chalicelib.core.principal import Principal
from chalicelib.store.batch import Batch
from chalicelib.portal.models import (ClientOptionsUpdate, ClientOptionsView, OptionsView, PortalOptionsUpdate,
                                      PortalOptionsView)
from chalicelib.core.portal_item import OPTIONS, attributes_of, firm_options, overrides, visible_tools
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


def _client_view(client_id: str, firm: dict[str, bool], override: dict | None) -> ClientOptionsView:
    mine = overrides(override)
    return ClientOptionsView(client_id=client_id, overrides=mine, options=OptionsView(**{**firm, **mine}),
                             event_date=(override or {}).get("event_date"))


def read_client_options(me: Principal, client_id: str) -> ClientOptionsView:
    found = Batch(FirmStore.of(me), [keys.client(client_id), keys.client_portal(client_id)])
    if found.get(keys.client(client_id)) is None:
        raise NotFound("No such client.")
    return _client_view(client_id, _firm_features(me), found.get(keys.client_portal(client_id)))


def _firm_features(me: Principal) -> dict[str, bool]:
    """The firm's options as the principal lookup read them with the login."""
    return {name: name in me.features_on for name in OPTIONS}


def update_client_options(me: Principal, client_id: str, body: ClientOptionsUpdate) -> ClientOptionsView:
    """One UpdateItem of the client's portal item (written with the client, so its
    existence is the client's): each override is an attribute of its own, set or removed
    without a read, and the item as stored is the answer."""
    work = FirmStore.of(me).work()
    work.count(keys.client_portal(client_id), {}, set={f"option_{name}": on for name, on in body.options.items()},
               when=exists(), refused=lambda _: NotFound("No such client."))
    return _client_view(client_id, _firm_features(me), work.commit())
