"""Problem details (RFC 9457): the one shape every failure takes."""
from __future__ import annotations

import json
from typing import Any, Callable

from chalice import Response

PROBLEM_TYPE = "application/problem+json"

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    410: "Gone",
    412: "Precondition Failed",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    428: "Precondition Required",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    504: "Gateway Timeout",
}


class Problem(Exception):
    status = 400
    slug = "bad-request"

    def __init__(self, detail: str, errors: list[dict[str, Any]] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return problem_body(self.status, self.detail, self.errors, self.slug)


class BadRequest(Problem):
    status, slug = 400, "bad-request"


class Unauthorized(Problem):
    status, slug = 401, "unauthorized"


class Forbidden(Problem):
    status, slug = 403, "forbidden"


class NotFound(Problem):
    status, slug = 404, "not-found"


class Conflict(Problem):
    status, slug = 409, "conflict"


class Gone(Problem):
    status, slug = 410, "gone"


class PreconditionFailed(Problem):
    status, slug = 412, "precondition-failed"


class PreconditionRequired(Problem):
    status, slug = 428, "precondition-required"


class PayloadTooLarge(Problem):
    status, slug = 413, "payload-too-large"


class UnsupportedMediaType(Problem):
    status, slug = 415, "unsupported-media-type"


class BusinessRule(Problem):
    status, slug = 422, "business-rule"


def problem_body(status: int, detail: str, errors: list | None = None,
                 slug: str | None = None) -> dict[str, Any]:
    title = TITLES.get(status, "Error")
    return {
        "type": f"https://atrium.dev/problems/{slug or title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": errors or [],
    }


def problem_response(status: int, detail: str, errors: list | None = None,
                     headers: dict[str, str] | None = None, slug: str | None = None) -> Response:
    return Response(
        body=json.dumps(problem_body(status, detail, errors, slug)),
        status_code=status,
        headers={"Content-Type": PROBLEM_TYPE, **(headers or {})},
    )


def from_problem(exc: Problem) -> Response:
    return problem_response(exc.status, exc.detail, exc.errors, exc.headers, exc.slug)


def validation_errors(exc: Any) -> list[dict[str, Any]]:
    """pydantic errors as {loc, msg}, locations joined with dots, input values omitted
    so a password never echoes back."""
    return [
        {"loc": ".".join(str(p) for p in err["loc"]) or "body", "msg": err["msg"]}
        for err in exc.errors(include_url=False, include_input=False)
    ]


class WriteDeclined(Exception):
    """The store declined a write (a condition failed, or another write collided) and no
    domain rule said what that means; the API answers 409. Not an HTTP error itself: the
    store raises it, and only the route layer turns it into a response."""


def gone_or_stale(what: str) -> Callable[[dict[str, Any] | None], Exception]:
    """How a refused versioned write reads: the item is gone (404) or someone changed it
    since the caller read it (412)."""
    def refusal(old: dict[str, Any] | None) -> Exception:
        if old is None:
            return NotFound(f"No such {what}.")
        return PreconditionFailed(f"The {what} was changed by someone else; reload it and try again.")
    return refusal
