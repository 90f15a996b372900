"""Message bodies: plain text or a small Markdown subset (emphasis, code, lists, links
to http(s) and mailto), stored so that no renderer can find HTML in them that would run.

What is kept is text: every `<` and `>` becomes an entity (so no tag, comment or
autolink survives), link targets outside the allowed schemes lose their target and keep
their words, and images become plain links (no tracking pixels). Clients render the
subset with raw HTML off; the stored text is safe even where they do not."""
from __future__ import annotations

import re

MAX_CHARS = 10_000
SAFE_SCHEMES = ("http://", "https://", "mailto:")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*([^)\s]*)[^)\n]*\)")


def _link(match: re.Match[str]) -> str:
    words, target = match.group(1), match.group(2)
    if target.lower().startswith(SAFE_SCHEMES):
        return f"[{words}]({target})"
    return words


def clean(text: str) -> str:
    """The body as stored: control characters dropped, line ends unified, no HTML."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    return _LINK.sub(_link, text).strip()
