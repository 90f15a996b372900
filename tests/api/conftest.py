from __future__ import annotations

import pytest

from tests.support import ApiClient, sign_up
from bench.calls import AwsCalls
from tests.tenancy import GUARD  # noqa: F401  (hooks botocore before any client is made)

CALLS = AwsCalls().install()


@pytest.fixture
def aws():
    from tests.moto_stack import moto_stack
    with moto_stack() as env:
        yield env


@pytest.fixture
def api(aws):
    from app import app
    return ApiClient(app)


@pytest.fixture
def pump(aws):
    from local.pump import OutboxPump

    handler = OutboxPump(aws["ATRIUM_TABLE_STREAM_ARN"], aws["ATRIUM_OUTBOX_QUEUE_URL"])

    def run(rounds: int = 20) -> int:
        """Delivers what is pending (at most `rounds` passes); returns how many queue
        messages were handled."""
        total = 0
        for _ in range(rounds):
            n = handler.run_once()
            if not n:
                break
            total += n
        return total
    return run


@pytest.fixture
def firm(api):
    return sign_up(api, "northwind", "Northwind Advisory")


@pytest.fixture
def other_firm(api):
    return sign_up(api, "southbank", "Southbank Partners")


@pytest.fixture(autouse=True)
def request_guard(monkeypatch):
    """Every request of the API suite: each key it sends to DynamoDB begins with the
    caller's F#<firm># or is a listed platform key, and it spends no more DynamoDB calls
    than its route may (bench/budget.py)."""
    from bench.budget import allowance
    from tests.tenancy import GUARD, route_of, strays, token_firm
    send = ApiClient.request

    def guarded(self, method, path, json=None, token=None, headers=None, body=None):
        GUARD.keys, GUARD.recording = [], True
        CALLS.reset()
        try:
            resp = send(self, method, path, json=json, token=token, headers=headers, body=body)
        finally:
            GUARD.recording = False
        stray = strays(GUARD.keys, token_firm(token))
        assert not stray, f"{method} {path} sent keys outside the caller's firm: {stray}"
        op, spent = route_of(method, path), CALLS.of("dynamodb")
        if op is not None:
            keyed = any(k.lower() == "idempotency-key" for k in (headers or {}))
            assert len(spent) <= allowance(op.method, op.path, op.public, keyed), \
                f"{op.method} {op.path} made {len(spent)} DynamoDB calls: {spent} (bench/budget.py)"
        return resp
    monkeypatch.setattr(ApiClient, "request", guarded)
