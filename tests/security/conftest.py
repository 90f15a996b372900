"""Fixtures of the security suite: worlds built through the API on a fresh in-process AWS."""
from __future__ import annotations

import copy
import dataclasses
import os
from contextlib import ExitStack

import pytest

from tests.security import matrix
from tests import moto_snapshot
from tests.moto_stack import moto_stack, outbox_pump
from tests.security.world import World
from tests.support import ApiClient


class Worlds:
    """Holds one world at a time. Reads share one world. A write route that prepares a
    state of its own (`matrix.own_world`) gets a world built for it. Every other write
    route gets a fresh copy of one shared world: built once through the API, then put back
    (AWS state, ids, tokens, the outbox's place in the stream) before each such route, so
    the personas of a route share a world and routes never do."""

    def __init__(self) -> None:
        self._resources: ExitStack | None = None
        self._route: object = None
        self._world: World | None = None
        self._on_shared = False
        self._shared: _Shared | None = None

    def get(self, route: matrix.Route | None) -> World:
        if self._world is None or self._route != route:
            if route is None or matrix.own_world(route):
                self.close()
                self._build(route)
            else:
                self._copy_of_shared()
            self._route = route
        assert self._world is not None
        return self._world

    def _build(self, route: object) -> dict[str, str]:
        from app import app
        env = self._start()
        try:
            self._world = matrix.build_world(ApiClient(app), outbox_pump(env), route)  # type: ignore[arg-type]
        except BaseException:
            self.close()
            raise
        return env

    def _start(self) -> dict[str, str]:
        resources = ExitStack()
        env = resources.enter_context(moto_stack())
        self._resources = resources
        return env

    def _copy_of_shared(self) -> None:
        if self._shared is None:
            self.close()
            env = self._build(matrix.SHARED)
            assert self._world is not None
            self._shared = _Shared(env, moto_snapshot.take(), self._world)
        else:
            if not self._on_shared:
                self.close()
                self._start()
                self._shared.use_env()
            moto_snapshot.put_back(self._shared.state)
            self._world = self._shared.world()
        self._on_shared = True

    def close(self) -> None:
        if self._resources is not None:
            self._resources.close()
        self._resources, self._route, self._world, self._on_shared = None, None, None, False


class _Shared:
    """The shared write world as built: AWS state, the world's own data, the outbox's place."""

    def __init__(self, env: dict[str, str], state: moto_snapshot.State, world: World) -> None:
        self.env, self.state = dict(env), state
        self.position = world.pump.outbox.position  # type: ignore[attr-defined]
        self.data = copy.deepcopy(dataclasses.replace(world, api=None, pump=None))  # type: ignore[arg-type]

    def use_env(self) -> None:
        """The copied AWS has the shared world's names (pool, stream, queue), not the ones a
        fresh start made up."""
        from chalicelib.core.config import reset_settings
        from chalicelib.core.tokens import forget_keys
        os.environ.update(self.env)
        reset_settings()
        forget_keys()

    def world(self) -> World:
        from app import app
        pump = outbox_pump(self.env)
        pump.outbox.resume(self.position)
        return dataclasses.replace(copy.deepcopy(self.data), api=ApiClient(app), pump=pump)


@pytest.fixture(scope="module")
def worlds():
    """Module scope: pytest closes it before any other module's test, whose own mock
    would otherwise share moto's state with it."""
    held = Worlds()
    yield held
    held.close()
