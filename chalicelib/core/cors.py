"""CORS: which web pages may read the API's answers.

A browser page on an allowed origin (settings `allowed_origins`) gets
Access-Control-Allow-Origin naming it, on every answer; any other origin gets no CORS
header at all, so its browser keeps the answer from it. Answers vary by Origin, and say so.

Preflights (OPTIONS) are answered here, before routing and without authentication, for
every path the API serves: API Gateway hands them to the API function without the
authorizer (infra/backend.py), and the local gateway does the same (local/gateway.py).
The app's own routes never include OPTIONS, so every documented route stays one of
Api.route's."""
from __future__ import annotations

from typing import Any, Callable

from chalice import Response

from chalicelib.core.config import settings

ALLOWED_HEADERS = ("Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key")
# What a page may read of an answer besides the simple headers.
EXPOSED_HEADERS = ("ETag", "Location", "Idempotent-Replayed", "Retry-After")
# How long a browser may reuse a preflight's answer (seconds).
MAX_AGE = 3600


def _origin(headers: Any) -> str | None:
    origin = (headers or {}).get("origin")
    return origin if origin and origin.rstrip("/") in settings().allowed_origins else None


def answer_headers(headers: Any) -> dict[str, str]:
    """The CORS headers an ordinary answer carries for a request with these headers."""
    origin = _origin(headers)
    if origin is None:
        return {"Vary": "Origin"} if (headers or {}).get("origin") else {}
    return {"Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": ", ".join(EXPOSED_HEADERS),
            "Vary": "Origin"}


def preflight(headers: Any, methods: list[str]) -> Response:
    """204 with what the path allows; the CORS part only for an allowed origin."""
    allow = ", ".join(sorted({*methods, "OPTIONS"}))
    found = {"Allow": allow, "Vary": "Origin"}
    origin = _origin(headers)
    if origin is not None:
        found.update({"Access-Control-Allow-Origin": origin, "Access-Control-Allow-Methods": allow,
                      "Access-Control-Allow-Headers": ", ".join(ALLOWED_HEADERS),
                      "Access-Control-Max-Age": str(MAX_AGE)})
    return Response(body="", status_code=204, headers=found)


def cors_middleware(routes: dict[str, dict[str, Any]]) -> Callable[[Any, Callable[[Any], Response]], Response]:
    """The app's outermost http middleware: answers preflights for the paths in `routes`
    (the app's route table) and adds the CORS headers to every other answer."""
    def middleware(event: Any, get_response: Callable[[Any], Response]) -> Response:
        if event.method == "OPTIONS":
            path = (event.context or {}).get("resourcePath", "")
            return preflight(event.headers, list(routes.get(path, {})))
        response = get_response(event)
        response.headers = {**(response.headers or {}), **answer_headers(event.headers)}
        return response
    return middleware
