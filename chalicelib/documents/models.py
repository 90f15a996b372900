"""Documents as the API speaks of them. Staff see where a file is stored, who may see it
and why it was rejected in full; a portal user sees the file, its state and a plain
reason, never the storage key or the internal flag."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from chalicelib.core import sealed
from chalicelib.core.models import Flag, Input, Integer, PartialUpdate, Ref, View, kept_if_absent, shown
from chalicelib.core.pagination import PageQuery
from chalicelib.core.portal_item import document_rules
from chalicelib.core.principal import Principal
from chalicelib.documents import as_read, names
from chalicelib.documents.types import DEFAULT_TYPES, KNOWN

MB = 1024 * 1024
GB = 1024 * MB
DEFAULT_MAX_SIZE = 100 * MB
MAX_SIZE_CEILING = 5 * GB
MIN_PART = 5 * MB  # S3 refuses a smaller part, the last one excepted
# The most parts a file this API takes can have: the document says no more, so a list of
# them always fits in a request body.
MOST_PARTS = -(-MAX_SIZE_CEILING // MIN_PART)

Status = Literal["pending", "scanning", "available", "rejected", "quarantined", "unscanned", "trashed", "purged"]
ContentType = Annotated[str, Field(min_length=3, max_length=200)]
KnownType = Literal[tuple(KNOWN)]  # type: ignore[valid-type]  (the types.py table is the one list)


def _file_name(value: str) -> str:
    problem = names.problem_with(value)
    if problem:
        raise ValueError(f"the file name {problem}")
    return value


FileName = Annotated[str, Field(min_length=1, max_length=names.MAX_NAME, json_schema_extra=names.in_schema,
                                description="The name people will see; never part of the storage key."),
                     AfterValidator(_file_name)]


class FileDeclaration(Input):
    """What an upload will send: a new document's first bytes or a new version."""
    model_config = Input.model_config | {"str_strip_whitespace": False}
    file_name: FileName
    content_type: ContentType
    size: Integer = Field(gt=0, le=MAX_SIZE_CEILING, description="Exact size in bytes; the upload must match it.")
    multipart: bool = Field(False, description="Send the file in parts (presigned PUTs) rather than one POST; "
                                               "files over 100 MiB always go in parts.")


FolderName = shown(100, refused="/\\\\", description="A folder of the client's document area; no slashes.")


class VersionDeclaration(FileDeclaration):
    """A new version's file, and the document as the caller last had it answered."""
    sealed: str | None = Field(None, max_length=as_read.SEALED_MAX, pattern=sealed.PATTERN,
                               description="The document's `sealed` value from its last answer: with it, "
                                           "starting the version reads nothing first.")


class DocumentCreate(FileDeclaration):
    internal: Flag = Field(False, description="Staff only: a document clients never see.")
    folder: FolderName | None = None


class RoomDocumentCreate(DocumentCreate):
    client_id: Ref | None = Field(None, description="The room's client, as the room names it (checked, never "
                                                    "trusted): staff who name it spare the room a read.")


class DocumentUpdate(PartialUpdate):
    """Rename, move, or both; `folder: null` moves the document out of any folder."""
    model_config = {"str_strip_whitespace": False}
    file_name: FileName = kept_if_absent(description="A document keeps a name: it may change, not go.")
    folder: FolderName | None = None

    @model_validator(mode="after")
    def _something(self) -> "DocumentUpdate":
        if not self.model_fields_set:
            raise ValueError("give file_name, folder or both")
        return self


class UploadForm(View):
    """Where and how to POST the file (multipart/form-data: every field, then `file`)."""
    url: str
    fields: dict[str, str]
    expires_at: str


class PartUrl(View):
    part_number: int
    url: str


class MultipartPlan(View):
    """The file in parts: PUT bytes from (n - 1) * part_size, part_size of them (the last
    part holds the rest), to part n's URL; keep each answer's ETag header; then complete
    with every {part_number, etag}. The URLs expire at expires_at; `more` hands out the
    rest, and fresh ones, by part number."""
    part_size: int
    part_count: int
    parts: list[PartUrl]
    expires_at: str
    more: str = Field(description="GET it with ?first=&last= (at most 100 parts at a time) for more part URLs.")


class PartUrls(View):
    parts: list[PartUrl]
    expires_at: str


class PartRange(Input):
    """Each number alone is checked here; how they fit together and with the upload
    (first <= last < first + 100, first within the upload's parts) answers 422."""
    first: int = Field(1, ge=1, le=MOST_PARTS, description="The first part number wanted.")
    last: int | None = Field(None, ge=1, le=MOST_PARTS, description="The last part number wanted; at most 100 at a time.")


class UploadedPart(Input):
    part_number: Integer = Field(ge=1, le=MOST_PARTS)
    etag: str = Field(min_length=1, max_length=100, description="The ETag header S3 answered the part's PUT with.")


class CompleteUpload(Input):
    """A multipart upload completes with every part it sent, numbered from 1; an upload
    sent with the form completes with no parts. Either may return its start's ticket."""
    parts: list[UploadedPart] | None = Field(None, min_length=1, max_length=MOST_PARTS)
    ticket: str | None = Field(None, max_length=4096, pattern=sealed.PATTERN,
                               description="The ticket the upload's start gave: completing with it reads nothing "
                                           "first.")


class DocumentClientView(View):
    id: str
    file_name: str
    content_type: str
    size: int
    status: Status
    reason: str | None = None
    room_id: str | None = None
    folder: str | None = None
    uploaded_by: str
    uploaded_by_name: str = ""
    created_at: str
    available_at: str | None = None
    sealed: str = Field(description="The document as answered, signed: send it back to start a new version "
                                    "with no read (what a portal user may see of it, nothing more).")


class DocumentStaffView(DocumentClientView):
    client_id: str
    internal: bool
    key: str
    version: int
    trashed_at: str | None = Field(None, description="In the trash since; restore it before purge_at.")
    trashed_by: str | None = None
    purge_at: str | None = Field(None, description="When the purge sweep deletes every version's bytes.")
    purged_at: str | None = None


TICKET_DESCRIPTION = "Send it back with complete: it spares a read of the upload (sealed; the uploader's own)."


class UploadClientView(View):
    """`upload` (a form to POST) or `multipart` (parts to PUT), never both."""
    document: DocumentClientView
    upload: UploadForm | None = None
    multipart: MultipartPlan | None = None
    ticket: str = Field(description=TICKET_DESCRIPTION)


class UploadStaffView(View):
    document: DocumentStaffView
    upload: UploadForm | None = None
    multipart: MultipartPlan | None = None
    ticket: str = Field(description=TICKET_DESCRIPTION)


class VersionView(View):
    """One upload of a document's bytes. `number` counts the available versions in the
    order they became current; the highest is the document's current version."""
    id: str
    document_id: str
    number: int | None = None
    file_name: str
    content_type: str
    size: int
    status: Status
    reason: str | None = None
    uploaded_by: str
    uploaded_by_name: str = ""
    created_at: str
    available_at: str | None = None
    current: bool = False


class VersionUploadView(View):
    version: VersionView
    upload: UploadForm | None = None
    multipart: MultipartPlan | None = None
    ticket: str = Field(description=TICKET_DESCRIPTION)


class DownloadQuery(Input):
    version: str | None = Field(None, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9]+$",
                                description="A version's id (GET /documents/{id}/versions); the current one if absent.")


class DownloadView(View):
    url: str
    expires_at: str
    file_name: str


class AccessView(View):
    id: str
    document_id: str
    version: str | None = None
    file_name: str
    action: str
    at: str
    user_id: str | None = None
    user_role: str | None = None
    source_ip: str | None = None
    user_agent: str | None = None
    detail: str | None = None


class DocumentQuery(PageQuery):
    q: str | None = Field(None, min_length=1, max_length=100, description="Part of the file name.")


class AreaQuery(DocumentQuery):
    folder: FolderName | None = Field(None, description="Only the documents of this folder.")


class StorageView(View):
    storage_bytes: int = Field(0, description="Bytes stored, every kept version included (trash too, until purged).")
    document_count: int = Field(0, description="Documents that were ever available and are not purged.")


class DocumentSettings(Input):
    max_size: Integer = Field(DEFAULT_MAX_SIZE, gt=0, le=MAX_SIZE_CEILING, description="Largest file in bytes.")
    allowed_types: list[KnownType] = Field(default_factory=lambda: list(DEFAULT_TYPES), min_length=1,
                                           max_length=len(KNOWN), description="Types portal users and staff may "
                                                                              "upload; repeats count once.")
    done_uploading: Flag = Field(True, description="Portal users may say they are done uploading.")

    @field_validator("allowed_types")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        return sorted(set(value))


def document_settings(portal: dict[str, Any] | None) -> DocumentSettings:
    """The rules as the firm's portal options item keeps them."""
    return DocumentSettings(**document_rules(portal))


def firm_rules(me: Principal) -> DocumentSettings:
    """The same rules as they came with the caller's principal: no read."""
    return DocumentSettings(**me.document_rules)


def _fields(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "version": doc.get("v", 1)}


def staff_view(doc: dict[str, Any], firm_id: str) -> DocumentStaffView:
    return DocumentStaffView(**_fields(doc), sealed=as_read.seal_document(firm_id, doc, for_staff=True))


def client_view(doc: dict[str, Any], firm_id: str) -> DocumentClientView:
    return DocumentClientView(**_fields(doc), sealed=as_read.seal_document(firm_id, doc, for_staff=False))


def version_view(version: dict[str, Any], doc: dict[str, Any]) -> VersionView:
    return VersionView(**version, current=version["id"] == doc.get("current_version") and
                       version["status"] == "available")
