"""The Lambda functions app.py defines, as Chalice names them in its template."""

from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import Duration

from settings import Settings


@dataclass(frozen=True)
class Function:
    logical_id: str  # the resource name in the template `chalice package` writes
    name: str        # the name app.py gives the function
    timeout: int     # seconds
    memory: int      # MB; Lambda's CPU share grows with it, so latency-bound ones get more

    def function_name(self, settings: Settings) -> str:
        return f"{settings.prefix}-{self.name}"

    @property
    def timeout_duration(self) -> Duration:
        return Duration.seconds(self.timeout)


# API Gateway gives up after 29 s, so the API handler cannot use more.
API = Function("APIHandler", "api", 29, 512)
AUTHORIZER = Function("JwtAuth", "jwt_auth", 10, 512)
OUTBOX_DISPATCH = Function("OutboxDispatch", "outbox_dispatch", 30, 256)
OUTBOX_SEND = Function("OutboxSend", "outbox_send", 60, 256)
SWEEP = Function("Sweep", "sweep", 300, 256)
SCHEDULED_REMINDER = Function("ScheduledReminder", "scheduled_reminder", 60, 256)
OPPORTUNITY_DIGEST = Function("OpportunityDigest", "opportunity_digest", 300, 256)
IDLE_ROOMS = Function("IdleRooms", "idle_rooms", 300, 256)
# Reads the first bytes of an upload to check its type: more memory, more network share.
DOCUMENT_STORED = Function("DocumentStored", "document_stored", 60, 512)

ALL = (API, AUTHORIZER, OUTBOX_DISPATCH, OUTBOX_SEND, SWEEP, SCHEDULED_REMINDER, OPPORTUNITY_DIGEST, IDLE_ROOMS,
       DOCUMENT_STORED)
# Invoked asynchronously (by a schedule, EventBridge Scheduler or an EventBridge rule):
# failures need a destination.
ASYNC = (SWEEP, SCHEDULED_REMINDER, OPPORTUNITY_DIGEST, IDLE_ROOMS, DOCUMENT_STORED)
