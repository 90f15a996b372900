"""Documents as the API speaks of them. Staff see where a file is stored, who may see it
and why it was rejected in full; a portal user sees the file, its state and a plain
reason, never the storage key or the internal flag."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from chalicelib.core.models import Input, View
from chalicelib.core.pagination import PageQuery
from chalicelib.documents import names
from chalicelib.documents.types import DEFAULT_TYPES, KNOWN

MB = 1024 * 1024
GB = 1024 * MB
DEFAULT_MAX_SIZE = 100 * MB
MAX_SIZE_CEILING = 5 * GB

Status = Literal["pending", "available", "rejected"]
ContentType = Annotated[str, Field(min_length=3, max_length=200)]


class DocumentCreate(Input):
    model_config = Input.model_config | {"str_strip_whitespace": False}
    file_name: str = Field(min_length=1, max_length=names.MAX_NAME,
                           description="The name people will see; never part of the storage key.")
    content_type: ContentType
    size: int = Field(gt=0, le=MAX_SIZE_CEILING, strict=True, description="Exact size in bytes; the upload must match it.")
    internal: bool = Field(False, description="Staff only: a document clients never see.")

    @field_validator("file_name")
    @classmethod
    def _name(cls, value: str) -> str:
        problem = names.problem_with(value)
        if problem:
            raise ValueError(f"the file name {problem}")
        return value


class UploadForm(View):
    """Where and how to POST the file (multipart/form-data: every field, then `file`)."""
    url: str
    fields: dict[str, str]
    expires_at: str


class DocumentClientView(View):
    id: str
    file_name: str
    content_type: str
    size: int
    status: Status
    reason: str | None = None
    room_id: str | None = None
    uploaded_by: str
    uploaded_by_name: str = ""
    created_at: str
    available_at: str | None = None


class DocumentStaffView(DocumentClientView):
    client_id: str
    internal: bool
    key: str
    version: int


class UploadClientView(View):
    document: DocumentClientView
    upload: UploadForm


class UploadStaffView(View):
    document: DocumentStaffView
    upload: UploadForm


class DownloadView(View):
    url: str
    expires_at: str
    file_name: str


class AccessView(View):
    id: str
    document_id: str
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


class DocumentSettings(Input):
    max_size: int = Field(DEFAULT_MAX_SIZE, gt=0, le=MAX_SIZE_CEILING, description="Largest file in bytes.")
    allowed_types: list[ContentType] = Field(default_factory=lambda: list(DEFAULT_TYPES), min_length=1,
                                             max_length=len(KNOWN))
    done_uploading: bool = Field(True, description="Portal users may say they are done uploading.")

    @field_validator("allowed_types")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(KNOWN))
        if unknown:
            raise ValueError(f"unknown types {unknown}; known: {sorted(KNOWN)}")
        return sorted(set(value))


def document_settings(firm: dict[str, Any] | None) -> DocumentSettings:
    return DocumentSettings(**((firm or {}).get("document_settings") or {}))


def _fields(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "version": doc.get("v", 1)}


def staff_view(doc: dict[str, Any]) -> DocumentStaffView:
    return DocumentStaffView(**_fields(doc))


def client_view(doc: dict[str, Any]) -> DocumentClientView:
    return DocumentClientView(**_fields(doc))
