"""The access matrix, one module per domain, loaded automatically.

A domain module holds:
  EXPECTED = {(method, path): {persona: status, ...}, ...}   every persona of world.PERSONAS
  def setup(api, world)             optional: create the domain's resources; set world.ids
                                    (path parameter -> value) and world.tokens (persona -> token)
  def body(world, method, path)     optional: a valid JSON body for one of its write routes;
                                    called once per request, so creates should use world.unique()
  def prepare(world, method, path)  optional: called before each persona's request to one of its
                                    routes, to put back a state an earlier persona's request changed
                                    (restore an archived client before the next archive, say)
  ORDER = 50                        optional: setups run by ORDER, then by module name

  OWN_WORLDS = (route, ...)         optional: the write routes whose world the module's setup
                                    prepares in a state of its own (a deactivated login to
                                    reactivate, say); setup tells them by world.route

world.route names the write route the world is built for: None in the world all reads
share, SHARED in the one every other write route gets a fresh copy of."""
from __future__ import annotations

import functools
import importlib
import pkgutil
from types import ModuleType
from typing import Any, Callable

from tests.security import exposure
from tests.security.world import World, base_world

Route = tuple[str, str]
SHARED: Route = ("*", "every write route without a world of its own")


@functools.cache
def domains() -> list[ModuleType]:
    found = [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)]
    return sorted(found, key=lambda m: (getattr(m, "ORDER", 50), m.__name__))


def expected() -> dict[Route, dict[str, int]]:
    merged: dict[Route, dict[str, int]] = {}
    for domain in domains():
        for route, statuses in getattr(domain, "EXPECTED", {}).items():
            if route in merged:
                raise AssertionError(f"{route} is in two matrix modules; keep it in its domain's only")
            merged[route] = statuses
    return merged


def own_world(route: Route) -> bool:
    return any(route in getattr(d, "OWN_WORLDS", ()) for d in domains())


def owner_of(route: Route) -> ModuleType | None:
    return next((d for d in domains() if route in getattr(d, "EXPECTED", {})), None)


def build_world(api: Any, pump: Callable[[], int], route: Route | None = None) -> World:
    world = base_world(api, pump, route)
    for domain in domains():
        if hasattr(domain, "setup"):
            domain.setup(api, world)
    exposure.plant(world)
    world.scopes = exposure.harvest(world)
    return world


def prepare(world: World, route: Route) -> None:
    domain = owner_of(route)
    if domain is not None and hasattr(domain, "prepare"):
        domain.prepare(world, *route)


def body_for(world: World, route: Route) -> Any:
    domain = owner_of(route)
    if domain is None or not hasattr(domain, "body"):
        return None
    return domain.body(world, *route)


def concrete_path(world: World, path: str) -> str:
    """The route's path with the world's ids in place of its parameters."""
    try:
        return path.format(**world.ids)
    except KeyError as missing:
        raise AssertionError(f"{path}: no matrix setup sets world.ids[{missing}]") from None
