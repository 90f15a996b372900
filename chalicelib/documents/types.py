"""The file types a firm may accept, what each must look like inside, and the file name
extensions that go with it. A type is accepted only when its first bytes match: a
renamed program declared as a PDF fails here, whatever its name says."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office files
ZIP = b"PK\x03\x04"                         # Office Open XML files are zip archives
SNIFF_BYTES = 64


def _starts(*magics: bytes) -> Callable[[bytes], bool]:
    return lambda head: any(head.startswith(m) for m in magics)


def _webp(head: bytes) -> bool:
    return head.startswith(b"RIFF") and head[8:12] == b"WEBP"


def _heic(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1")


def _text(head: bytes) -> bool:
    """Plain text: no NUL bytes, and the start decodes as UTF-8 (a cut last character allowed)."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3
    return True


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]
    looks_right: Callable[[bytes], bool]


KNOWN: dict[str, FileType] = {t.content_type: t for t in (
    FileType("application/pdf", (".pdf",), _starts(b"%PDF-")),
    FileType("image/png", (".png",), _starts(b"\x89PNG\r\n\x1a\n")),
    FileType("image/jpeg", (".jpg", ".jpeg"), _starts(b"\xff\xd8\xff")),
    FileType("image/gif", (".gif",), _starts(b"GIF87a", b"GIF89a")),
    FileType("image/webp", (".webp",), _webp),
    FileType("image/heic", (".heic", ".heif"), _heic),
    FileType("text/plain", (".txt",), _text),
    FileType("text/csv", (".csv",), _text),
    FileType("application/msword", (".doc",), _starts(OLE)),
    FileType("application/vnd.ms-excel", (".xls",), _starts(OLE)),
    FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), _starts(ZIP)),
    FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), _starts(ZIP)),
    FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",),
             _starts(ZIP)),
    FileType("application/zip", (".zip",), _starts(ZIP)),
)}

# What a firm accepts until it says otherwise: everything known except archives,
# which could hide anything from the checks above.
DEFAULT_TYPES = tuple(t for t in KNOWN if t != "application/zip")


def extension_fits(file_name: str, content_type: str) -> bool:
    return file_name.lower().endswith(KNOWN[content_type].extensions)


def looks_like(content_type: str, head: bytes) -> bool:
    known = KNOWN.get(content_type)
    return known is not None and known.looks_right(head)


def fitting(file_name: str) -> list[str]:
    """The types a file of this name may be, by its extension (a value no type has when
    none fits: a condition's IN needs one)."""
    lower = file_name.lower()
    return [t for t, known in KNOWN.items() if lower.endswith(known.extensions)] or ["-"]
