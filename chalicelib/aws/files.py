"""S3 for documents: presigned uploads and downloads, and what finalising needs to look
at. File bytes never pass through the API; these calls only sign, inspect and delete."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from chalicelib.core.config import settings

UPLOAD_SECONDS = 15 * 60
DOWNLOAD_SECONDS = 5 * 60
ENCRYPTION = "AES256"


@dataclass(frozen=True)
class Stored:
    size: int
    content_type: str
    version_id: str | None


_SIGV4 = Config(signature_version="s3v4", retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=3,
                read_timeout=10)
_client: list[Any] = []


def _s3() -> Any:
    """Its own client: links are signed with SigV4, whose expiry S3 enforces to the second."""
    if not _client:
        _client.append(boto3.client("s3", region_name=settings().region, endpoint_url=settings().endpoint_url,
                                    config=_SIGV4))
    return _client[0]


def upload_form(key: str, size: int, content_type: str) -> dict[str, Any]:
    """A presigned POST that accepts exactly one object: this key, exactly `size` bytes,
    this Content-Type, encrypted at rest. S3 enforces the policy; finalising checks again."""
    fields = {"Content-Type": content_type, "x-amz-server-side-encryption": ENCRYPTION}
    conditions: list[Any] = [{"Content-Type": content_type}, ["content-length-range", size, size],
                             {"x-amz-server-side-encryption": ENCRYPTION}]
    return _s3().generate_presigned_post(Bucket=settings().bucket, Key=key, Fields=fields, Conditions=conditions,
                                         ExpiresIn=UPLOAD_SECONDS)


def start_multipart(key: str, content_type: str) -> str:
    """A multipart upload of exactly this key, typed and encrypted as a presigned POST
    would be (those headers belong to the create call, not to the parts). Its id."""
    return _s3().create_multipart_upload(Bucket=settings().bucket, Key=key, ContentType=content_type,
                                         ServerSideEncryption=ENCRYPTION)["UploadId"]


def part_url(key: str, upload_id: str, part_number: int) -> str:
    """A presigned PUT of one part; S3 refuses it after UPLOAD_SECONDS."""
    return _s3().generate_presigned_url("upload_part", Params={
        "Bucket": settings().bucket, "Key": key, "UploadId": upload_id, "PartNumber": part_number},
        ExpiresIn=UPLOAD_SECONDS)


def uploaded_parts(key: str, upload_id: str) -> dict[int, tuple[str, int]] | None:
    """Each part S3 holds for the upload: its number, ETag and size; None when the upload
    is gone (completed or aborted)."""
    try:
        pages = _s3().get_paginator("list_parts").paginate(Bucket=settings().bucket, Key=key, UploadId=upload_id)
        return {p["PartNumber"]: (p["ETag"].strip('"'), p["Size"]) for page in pages for p in page.get("Parts", [])}
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "NoSuchUpload":
            return None
        raise


def finish_multipart(key: str, upload_id: str, etags: list[str]) -> bool:
    """Joins the parts (numbered 1 to n, in order) into the object; False when the upload
    is gone, completed by a concurrent call or aborted."""
    parts = [{"PartNumber": n, "ETag": f'"{etag}"'} for n, etag in enumerate(etags, start=1)]
    try:
        _s3().complete_multipart_upload(Bucket=settings().bucket, Key=key, UploadId=upload_id,
                                        MultipartUpload={"Parts": parts})
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "NoSuchUpload":
            return False
        raise
    return True


def abort_multipart(key: str, upload_id: str) -> None:
    """Drops the upload and every part it holds; one already gone is fine."""
    try:
        _s3().abort_multipart_upload(Bucket=settings().bucket, Key=key, UploadId=upload_id)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "NoSuchUpload":
            raise


def multipart_uploads() -> list[tuple[str, str, datetime]]:
    """Every multipart upload of the bucket not yet completed or aborted: key, upload id
    and when it began."""
    pages = _s3().get_paginator("list_multipart_uploads").paginate(Bucket=settings().bucket)
    return [(u["Key"], u["UploadId"], u["Initiated"]) for page in pages for u in page.get("Uploads", [])]


def download_url(key: str, disposition: str, content_type: str, version_id: str | None = None) -> str:
    params = {"Bucket": settings().bucket, "Key": key, "ResponseContentDisposition": disposition,
              "ResponseContentType": content_type}
    if version_id:
        params["VersionId"] = version_id
    return _s3().generate_presigned_url("get_object", Params=params, ExpiresIn=DOWNLOAD_SECONDS)


def _missing(exc: ClientError) -> bool:
    return exc.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound")


def head(key: str) -> Stored | None:
    """What S3 holds under `key`, or None if nothing arrived."""
    try:
        found = _s3().head_object(Bucket=settings().bucket, Key=key)
    except ClientError as exc:
        if _missing(exc):
            return None
        raise
    return Stored(found["ContentLength"], found.get("ContentType", ""), found.get("VersionId"))


def first_bytes(key: str, count: int) -> bytes:
    if count <= 0:
        return b""
    found = _s3().get_object(Bucket=settings().bucket, Key=key, Range=f"bytes=0-{count - 1}")
    return found["Body"].read()


def scan_status(key: str) -> str | None:
    """GuardDuty Malware Protection's verdict tag on the object, when the stage scans."""
    tags = _s3().get_object_tagging(Bucket=settings().bucket, Key=key).get("TagSet", [])
    return next((t["Value"] for t in tags if t["Key"] == "GuardDutyMalwareScanStatus"), None)


def _versions_under(prefix: str) -> list[dict[str, Any]]:
    """Every version and delete marker whose key begins with `prefix`, all pages."""
    pages = _s3().get_paginator("list_object_versions").paginate(Bucket=settings().bucket, Prefix=prefix)
    return [v for page in pages for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]


def _delete_versions(found: list[dict[str, Any]]) -> int:
    for version in found:
        _s3().delete_object(Bucket=settings().bucket, Key=version["Key"], VersionId=version["VersionId"])
    return len(found)


def delete_every_version(key: str) -> int:
    """Removes the object and, in a versioned bucket, every version and delete marker of
    it, so nothing of a rejected file stays. Returns how many were deleted."""
    found = [v for v in _versions_under(key) if v["Key"] == key]
    if not found:
        _s3().delete_object(Bucket=settings().bucket, Key=key)
    return _delete_versions(found)


def delete_everything_under(prefix: str) -> int:
    """Every object, version and delete marker under `prefix` (a purged document's keys,
    one per version it ever had), so nothing of it stays. Returns how many were deleted."""
    return _delete_versions(_versions_under(prefix))


def scanning() -> bool:
    """Whether this stage runs GuardDuty Malware Protection on the bucket (an infra option)."""
    return os.environ.get("ATRIUM_MALWARE_SCAN", "") == "guardduty"
