"""File names as people give them: checked before anything is stored, and encoded for a
download so a browser saves the file under its name and never renders it."""
from __future__ import annotations

import unicodedata
from urllib.parse import quote

MAX_NAME = 255


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
        if category in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            return f"may not contain the control or formatting character U+{ord(ch):04X}"
    return None


def _ascii_fallback(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    safe = "".join(c if c.isprintable() and c not in '"\\;%' else "_" for c in plain)
    return safe.strip() or "download"


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII name for old clients and the exact name per RFC 6266/5987."""
    return f"attachment; filename=\"{_ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
