"""Starting an upload: a pending document and a presigned POST for exactly that file.
The caller's name and the firm's document rules come with the principal; a room's
upload needs the room's client (it owns the document): a portal user's seat names it,
staff name it in the body (the room they upload to named it to them), or, naming none,
the room is read. Then one write guarded by the caller still being in the active room
of that client: a client named wrongly is refused there, so it is checked, not trusted."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.aws import files
from chalicelib.core.errors import BadRequest, BusinessRule, Forbidden, PayloadTooLarge
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.documents import multipart, tickets, types
from chalicelib.documents.models import (DocumentSettings, RoomDocumentCreate, FileDeclaration, MultipartPlan,
                                         UploadClientView, UploadForm, UploadStaffView, client_view, firm_rules,
                                         staff_view)
from chalicelib.documents.records import area_entry, first_version, iso_after, new_document, storage_key
from chalicelib.rooms.access import may_see, member_condition, refusal, require_seat, visible_room
from chalicelib.rooms.records import ACTIVE, CLIENT_SIDE, STAFF_SIDE
from chalicelib.store import Attr, FirmStore, Work, keys


def check_declaration(body: FileDeclaration, rules: DocumentSettings) -> None:
    """The firm's limits and the name's extension, before anything is stored."""
    if body.content_type not in rules.allowed_types:
        raise BusinessRule("This firm does not accept that type of file.",
                           [{"loc": "body.content_type", "msg": f"allowed: {', '.join(rules.allowed_types)}"}])
    if body.size > rules.max_size:
        raise PayloadTooLarge("The file is larger than this firm accepts.",
                              [{"loc": "body.size", "msg": f"at most {rules.max_size} bytes"}])
    if not types.extension_fits(body.file_name, body.content_type):
        wanted = " or ".join(types.KNOWN[body.content_type].extensions)
        raise BadRequest("The file name does not fit its type.",
                         [{"loc": "body.file_name", "msg": f"a {body.content_type} file ends in {wanted}"}])


def uploader(me: Principal) -> dict[str, str]:
    """Who an upload names: the caller, by the name their principal carries."""
    return {"id": me.user_id, "name": me.name, "side": STAFF_SIDE if me.is_staff else CLIENT_SIDE}


def start(me: Principal, room_id: str, body: RoomDocumentCreate) -> UploadStaffView | UploadClientView:
    if body.internal and not me.is_staff:
        raise Forbidden("Only staff keep internal documents.")
    db = FirmStore.of(me)
    client_id = _room_client(db, me, room_id, body.client_id)
    check_declaration(body, firm_rules(me))
    document_id = new_id()
    # The first upload's id is the document's: the key names its version like any later one.
    key = storage_key(me.firm_id, room_id, document_id, document_id)
    work = db.work()
    work.check(keys.room(room_id), member_condition(me, writing=True) & Attr("client_id").eq(client_id),
               refused=_room_refusal(me, body.client_id))
    if not me.is_staff:
        work.delete(keys.done_uploading(room_id))  # new files: saying "done" counts again
    doc = new_document(document_id=document_id, key=key, client_id=client_id, room_id=room_id,
                       uploader=uploader(me), body=body)
    return begin(work, me, doc, body)


def _room_client(db: FirmStore, me: Principal, room_id: str, named: str | None) -> str:
    """Whose document a room's upload is, as the caller names it or else their seat does
    (the write's check proves the room's client is that one); staff who name none read
    the room."""
    if not me.is_staff:
        require_seat(me, room_id)
        return named or me.client_of(room_id) or ""
    return named or visible_room(db, me, room_id, writing=True)["client_id"]


def _room_refusal(me: Principal, named: str | None) -> Callable[[dict[str, Any] | None], Exception]:
    """The room's refusal (404, or 409 archived), and 422 for an open room the caller
    sees whose client is not the one they named."""
    room_refused = refusal(me)

    def refused(old: dict[str, Any] | None) -> Exception:
        if named and old is not None and may_see(me, old) and old["status"] == ACTIVE and old["client_id"] != named:
            return BusinessRule("The room belongs to another client.",
                                [{"loc": "body.client_id", "msg": "not the room's client"}])
        return room_refused(old)
    return refused


def begin(work: Work, me: Principal, doc: dict[str, Any],
          body: FileDeclaration) -> UploadStaffView | UploadClientView:
    """Stores the pending document (its first version, its area entry) with whatever
    checks `work` already holds, then hands out the form or the parts for exactly that
    file, and the ticket that completes it with no read (tickets.py)."""
    stored = work.create(doc)
    version = work.create({**first_version(doc), **multipart.begin(doc["key"], body)})
    work.put(area_entry(doc))
    upload, parts = handout(work, version)
    ticket = tickets.issue(me, stored, version)
    if me.is_staff:
        return UploadStaffView(document=staff_view(stored, me.firm_id), upload=upload, multipart=parts, ticket=ticket)
    return UploadClientView(document=client_view(stored, me.firm_id), upload=upload, multipart=parts, ticket=ticket)


def handout(work: Work, version: dict[str, Any]) -> tuple[UploadForm | None, MultipartPlan | None]:
    """Commits `work` (which stores the pending `version`), then the form to POST or the
    parts to PUT. A multipart upload was created first, for its id to be stored: if the
    commit is refused, it is aborted, so no upload waits for parts nobody may send."""
    try:
        work.commit()
    except Exception:
        if version.get("upload_id"):
            files.abort_multipart(version["key"], version["upload_id"])
        raise
    if version.get("upload_id"):
        return None, multipart.plan(version, multipart.more_path(version["document_id"], version["id"]))
    form = files.upload_form(version["key"], version["size"], version["content_type"])
    return UploadForm(url=form["url"], fields=form["fields"], expires_at=iso_after(files.UPLOAD_SECONDS)), None
