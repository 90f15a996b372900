"""The web portal under /portal/ on the local server, as CloudFront serves it when
deployed: the built files of web/dist, index.html for every app route, and the same
security headers (web/security-headers.json). Everything else goes to the API."""
from __future__ import annotations

import json
import mimetypes
import os
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "web" / "dist"
PREFIX = "/portal"
HEADERS: dict[str, str] = json.loads((ROOT / "web" / "security-headers.json").read_text())
NOT_BUILT = b"The web portal is not built: run `make web` (or `make run`, which builds it).\n"


def _with_uploads(headers: dict[str, str]) -> dict[str, str]:
    """Documents go from the browser straight to S3 (a presigned POST): locally that is the
    embedded moto, on its own port, so the page may connect there too and nowhere else."""
    endpoint = os.environ.get("AWS_ENDPOINT_URL")
    if not endpoint:
        return headers
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(endpoint))
    csp = headers["Content-Security-Policy"].replace("connect-src 'self'", f"connect-src 'self' {origin}")
    return {**headers, "Content-Security-Policy": csp}


def url(api_url: str) -> str:
    return f"{api_url}{PREFIX}/"


def _is_portal(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


def resolve(path: str, dist: Path | None = None) -> tuple[Path | None, bool]:
    """The file for a /portal path, and whether it is a fingerprinted asset. A path that
    names no file is an app route, answered with index.html; nothing outside dist."""
    dist = dist or DIST
    relative = path.split("?", 1)[0].split("#", 1)[0][len(PREFIX):].lstrip("/")
    candidate = (dist / relative).resolve()
    if relative and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
        return candidate, relative.startswith("assets/")
    index = dist / "index.html"
    return (index if index.is_file() else None), False


def answer(path: str) -> tuple[int, dict[str, str], bytes]:
    file, fingerprinted = resolve(path)
    if file is None:
        return 503, {"Content-Type": "text/plain; charset=utf-8"}, NOT_BUILT
    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    caching = "public, max-age=31536000, immutable" if fingerprinted else "no-cache"
    return 200, {**_with_uploads(HEADERS), "Content-Type": kind, "Cache-Control": caching}, file.read_bytes()


def with_portal(handler_cls: type) -> type:
    """The local server's request handler, also serving the portal's GET and HEAD."""
    class PortalRequestHandler(handler_cls):  # type: ignore[valid-type, misc]
        def do_GET(self) -> None:
            self._portal_or_api()

        def do_HEAD(self) -> None:
            self._portal_or_api()

        def _portal_or_api(self) -> None:
            if not _is_portal(self.path.split("?", 1)[0]):
                return super()._generic_handle()
            status, headers, body = answer(self.path)
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
    return PortalRequestHandler
