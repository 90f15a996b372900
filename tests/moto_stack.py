"""A fresh in-process AWS (moto) with every Atrium resource: one per API test, per
security-suite world and per benchmark world."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

from moto import mock_aws

from tests import fast_moto


@contextmanager
def moto_stack() -> Iterator[dict[str, str]]:
    import local.bootstrap
    from chalicelib.core.config import reset_settings
    from chalicelib.core.tokens import forget_keys
    from local.moto_sns import endpoints_report_user_data
    fast_moto.install()
    endpoints_report_user_data()  # as the local stack's emulator does
    with mock_aws():
        env = local.bootstrap.bootstrap()
        os.environ.update(env)
        # Atrium's cached clients stay: region and endpoint are the same in every world.
        reset_settings()
        forget_keys()
        yield env


def outbox_pump(env: dict[str, str]) -> "Pump":
    return Pump(env)


class Pump:
    """Delivers everything pending (stream -> queue -> SES), as AWS would by itself."""

    def __init__(self, env: dict[str, str]) -> None:
        from local.pump import OutboxPump
        self.outbox = OutboxPump(env["ATRIUM_TABLE_STREAM_ARN"], env["ATRIUM_OUTBOX_QUEUE_URL"])

    def __call__(self) -> int:
        total = 0
        for _ in range(100):  # bounded: a stuck queue must not hang the suite
            handled = self.outbox.run_once()
            if not handled:
                break
            total += handled
        return total
