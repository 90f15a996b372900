"""API Gateway as the local server and the tests see it: Chalice's local gateway, with
the gateway responses infra/ configures (problem+json bodies; unknown routes -> 404)."""
from __future__ import annotations

import json
import threading
from typing import Any

from chalice.app import CaseInsensitiveMapping as CaseInsensitive
from chalice.local import (ChaliceRequestHandler, ForbiddenError, LocalGateway, LocalGatewayException,
                           NotAuthorizedError, ThreadedHTTPServer)

from chalicelib.auth.authorizer import AuthorizerRejected
from chalicelib.core.cors import answer_headers
from chalicelib.core.errors import PROBLEM_TYPE, problem_body
from chalicelib.core.gateway_responses import GATEWAY_RESPONSES


def gateway_response(kind: str) -> dict[str, Any]:
    status, detail = GATEWAY_RESPONSES[kind]
    return {"statusCode": status, "headers": {"Content-Type": PROBLEM_TYPE},
            "multiValueHeaders": {}, "body": json.dumps(problem_body(status, detail))}


def _readable(response: dict[str, Any], headers: dict) -> dict[str, Any]:
    """A page on an allowed origin can read a refusal (a 401, say) to act on it."""
    response["headers"].update(answer_headers(CaseInsensitive(headers)))
    return response


def _kind_of(exc: LocalGatewayException) -> str:
    if isinstance(exc, NotAuthorizedError):
        return "UNAUTHORIZED"
    if isinstance(exc, ForbiddenError):
        body = exc.body or b""
        unknown_route = b"Missing Authentication Token" in body or b"requires 'Credential'" in body
        return "MISSING_AUTHENTICATION_TOKEN" if unknown_route else "ACCESS_DENIED"
    return "DEFAULT_5XX" if exc.CODE >= 500 else "DEFAULT_4XX"


class _OfThisThread:
    """An attribute of the app that each thread sees on its own."""

    def __init__(self) -> None:
        self._local = threading.local()

    def __get__(self, app: Any, owner: Any = None) -> Any:
        return self if app is None else getattr(self._local, "value", None)

    def __set__(self, app: Any, value: Any) -> None:
        self._local.value = value


def requests_per_thread(app: Any) -> Any:
    """Chalice keeps the request it serves on the app object (`current_request`, with its
    Lambda context): right in Lambda, which serves one request at a time, wrong on the
    local server, which serves many at once on threads. There a route could read another
    request's body, headers and caller: a reply posted while the page loaded something
    else was answered "The body must be a JSON object". Each thread keeps its own."""
    kind = type(app)
    if not isinstance(kind.__dict__.get("current_request"), _OfThisThread):
        app.__class__ = type(f"PerThread{kind.__name__}", (kind,),
                             {"current_request": _OfThisThread(), "lambda_context": _OfThisThread()})
    return app


class ProblemGateway(LocalGateway):
    def __init__(self, app_object: Any, config: Any) -> None:
        super().__init__(requests_per_thread(app_object), config)

    def handle_request(self, method: str, path: str, headers: dict, body: bytes | None) -> dict[str, Any]:
        try:
            if method == "OPTIONS":
                return self._preflight(path, headers)
            return super().handle_request(method=method, path=path, headers=headers, body=body)
        except AuthorizerRejected:
            return _readable(gateway_response("UNAUTHORIZED"), headers)
        except LocalGatewayException as exc:
            return _readable(gateway_response(_kind_of(exc)), headers)


    def _preflight(self, path: str, headers: dict) -> dict[str, Any]:
        """As API Gateway (infra/backend.py) routes a preflight: to the app, without the
        authorizer; Chalice's local gateway would answer it itself instead."""
        try:
            event = self._generate_lambda_event("OPTIONS", path, headers, None)
        except ValueError:
            return gateway_response("MISSING_AUTHENTICATION_TOKEN")
        return self._app_object(event, self._generate_lambda_context())


class ProblemRequestHandler(ChaliceRequestHandler):
    def __init__(self, request: bytes, client_address: Any, server: Any, app_object: Any, config: Any) -> None:
        self.local_gateway = ProblemGateway(app_object, config)
        super(ChaliceRequestHandler, self).__init__(request, client_address, server)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The HTTP server's own refusals (a method it has no handler for, a malformed
        request line) as problem+json; a method API Gateway would not route is a 405."""
        status = 405 if code == 501 else code
        body = json.dumps(problem_body(status, message or "The request was refused.")).encode()
        self.send_response(status)
        self.send_header("Content-Type", PROBLEM_TYPE)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and status >= 200:
            self.wfile.write(body)


class BurstServer(ThreadedHTTPServer):
    """A web page opens many connections at once; the standard listen backlog of 5 drops
    a burst of them before the accepting thread gets to them."""
    request_queue_size = 128
    daemon_threads = True
