"""A copy of everything the in-process AWS holds, to put back later. The security matrix
builds one world for the write routes that need nothing of their own and gives each of
them a fresh copy: a copy costs a tenth of building the world again through the API."""
from __future__ import annotations

import copy
import copyreg
import sys
import threading
from typing import Any, Iterator

from moto.core.base_backend import BackendDict

# Backends hold locks (a queue, a Condition), which cannot be copied: a copy gets new
# ones. A Condition is renewed whole, since it keeps its lock's bound methods.
copyreg.pickle(type(threading.Lock()), lambda _held: (threading.Lock, ()))
copyreg.pickle(type(threading.RLock()), lambda _held: (threading.RLock, ()))
copyreg.pickle(threading.Condition, lambda _held: (threading.Condition, ()))

State = dict[str, dict[str, dict[str, Any]]]


def _in_use() -> Iterator[tuple[str, BackendDict]]:
    """Every service whose moto module is loaded (only they can hold anything), by the
    `_backends` dict each one keeps at module level."""
    seen: dict[str, BackendDict] = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("moto.") and module is not None:
            for value in list(vars(module).values()):
                if isinstance(value, BackendDict):
                    seen.setdefault(value._id, value)
    for backends in seen.values():
        yield backends._id, backends


def take() -> State:
    """Service (its backends' id) -> account -> region -> backend, copied in one go so that what two
    backends share (a table and its stream) stays shared in the copy."""
    held = {name: {account: dict(regions) for account, regions in backends.items()}
            for name, backends in _in_use() if len(backends)}
    return copy.deepcopy(held)


def put_back(state: State) -> None:
    """Every service as it was when `state` was taken; services used since are emptied."""
    fresh = copy.deepcopy(state)
    for name, backends in _in_use():
        for account, regions in backends.items():
            regions.clear()
            regions.update(fresh.get(name, {}).get(account, {}))
        for account, regions in fresh.get(name, {}).items():
            backends[account].update(regions)
