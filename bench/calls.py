"""Counting the AWS calls a request makes, with botocore event hooks. They are added to
botocore's built-in handlers, which every session and client made afterwards copies:
the in-process mock replaces boto3's default session, so a hook on it would be lost."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from botocore import handlers


@dataclass
class Call:
    service: str
    operation: str
    seconds: float = 0.0


@dataclass
class AwsCalls:
    calls: list[Call] = field(default_factory=list)
    _started: list[float] = field(default_factory=list)

    def install(self) -> "AwsCalls":
        """Must run before the first client is made: clients copy the hooks they find."""
        handlers.BUILTIN_HANDLERS.append(("before-call", self._before))
        handlers.BUILTIN_HANDLERS.append(("after-call", self._after))
        return self

    def _before(self, model: Any, **_: Any) -> None:
        self.calls.append(Call(model.service_model.endpoint_prefix, model.name))
        self._started.append(time.perf_counter())

    def _after(self, **_: Any) -> None:
        if self._started:
            self.calls[-1].seconds = time.perf_counter() - self._started.pop()

    def reset(self) -> None:
        self.calls.clear()
        self._started.clear()

    def of(self, service: str) -> list[str]:
        return [c.operation for c in self.calls if c.service == service]

    def seconds(self) -> float:
        return sum(c.seconds for c in self.calls)
