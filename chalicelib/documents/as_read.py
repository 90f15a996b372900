"""A document as the API last answered it, sealed (core.sealed) into every answer that
shows it, so starting a new version takes where it lives, its version and counts from
the request instead of reading it first. The start is pinned to the version sealed: a
document changed since is refused, and the refusal returns it as it now stands.

A portal user's answer is base64 JSON they can decode, so what is sealed for them is only
what the client view shows them and the version counts they see in its list of versions:
not the storage key, the internal flag (a document they may read is never internal) or
its client (their seat in its room names that). Staff's also holds the client and the
flag."""
from __future__ import annotations

from typing import Any

from chalicelib.core import sealed
from chalicelib.core.principal import Principal

# What starting a new version takes of its document (versions.py, and the ticket it hands out).
_SEALED = ("id", "v", "status", "version_count", "available_at", "room_id", "file_name", "uploaded_by",
           "uploaded_by_name", "current_version")
_STAFF_ALSO = ("client_id", "internal")
SEALED_MAX = 16384  # long non-ASCII file and uploader names, JSON-escaped (up to 12 bytes a character), in base64


def _scope(firm_id: str, document_id: str) -> str:
    return f"document:{firm_id}:{document_id}"


def seal_document(firm_id: str, doc: dict[str, Any], for_staff: bool) -> str:
    fields = _SEALED + _STAFF_ALSO if for_staff else _SEALED
    return sealed.seal_item({k: doc[k] for k in fields if k in doc}, _scope(firm_id, doc["id"]))


def document_as_read(me: Principal, document_id: str, value: str | None, loc: str) -> dict[str, Any] | None:
    """The document the sealed value holds (422 if not sealed for it); None without one,
    or when it cannot stand for the document: a portal user's seal does not say whose it
    is and their seat cannot either (a document of the client's own area, a room they
    left), or it names no version to pin. The caller reads it then."""
    doc = sealed.opened_item(value, _scope(me.firm_id, document_id), loc, "document")
    if doc is None:
        return None
    if "v" not in doc:
        return None  # sealed from a list's copy written before it kept the version: nothing to pin
    if "client_id" in doc:
        return doc
    client_id = me.client_of(doc["room_id"]) if doc.get("room_id") else None
    return None if client_id is None else {**doc, "client_id": client_id}
