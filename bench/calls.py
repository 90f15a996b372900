"""Counting the AWS calls a request makes, at the HTTP send: botocore's `before-send`
fires once per attempt, so a retried call counts each time it goes out. The hooks are
added to botocore's built-in handlers, which every session and client made afterwards
copies (the in-process mock replaces boto3's default session, so a hook on it would be
lost); the counter goes first, because the mock's own `before-send` answers the request
and stops the handlers after it."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from botocore import handlers


@dataclass
class Call:
    service: str
    operation: str


@dataclass
class AwsCalls:
    calls: list[Call] = field(default_factory=list)
    _elapsed: float = 0.0
    _started: list[float] = field(default_factory=list)

    def install(self) -> "AwsCalls":
        """Must run before the first client is made: clients copy the hooks they find."""
        handlers.BUILTIN_HANDLERS.insert(0, ("before-send", self._sent))
        handlers.BUILTIN_HANDLERS.append(("before-call", self._before))
        handlers.BUILTIN_HANDLERS.append(("after-call", self._after))
        return self

    def _sent(self, event_name: str, **_: Any) -> None:
        _, service, operation = event_name.split(".", 2)
        self.calls.append(Call(service, operation))

    def _before(self, **_: Any) -> None:
        self._started.append(time.perf_counter())

    def _after(self, **_: Any) -> None:
        if self._started:
            self._elapsed += time.perf_counter() - self._started.pop()

    def reset(self) -> None:
        self.calls.clear()
        self._started.clear()
        self._elapsed = 0.0

    def of(self, service: str) -> list[str]:
        return [c.operation for c in self.calls if c.service == service]

    def seconds(self) -> float:
        """Time spent inside AWS calls (the mock's work), retries included."""
        return self._elapsed
