"""Large files in parts. S3 takes up to 5 GB in one presigned POST, but one request that
long over a client's connection fails often and starts again from nothing; in parts,
only the failed part is sent again. The upload is created when it starts (the same
server-chosen key, type and encryption as a form), each part goes to its own presigned
PUT, and completing joins the parts once they are exactly the plan, before finalising
checks the file as it checks any other."""
from __future__ import annotations

from typing import Any

from chalicelib.aws import files
from chalicelib.core.errors import BadRequest, BusinessRule, Conflict
from chalicelib.documents.models import (MB, MIN_PART, FileDeclaration, MultipartPlan, PartRange, PartUrl, PartUrls,
                                         UploadedPart)
from chalicelib.documents.records import PENDING, iso_after

# Up to the default largest file a form is simplest for every client; above it, parts.
MULTIPART_FROM = 100 * MB
MAX_PARTS = 10_000  # S3's most; at 5 GB and 5 MiB parts an upload has 1,024
# URLs handed out at once: a start answer stays small (each URL is most of a kilobyte);
# the parts route hands out the rest, and new ones when these expire.
PARTS_PER_ANSWER = 100


def wanted(body: FileDeclaration) -> bool:
    return body.multipart or body.size > MULTIPART_FROM


def part_size(size: int) -> int:
    """Whole MiB, never below S3's floor, few enough parts for S3's ceiling."""
    per_part = -(-size // MAX_PARTS)
    return max(MIN_PART, -(-per_part // MB) * MB)


def part_count(version: dict[str, Any]) -> int:
    return -(-version["size"] // version["part_size"])


def begin(key: str, body: FileDeclaration) -> dict[str, Any]:
    """What the pending upload keeps of its multipart upload (nothing for a form)."""
    if not wanted(body):
        return {}
    return {"upload_id": files.start_multipart(key, body.content_type), "part_size": part_size(body.size)}


def plan(version: dict[str, Any], more: str) -> MultipartPlan | None:
    if not version.get("upload_id"):
        return None
    count = part_count(version)
    return MultipartPlan(part_size=version["part_size"], part_count=count, more=more,
                         parts=_urls(version, 1, min(count, PARTS_PER_ANSWER)), expires_at=iso_after(files.UPLOAD_SECONDS))


def more_path(document_id: str, version_id: str) -> str:
    return f"/documents/{document_id}/versions/{version_id}/parts"


def urls(version: dict[str, Any], query: PartRange) -> PartUrls:
    """Fresh URLs for some of a pending upload's parts."""
    pending_multipart(version)
    count = part_count(version)
    if query.last is not None and not 0 <= query.last - query.first < PARTS_PER_ANSWER:
        raise BusinessRule(f"last must be at least first and at most {PARTS_PER_ANSWER - 1} more.",
                           [{"loc": "query.last", "msg": "not within first and the 100 after it"}])
    if query.first > count:
        raise BusinessRule("The upload has fewer parts.", [{"loc": "query.first", "msg": f"at most {count}"}])
    last = min(count, query.last or query.first + PARTS_PER_ANSWER - 1)
    return PartUrls(parts=_urls(version, query.first, last), expires_at=iso_after(files.UPLOAD_SECONDS))


def _urls(version: dict[str, Any], first: int, last: int) -> list[PartUrl]:
    return [PartUrl(part_number=n, url=files.part_url(version["key"], version["upload_id"], n))
            for n in range(first, last + 1)]


def pending_multipart(version: dict[str, Any]) -> None:
    refusal = not_taking_parts(version)
    if refusal is not None:
        raise refusal


def not_taking_parts(version: dict[str, Any]) -> Conflict | None:
    """Why an upload takes no parts (settled, or sent with its form), or None."""
    if version["status"] != PENDING:
        return Conflict(f"The upload is {version['status']}; it takes no more parts.")
    if not version.get("upload_id"):
        return Conflict("This upload is sent with its form, not in parts.")
    return None


def assemble(version: dict[str, Any], given: list[UploadedPart] | None) -> None:
    """Joins a pending multipart upload's parts, once the caller's list, the parts S3
    holds and the plan all agree; a form upload takes no list."""
    if not version.get("upload_id"):
        if given is not None:
            raise BadRequest("This upload was sent with its form; complete it without parts.",
                             [{"loc": "body.parts", "msg": "leave it out"}])
        return
    if given is None:
        raise BadRequest("A multipart upload completes with its parts.",
                         [{"loc": "body.parts", "msg": "every {part_number, etag}, from 1"}])
    _numbered(given, part_count(version))
    held = files.uploaded_parts(version["key"], version["upload_id"])
    if held is None:
        return  # joined already (a repeat or a call at the same moment): finalising looks at the object
    _as_held(given, held)
    _as_planned(version, held)
    files.finish_multipart(version["key"], version["upload_id"], [p.etag.strip('"') for p in given])


def _numbered(given: list[UploadedPart], count: int) -> None:
    numbers = [p.part_number for p in given]
    if numbers != list(range(1, count + 1)):
        raise BadRequest(f"The upload has {count} parts: list each once, in order, from 1.",
                         [{"loc": "body.parts", "msg": f"part numbers 1 to {count}"}])


def _as_held(given: list[UploadedPart], held: dict[int, tuple[str, int]]) -> None:
    missing = [p.part_number for p in given if p.part_number not in held]
    if missing:
        raise Conflict(f"Parts {missing[:10]} have not arrived: PUT them first, then complete.")
    wrong = [i for i, p in enumerate(given) if p.etag.strip('"') != held[p.part_number][0]]
    if wrong:
        raise BadRequest("Some ETags are not those of the parts S3 holds.",
                         [{"loc": f"body.parts.{i}.etag", "msg": "not the part's ETag"} for i in wrong[:10]])


def _as_planned(version: dict[str, Any], held: dict[int, tuple[str, int]]) -> None:
    """Every part but the last is part_size; together they are the declared size. Nothing
    is joined otherwise: the upload stays open for a part sent again, or a cancel."""
    size, each = version["size"], version["part_size"]
    wrong = [n for n, (_, got) in sorted(held.items()) if got != min(each, size - (n - 1) * each)]
    if wrong or sum(got for _, got in held.values()) != size:
        raise BusinessRule(f"The parts do not make the declared {size} bytes in {each}-byte parts.",
                           [{"loc": "body.parts", "msg": f"part {n} has the wrong size"} for n in wrong[:10]])
