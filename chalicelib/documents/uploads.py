"""Starting an upload: a pending document and a presigned POST for exactly that file.
The caller's name and the firm's document rules come with the principal; a room's
upload needs the room's client (it owns the document): a portal user's seat names it,
staff read the room. Then one write guarded by the caller still being in the active
room of that client."""
from __future__ import annotations

from typing import Any

from chalicelib.aws import files
from chalicelib.core.errors import BadRequest, BusinessRule, Forbidden, PayloadTooLarge
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.documents import multipart, types
from chalicelib.documents.models import (DocumentCreate, DocumentSettings, FileDeclaration, MultipartPlan,
                                         UploadClientView, UploadForm, UploadStaffView, client_view, firm_rules,
                                         staff_view)
from chalicelib.documents.records import area_entry, first_version, iso_after, new_document, storage_key
from chalicelib.rooms.access import member_condition, refusal, require_seat, visible_room
from chalicelib.rooms.records import CLIENT_SIDE, STAFF_SIDE
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


def start(me: Principal, room_id: str, body: DocumentCreate) -> UploadStaffView | UploadClientView:
    if body.internal and not me.is_staff:
        raise Forbidden("Only staff keep internal documents.")
    db = FirmStore.of(me)
    client_id = _room_client(db, me, room_id)
    check_declaration(body, firm_rules(me))
    document_id = new_id()
    # The first upload's id is the document's: the key names its version like any later one.
    key = storage_key(me.firm_id, room_id, document_id, document_id)
    work = db.work()
    work.check(keys.room(room_id), member_condition(me, writing=True) & Attr("client_id").eq(client_id),
               refused=refusal(me))
    if not me.is_staff:
        work.delete(keys.done_uploading(room_id))  # new files: saying "done" counts again
    doc = new_document(document_id=document_id, key=key, client_id=client_id, room_id=room_id,
                       uploader=uploader(me), body=body)
    return begin(work, me, doc, body)


def _room_client(db: FirmStore, me: Principal, room_id: str) -> str:
    """Whose document a room's upload is: a portal user's seat names the room's client
    (the write's check proves it still is); staff read the room."""
    if me.is_staff:
        return visible_room(db, me, room_id, writing=True)["client_id"]
    require_seat(me, room_id)
    return me.client_of(room_id) or ""


def begin(work: Work, me: Principal, doc: dict[str, Any],
          body: FileDeclaration) -> UploadStaffView | UploadClientView:
    """Stores the pending document (its first version, its area entry) with whatever
    checks `work` already holds, then hands out the form or the parts for exactly that file."""
    work.create(doc)
    version = work.create({**first_version(doc), **multipart.begin(doc["key"], body)})
    work.put(area_entry(doc))
    upload, parts = handout(work, version)
    if me.is_staff:
        return UploadStaffView(document=staff_view(doc), upload=upload, multipart=parts)
    return UploadClientView(document=client_view(doc), upload=upload, multipart=parts)


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
