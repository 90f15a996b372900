import functools
from typing import Any, Callable

from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import CLIENT, FIRM_ROLES, MANAGERS
from chalicelib.documents import (area, cancelling, done, downloads, filing, finalise, listing, service, uploads,
                                  versions)
from chalicelib.documents.models import (AccessView, AreaQuery, CompleteUpload, PartRange, PartUrls, StorageView,
                                         DocumentClientView, DocumentCreate, DocumentQuery, RoomDocumentCreate,
                                         DocumentSettings, DocumentStaffView, DocumentUpdate, DownloadQuery, DownloadView,
                                         UploadClientView, UploadStaffView, VersionDeclaration,
                                         VersionUploadView, VersionView)
from chalicelib.documents.records import Caller
from chalicelib.portal.tools import require_tool

api = Api(__name__, "Documents")


def documents_tool(handler: Callable[..., Any]) -> Callable[..., Any]:
    """A route of the documents tool: 404 for a portal user whose firm hides the tool."""
    @functools.wraps(handler)
    def guarded(call: Call, **path: str) -> Any:
        require_tool(call.me, "documents")
        return handler(call, **path)
    return guarded


def caller(call: Call) -> Caller:
    identity = (call.request.context or {}).get("identity") or {}
    return Caller.of(call.me, identity.get("sourceIp"), (call.request.headers or {}).get("user-agent"))


@api.route("POST", "/rooms/{room_id}/documents", body=RoomDocumentCreate, response=UploadStaffView,
           client_response=UploadClientView,
           status=201, summary="Start an upload: a pending document and a presigned POST for exactly that file",
           errors=(400, 403, 404, 409, 413, 422))
@documents_tool
def start_upload(call: Call, room_id: str):
    return uploads.start(call.me, room_id, call.body)


@api.route("POST", "/documents/{document_id}/complete", body=CompleteUpload, optional_body=True,
           response=DocumentStaffView, client_response=DocumentClientView,
           summary="Finalise one's own upload (one sent in parts: with its parts, which are joined first): checked "
                   "against its declaration, then available or rejected (a repeat changes nothing)",
           errors=(400, 404, 409, 422))
@documents_tool
def complete(call: Call, document_id: str):
    return finalise.complete(call.me, document_id, caller(call), call.body.parts, call.body.ticket)


@api.route("GET", "/documents/{document_id}", response=DocumentStaffView,
           client_response=DocumentClientView,
           summary="A document (portal users: client-visible ones of their rooms)", errors=(404,))
@documents_tool
def read(call: Call, document_id: str):
    return service.read(call.me, document_id)


@api.route("GET", "/documents/{document_id}/download", query=DownloadQuery, response=DownloadView,
           summary="A presigned link (5 minutes) that saves the file (the current version, or ?version=) under "
                   "its name; every one is recorded", errors=(400, 404, 409))
@documents_tool
def download(call: Call, document_id: str):
    return downloads.download(call.me, document_id, caller(call), call.query.version)


@api.route("POST", "/documents/{document_id}/versions", body=VersionDeclaration, response=VersionUploadView,
           status=201, summary="Start a new version: a pending upload and a presigned POST for exactly that file; "
                               "older versions are kept (If-Match: the document's version)",
           errors=(400, 403, 404, 409, 412, 413, 422))
@documents_tool
def start_version(call: Call, document_id: str):
    return versions.start(call.me, document_id, call.body, call.if_match)


@api.route("POST", "/documents/{document_id}/versions/{version_id}/complete", body=CompleteUpload,
           optional_body=True, response=VersionView,
           summary="Finalise one's own version upload (one sent in parts: with its parts): checked, then the "
                   "current version or rejected (a repeat changes nothing)", errors=(400, 404, 409, 422))
@documents_tool
def complete_version(call: Call, document_id: str, version_id: str):
    return versions.complete(call.me, document_id, version_id, caller(call), call.body.parts, call.body.ticket)


@api.route("GET", "/documents/{document_id}/versions/{version_id}/parts", query=PartRange, response=PartUrls,
           summary="Fresh presigned PUT URLs (15 minutes) for parts of one's own pending multipart upload; a "
                   "first upload's version id is the document's", errors=(400, 404, 409, 422))
@documents_tool
def part_urls(call: Call, document_id: str, version_id: str):
    return versions.part_urls(call.me, document_id, version_id, call.query)


@api.route("POST", "/documents/{document_id}/versions/{version_id}/cancel", response=VersionView,
           summary="Cancel one's own pending multipart upload: it ends rejected and S3 drops its parts",
           errors=(404, 409))
@documents_tool
def cancel_upload(call: Call, document_id: str, version_id: str):
    return cancelling.cancel(call.me, document_id, version_id, caller(call))


@api.route("GET", "/documents/{document_id}/versions", query=PageQuery, response=ListOf[VersionView],
           summary="A document's versions in upload order, who uploaded each; the current one is marked",
           errors=(400, 404))
@documents_tool
def list_versions(call: Call, document_id: str):
    return versions.listing(call.me, document_id, call.query)


@api.route("GET", "/documents/{document_id}/access", roles=FIRM_ROLES, query=PageQuery, response=ListOf[AccessView],
           summary="Who uploaded, downloaded or removed this document, when and from where; newest first",
           errors=(400, 404))
def access(call: Call, document_id: str):
    return downloads.history(call.me, document_id, call.query)


@api.route("GET", "/clients/{client_id}/document-trail", roles=FIRM_ROLES, query=PageQuery,
           response=ListOf[AccessView],
           summary="Everything that happened to a client's documents (uploads, versions, downloads, renames, "
                   "trash, purges), who did it and from where; newest first", errors=(400, 403, 404))
def document_trail(call: Call, client_id: str):
    return downloads.trail(call.me, client_id, call.query)


@api.route("GET", "/rooms/{room_id}/documents", query=DocumentQuery, response=ListOf[DocumentStaffView],
           client_response=ListOf[DocumentClientView],
           summary="A room's documents, newest first (portal users: client-visible ones); q searches names",
           errors=(400, 404))
@documents_tool
def room_documents(call: Call, room_id: str):
    return listing.room_documents(call.me, room_id, call.query)


@api.route("PATCH", "/documents/{document_id}", roles=FIRM_ROLES, body=DocumentUpdate, response=DocumentStaffView,
           summary="Rename a document or move it to another folder (If-Match: its version)",
           errors=(400, 403, 404, 409, 412))
def update(call: Call, document_id: str):
    return filing.update(call.me, document_id, call.body, call.if_match, caller(call))


@api.route("DELETE", "/documents/{document_id}", roles=FIRM_ROLES, response=DocumentStaffView,
           summary="Put a document in the trash: restorable for 30 days, then every version is purged",
           errors=(403, 404, 409, 412))
def trash(call: Call, document_id: str):
    return filing.trash(call.me, document_id, call.if_match, caller(call))


@api.route("POST", "/documents/{document_id}/restore", roles=FIRM_ROLES, response=DocumentStaffView,
           summary="Take a document out of the trash, as it was", errors=(403, 404, 409))
def restore(call: Call, document_id: str):
    return filing.restore(call.me, document_id, caller(call))


@api.route("GET", "/firm/document-trash", roles=FIRM_ROLES, query=PageQuery, response=ListOf[DocumentStaffView],
           summary="The firm's trashed documents, most recently trashed first, with when each is purged",
           errors=(400, 403))
def trash_list(call: Call):
    return filing.trash_list(call.me, call.query)


@api.route("GET", "/clients/{client_id}/documents", query=AreaQuery, response=ListOf[DocumentStaffView],
           client_response=ListOf[DocumentClientView],
           summary="A client's document area: its own uploads and the documents of all its rooms, newest first "
                   "(portal users: client-visible ones); folder= one folder, q= part of the name",
           errors=(400, 404))
@documents_tool
def area_documents(call: Call, client_id: str):
    return listing.area_documents(call.me, client_id, call.query)


@api.route("POST", "/clients/{client_id}/documents", body=DocumentCreate, response=UploadStaffView,
           client_response=UploadClientView, status=201,
           summary="Upload into a client's document area (optionally into a folder): a pending document and a "
                   "presigned POST", errors=(400, 403, 404, 409, 413, 422))
@documents_tool
def start_area_upload(call: Call, client_id: str):
    return area.start(call.me, client_id, call.body)


@api.route("GET", "/firm/storage", roles=FIRM_ROLES, response=StorageView,
           summary="Storage the firm uses: bytes of every kept version (trash included until purged), documents")
def firm_storage(call: Call):
    return area.firm_storage(call.me)


@api.route("GET", "/firm/document-settings", roles=FIRM_ROLES, response=DocumentSettings,
           summary="The firm's document rules: largest file, accepted types, done uploading")
def read_settings(call: Call):
    return service.read_settings(call.me)


@api.route("PUT", "/firm/document-settings", roles=MANAGERS, body=DocumentSettings, response=DocumentSettings,
           summary="Set the firm's document rules (largest file up to 5 GB, accepted types)", errors=(400,))
def write_settings(call: Call):
    return service.write_settings(call.me, call.body)


@api.route("POST", "/rooms/{room_id}/done-uploading", roles=(CLIENT,), response=done.DoneView,
           summary="A portal user has sent everything: staff are told once, until the next upload",
           errors=(404, 409, 422))
def say_done(call: Call, room_id: str):
    return done.say_done(call.me, room_id)


@api.route("GET", "/rooms/{room_id}/done-uploading", response=done.DoneView,
           summary="Whether the firm received a 'done uploading' since the last upload", errors=(404,))
def read_done(call: Call, room_id: str):
    return done.read_done(call.me, room_id)
