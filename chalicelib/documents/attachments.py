"""Documents attached to a message: finalised documents of the same room, several per
message. The message's own batch read fetches them (`keys_of`), so attaching costs no
extra call; `attach` checks each and returns what the message keeps of it."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.core.errors import BadRequest, BusinessRule
from chalicelib.core.principal import Principal
from chalicelib.documents.records import AVAILABLE, may_read
from chalicelib.store import keys

MAX_ATTACHMENTS = 10
KEPT = ("id", "file_name", "content_type", "size")


def keys_of(document_ids: list[str]) -> list[dict[str, str]]:
    return [keys.document(d) for d in document_ids]


def attach(me: Principal, room_id: str, document_ids: list[str], client_visible: bool,
           found: Callable[[dict[str, str]], dict[str, Any] | None]) -> list[dict[str, Any]]:
    """The attachments as the message stores them, or a problem naming the first that
    cannot be attached: 400 for one named twice (the schema says the ids are unique), 422
    for one that exists nowhere it could be attached from (another room's, not finalised,
    not the caller's to see, or internal on a message clients read)."""
    kept = []
    for index, document_id in enumerate(document_ids):
        doc = found(keys.document(document_id))
        where = [{"loc": f"body.attachments.{index}", "msg": "attached twice"}]
        if document_id in document_ids[:index]:
            raise BadRequest("A document is attached twice.", where)
        problem = _problem(me, room_id, doc, client_visible)
        if problem:
            raise BusinessRule("A document cannot be attached.", [{**where[0], "msg": problem}])
        kept.append({k: doc[k] for k in KEPT})  # type: ignore[index]
    return kept


def _problem(me: Principal, room_id: str, doc: dict[str, Any] | None, client_visible: bool) -> str | None:
    if doc is None or doc.get("room_id") != room_id or not may_read(me, doc):
        return "no such document in this room"
    if doc["status"] != AVAILABLE:
        return f"the document is {doc['status']}; attach it once it is available"
    if client_visible and doc.get("internal"):
        return "an internal document cannot go on a message clients read"
    return None
