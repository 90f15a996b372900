"""Documents attached to a message: finalised documents of the same room, several per
message. The message's own transaction proves each one attachable (`check`, one
ConditionCheck per document), so attaching costs no read; the message keeps the ids, and
the names, types and sizes follow from the table stream (`kept`, read by the projector)."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.core.errors import BadRequest, BusinessRule
from chalicelib.core.principal import Principal
from chalicelib.documents.records import AVAILABLE, may_read
from chalicelib.store import Attr, FirmStore, Work, exists, keys
from chalicelib.store.conditions import ConditionBase

MAX_ATTACHMENTS = 10
KEPT = ("id", "file_name", "content_type", "size")
NOT_HERE = "no such document in this room"


def refuse_repeats(document_ids: list[str]) -> None:
    """400 for a document named twice (the schema says the ids are unique)."""
    for index, document_id in enumerate(document_ids):
        if document_id in document_ids[:index]:
            raise BadRequest("A document is attached twice.",
                             [{"loc": f"body.attachments.{index}", "msg": "attached twice"}])


def check(work: Work, me: Principal, room_id: str, document_ids: list[str], client_visible: bool) -> None:
    """One ConditionCheck per document in the message's unit of work; a failed one is a 422
    naming the first that cannot be attached: one that exists nowhere it could be attached
    from (another room's, not finalised, not the caller's to see, or internal on a message
    clients read)."""
    for index, document_id in enumerate(document_ids):
        work.check(keys.document(document_id), _attachable(me, room_id, client_visible),
                   refused=_refusal(me, room_id, index, client_visible))


def _attachable(me: Principal, room_id: str, client_visible: bool) -> ConditionBase:
    condition = exists() & Attr("room_id").eq(room_id) & Attr("status").eq(AVAILABLE)
    if client_visible or not me.is_staff:
        condition = condition & (Attr("internal").not_exists() | Attr("internal").eq(False))
    if not me.is_staff:
        condition = condition & Attr("client_id").is_in(list(me.client_ids) or [""])
    return condition


def _refusal(me: Principal, room_id: str, index: int,
             client_visible: bool) -> Callable[[dict[str, Any] | None], Exception]:
    def refused(doc: dict[str, Any] | None) -> Exception:
        problem = _problem(me, room_id, doc, client_visible) or NOT_HERE
        return BusinessRule("A document cannot be attached.", [{"loc": f"body.attachments.{index}", "msg": problem}])
    return refused


def _problem(me: Principal, room_id: str, doc: dict[str, Any] | None, client_visible: bool) -> str | None:
    if doc is None or doc.get("room_id") != room_id or not may_read(me, doc):
        return NOT_HERE
    if doc["status"] != AVAILABLE:
        return f"the document is {doc['status']}; attach it once it is available"
    if client_visible and doc.get("internal"):
        return "an internal document cannot go on a message clients read"
    return None


def kept(db: FirmStore, document_ids: list[str]) -> list[dict[str, Any]]:
    """What a message keeps of each document it names, in its order (one batch read)."""
    found = {d["id"]: d for d in db.get_many([keys.document(i) for i in document_ids])}
    return [{k: found[i][k] for k in KEPT} for i in document_ids if i in found]
