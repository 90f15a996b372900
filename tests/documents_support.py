"""Helpers for the document tests: real bytes POSTed to the presigned form and fetched
back from the presigned link, over HTTP to the embedded S3."""
from __future__ import annotations

from typing import Any

import requests

from tests.support import ApiClient

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"


def start(api: ApiClient, token: str, room_id: str, data: bytes, name: str = "Payslip March.pdf",
          content_type: str = "application/pdf", **extra: Any) -> Any:
    return api.post(f"/rooms/{room_id}/documents", {"file_name": name, "content_type": content_type,
                                                   "size": len(data), **extra}, token=token)


def post_form(upload: dict[str, Any], data: bytes, file_name: str = "upload.bin") -> requests.Response:
    """What a browser or curl does with the form: every field, then the file."""
    return requests.post(upload["url"], data=upload["fields"], files={"file": (file_name, data)}, timeout=10)


def upload(api: ApiClient, token: str, room_id: str, data: bytes, **kw: Any) -> dict[str, Any]:
    """Starts, POSTs and completes; returns the completed document."""
    started = start(api, token, room_id, data, **kw)
    assert started.status == 201, started.text
    sent = post_form(started.json["upload"], data)
    assert sent.status_code in (200, 201, 204), sent.text
    done = api.post(f"/documents/{started.json['document']['id']}/complete", {"ticket": started.json["ticket"]},
                    token=token)
    assert done.status == 200, done.text
    return done.json


def fetch(url: str) -> requests.Response:
    got = requests.get(url, timeout=10)
    assert got.status_code == 200, got.text
    return got


def client_room(api: ApiClient, firm: Any) -> dict[str, Any]:
    """A client whose primary contact uses the portal, and a room for it (one portal
    login is all these tests need, and each costs an invitation round trip)."""
    from tests.clients_support import create_client, household, portal_user
    from tests.rooms_support import add_service, create_room
    made = create_client(api, firm.token, household())
    token = portal_user(api, firm.token, made["id"], made["primary_contact_id"], "norbert@lindqvist.example")
    room = create_room(api, firm, made["id"], add_service(api, firm))
    return {"id": room["id"], "client_id": made["id"], "client": token}


def room_documents(api: ApiClient, firm: Any, room_id: str) -> list[dict[str, Any]]:
    """The room's documents as staff list them."""
    resp = api.get(f"/rooms/{room_id}/documents", token=firm.token)
    assert resp.status == 200, resp.text
    return resp.json["items"]


def start_version(api: ApiClient, token: str, document_id: str, data: bytes, name: str = "Payslip March v2.pdf",
                  content_type: str = "application/pdf", **extra: Any) -> Any:
    """`extra`: the document's `sealed`, headers (If-Match)."""
    headers = extra.pop("headers", None)
    return api.post(f"/documents/{document_id}/versions", {"file_name": name, "content_type": content_type,
                                                          "size": len(data), **extra}, token=token, headers=headers)


def new_version(api: ApiClient, token: str, document_id: str, data: bytes, **kw: Any) -> dict[str, Any]:
    """Starts, POSTs and completes a new version; returns the completed version."""
    started = start_version(api, token, document_id, data, **kw)
    assert started.status == 201, started.text
    sent = post_form(started.json["upload"], data)
    assert sent.status_code in (200, 201, 204), sent.text
    done = api.post(f"/documents/{document_id}/versions/{started.json['version']['id']}/complete",
                    {"ticket": started.json["ticket"]}, token=token)
    assert done.status == 200, done.text
    return done.json


MiB = 1024 * 1024


def big_pdf(size: int) -> bytes:
    """A PDF of exactly `size` bytes: its header, then filler (a multipart upload's parts
    are at least 5 MiB, but the last)."""
    return (PDF + b"%" + b"x" * size)[:size]


def put_parts(plan: dict[str, Any], data: bytes) -> list[dict[str, Any]]:
    """PUTs each part to its presigned URL, as a client does; returns what completing takes."""
    size, sent = plan["part_size"], []
    for part in plan["parts"]:
        n = part["part_number"]
        answer = requests.put(part["url"], data=data[(n - 1) * size:n * size], timeout=30)
        assert answer.status_code == 200, answer.text
        sent.append({"part_number": n, "etag": answer.headers["ETag"]})
    return sent
