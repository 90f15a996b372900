"""A WSGI face on the in-process API Gateway, so WSGI tooling (the fuzzer) can call
Atrium exactly as the tests and the local server do: authorizer, gateway responses
and all."""
from __future__ import annotations

from http import HTTPStatus
from typing import Any, Callable, Iterable
from urllib.parse import quote


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    found = {key[5:].replace("_", "-").lower(): value for key, value in environ.items() if key.startswith("HTTP_")}
    for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
        if environ.get(key):
            found[key.replace("_", "-").lower()] = environ[key]
    return found


def _target(environ: dict[str, Any]) -> str:
    """The request target as the client sent it: the gateway matches raw paths."""
    raw = environ.get("REQUEST_URI") or environ.get("RAW_URI")
    if raw:
        return raw
    path = quote(environ.get("PATH_INFO", "/").encode("latin-1"), safe="/:@!$&'()*+,;=-._~")
    query = environ.get("QUERY_STRING")
    return f"{path}?{query}" if query else path


def _body(environ: dict[str, Any]) -> bytes:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(length) if length else b""


class GatewayWSGI:
    def __init__(self, gateway: Any) -> None:
        self.gateway = gateway

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        raw = self.gateway.handle_request(method=environ["REQUEST_METHOD"], path=_target(environ),
                                          headers=_headers(environ), body=_body(environ))
        headers = [(k, str(v)) for k, v in (raw.get("headers") or {}).items()]
        for name, values in (raw.get("multiValueHeaders") or {}).items():
            headers += [(name, str(v)) for v in values]
        body = raw.get("body") or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        start_response(f"{raw['statusCode']} {_reason(raw['statusCode'])}", headers)
        return [body]
