"""File names as people give them: checked before anything is stored, and encoded for a
download so a browser saves the file under its name and never renders it."""
from __future__ import annotations

import functools
import sys
import unicodedata
from typing import Any
from urllib.parse import quote

MAX_NAME = 255
# Characters that could disguise a file: controls, format characters (direction
# overrides, invisible joiners), surrogates, private use, line and paragraph separators.
HIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")


def problem_with(name: str) -> str | None:
    """Why a file name cannot be kept, or None. Names never reach a storage key, but
    they do reach people's screens and disks, so anything that could disguise a file
    (direction overrides, invisible characters) or climb folders is refused."""
    if not name or not name.strip():
        return "is empty"
    if len(name) > MAX_NAME:
        return f"is longer than {MAX_NAME} characters"
    if "/" in name or "\\" in name:
        return "may not contain / or \\"
    if name.strip(". ") == "":
        return "may not be only dots"
    if name != name.strip():
        return "may not start or end with spaces"
    for ch in name:
        category = unicodedata.category(ch)
        if category in HIDDEN_CATEGORIES:
            return f"may not contain the control or formatting character U+{ord(ch):04X}"
    return None


def _ascii_fallback(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    safe = "".join(c if c.isprintable() and c not in '"\\;%' else "_" for c in plain)
    return safe.strip() or "download"


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII name for old clients and the exact name per RFC 6266/5987."""
    return f"attachment; filename=\"{_ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def _class(chars: set[int]) -> str:
    """A regex character class body for these code points, as ranges. Literal characters
    (escaped where the class syntax needs it) read the same in Python's, the schema's
    ECMA and Rust's dialects."""
    def one(cp: int) -> str:
        return f"\\x{cp:02x}" if cp < 0x20 or 0x7f <= cp < 0xa0 or chr(cp) in "\\]^-[" else chr(cp)
    points, out, i = sorted(chars), [], 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        out.append(one(points[i]) if i == j else f"{one(points[i])}-{one(points[j])}")
        i = j + 1
    return "".join(out)


@functools.cache
def pattern() -> str:
    """What problem_with accepts, as one pattern for the schema: no hidden character and
    no slash, no blank at either end (str.strip's blanks), not only dots and spaces.
    Built when the document is, not at import: it walks every code point."""
    # Surrogates stay out of the pattern: no UTF-8 text (nor a tool reading the schema as
    # UTF-8) holds one, and a JSON body's lone \ud800 escape still meets problem_with.
    hidden = {cp for cp in range(sys.maxunicode + 1)
              if unicodedata.category(chr(cp)) in HIDDEN_CATEGORIES and not 0xD800 <= cp <= 0xDFFF}
    f = _class(hidden | {ord("/"), ord("\\")})
    fs = _class(hidden | {ord("/"), ord("\\")} | {cp for cp in range(0x3001) if chr(cp).isspace()})
    starts_plain = f"[^.{fs}](?:[^{f}]*[^{fs}])?"
    starts_with_dot = f"\\.[. ]*(?:[^. {fs}]|[^. {f}][^{f}]*[^{fs}])"
    return f"^(?:{starts_plain}|{starts_with_dot})$"


def in_schema(schema: dict[str, Any]) -> None:
    schema["pattern"] = pattern()
