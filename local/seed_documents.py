"""A finalised PDF in the demo room, uploaded the way a portal does it: the presigned
POST carries the bytes to S3, then the upload is completed."""
from __future__ import annotations

import requests

from chalicelib.core.principal import Principal
from chalicelib.documents import finalise, uploads
from chalicelib.documents.models import RoomDocumentCreate
from chalicelib.documents.records import Caller

ENGAGEMENT_LETTER = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                     b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
                     b"% Northwind Advisory engagement letter, 2025 tax return\n"
                     b"trailer << /Root 1 0 R >>\n%%EOF\n")


def seed_documents(owner: Principal, room_id: str) -> str:
    """Returns the document's id."""
    started = uploads.start(owner, room_id, RoomDocumentCreate(file_name="Engagement letter 2025.pdf",
                                                               content_type="application/pdf",
                                                               size=len(ENGAGEMENT_LETTER)))
    sent = requests.post(started.upload.url, data=started.upload.fields,
                         files={"file": ("Engagement letter 2025.pdf", ENGAGEMENT_LETTER)}, timeout=10)
    sent.raise_for_status()
    finalise.complete(owner, started.document.id, Caller.of(owner, "127.0.0.1", "atrium-demo-seed"),
                      ticket=started.ticket)
    return started.document.id
