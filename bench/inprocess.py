"""Worlds on the in-process AWS, built the way the security matrix builds them, so the
benchmarks exercise each route with the same resources, ids and bodies."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from tests.security import matrix
from tests.moto_stack import moto_stack, outbox_pump
from tests.security.world import World
from tests.support import ApiClient


@contextmanager
def world_for(route: matrix.Route | None = None) -> Iterator[World]:
    from app import app
    with moto_stack() as env:
        yield matrix.build_world(ApiClient(app), outbox_pump(env), route)
