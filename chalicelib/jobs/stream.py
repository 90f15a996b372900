"""The table stream's one reader (the OutboxDispatch function): new outbox messages go
to the delivery queue, and the changes of item types that have projections are followed
(chalicelib.store.projection). The deployed stream mapping passes only those records
(infra/backend.py reads PROJECTED, so this module imports nothing until it runs)."""
from __future__ import annotations

import importlib
from typing import Any

# Item types whose changes are followed, each by its domain's projector.
PROJECTED = {
    "firm": "chalicelib.firms.public:follow_firm",
    "opportunity": "chalicelib.opportunities.copies:follow_opportunity",
    "client": "chalicelib.clients.copies:follow_client",
    "document": "chalicelib.documents.trail:follow_document",
    "user": "chalicelib.clients.copies:follow_professional",
    "room": "chalicelib.rooms.copies:follow_room",
    "document_version": "chalicelib.documents.upload_stream:follow_upload",
    "contact": "chalicelib.clients.links:follow_contact",
    "feed": "chalicelib.messages.copies:follow_feed_item",
    "client_portal": "chalicelib.portal.events:follow_client_date",
    "client_survey": "chalicelib.surveys.copies:follow_answer",
    "service": "chalicelib.surveys.copies:follow_service",
    "survey": "chalicelib.surveys.copies:follow_survey",
    "service_timeline": "chalicelib.phases.copies:follow_definition",
    "invitation": "chalicelib.invitations.mail:follow_invitation",
}


def _projector(item_type: str) -> Any:
    module, name = PROJECTED[item_type].split(":")
    return getattr(importlib.import_module(module), name)


def _type_of(record: dict[str, Any]) -> str | None:
    change = record.get("dynamodb", {})
    return (change.get("NewImage") or change.get("OldImage") or {}).get("type", {}).get("S")


def on_stream(event: dict[str, Any]) -> dict[str, int]:
    from chalicelib.outbox import service as outbox
    from chalicelib.store.projection import follow
    from chalicelib.store.wire import from_ddb
    records = event.get("Records", [])
    inserted = [from_ddb(r["dynamodb"]["NewImage"]) for r in records
                if r.get("eventName") == "INSERT" and "NewImage" in r.get("dynamodb", {})]
    queued = outbox.dispatch(inserted)
    followed = sum(follow(r, _projector(t)) for r in records if (t := _type_of(r)) in PROJECTED)
    return {"queued": queued, "followed": followed}
