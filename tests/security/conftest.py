"""Fixtures of the security suite: worlds built through the API on a fresh in-process AWS."""
from __future__ import annotations

from contextlib import ExitStack

import pytest

from tests.security import matrix
from tests.moto_stack import moto_stack, outbox_pump
from tests.security.world import World
from tests.support import ApiClient


class Worlds:
    """Holds one world at a time and builds a new one when a test asks for another
    route: the personas of a route share a world, routes never do."""

    def __init__(self) -> None:
        self._resources: ExitStack | None = None
        self._route: object = None
        self._world: World | None = None

    def get(self, route: matrix.Route | None) -> World:
        if self._world is None or self._route != route:
            self.close()
            self._open(route)
        assert self._world is not None
        return self._world

    def _open(self, route: matrix.Route | None) -> None:
        from app import app
        resources = ExitStack()
        try:
            env = resources.enter_context(moto_stack())
            self._world = matrix.build_world(ApiClient(app), outbox_pump(env), route)
        except BaseException:
            resources.close()
            raise
        self._resources, self._route = resources, route

    def close(self) -> None:
        if self._resources is not None:
            self._resources.close()
        self._resources, self._route, self._world = None, None, None


@pytest.fixture(scope="module")
def worlds():
    """Module scope: pytest closes it before any other module's test, whose own mock
    would otherwise share moto's state with it."""
    held = Worlds()
    yield held
    held.close()
