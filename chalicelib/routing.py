"""Serves every route without importing the domains up front: app.py registers each
route of chalicelib/core/route_table.py on the Chalice app, and the routes module behind it is
imported when its first request arrives. A cold start then pays for Chalice and this
table; a request pays once for its own domain (models, service, store), not for all of
them."""
from __future__ import annotations

import functools
import gc
import importlib
from typing import Any, Callable

from chalicelib.core.route_table import ROUTES

JSON = ["application/json"]
_WIRE: list[Callable[[], None]] = []


def register(app: Any, authorizer: Any, wire: Callable[[], None]) -> None:
    """Adds each route to `app`; `wire` runs once, before the first routes module loads."""
    _WIRE.append(wire)
    for method, path, module, public in ROUTES:
        app.route(path, methods=[method], authorizer=None if public else authorizer, content_types=JSON,
                  name=_view_name(method, path))(_deferred(method, path, module))


def _view_name(method: str, path: str) -> str:
    words = "".join(c if c.isalnum() else "_" for c in path).strip("_")
    return f"{method.lower()}_{words}"


def _deferred(method: str, path: str, module: str) -> Callable[..., Any]:
    def view(**params: str) -> Any:
        return views_of(module)[(method, path)](**params)
    view.__name__ = _view_name(method, path)
    return view


@functools.cache
def views_of(module: str) -> dict[tuple[str, str], Callable[..., Any]]:
    # As in app.py: an import's objects live as long as the function, so collecting
    # while they are built only costs time.
    gc.disable()
    try:
        _wire()
        importlib.import_module(module)
    finally:
        gc.enable()
    from chalicelib.core.api import APIS
    return {key: view for api in APIS if api.module == module for key, view in api.views.items()}


def _wire() -> None:
    while _WIRE:
        _WIRE.pop(0)()
