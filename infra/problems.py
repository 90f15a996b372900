"""API Gateway's own error responses, reshaped as application/problem+json.

Errors raised before a view runs (no token, refused token, unknown path,
throttling, body too large) come from API Gateway, whose default bodies are
{"message": ...}. The kinds the local server can also produce, and their
wording, belong to the app (chalicelib.core.gateway_responses, mirrored by
local/gateway.py); the kinds only API Gateway produces are listed here.
Every kind is listed, with its own status, so the `status` in a body always
equals the HTTP status: a response template cannot read the status.
"""

from __future__ import annotations

import json

import project  # noqa: F401  (before chalicelib: puts the project on sys.path)
from chalicelib.core.errors import PROBLEM_TYPE, problem_body
from chalicelib.core.gateway_responses import GATEWAY_RESPONSES

AWS_ONLY: dict[str, tuple[int, str]] = {
    "EXPIRED_TOKEN": (403, "The request signature has expired."),
    "INVALID_SIGNATURE": (403, "The request signature was not accepted."),
    "INVALID_API_KEY": (403, "The API key was not accepted."),
    "WAF_FILTERED": (403, "The request was blocked."),
    "RESOURCE_NOT_FOUND": (404, "No such route."),
    "BAD_REQUEST_BODY": (400, "The request body is not valid."),
    "BAD_REQUEST_PARAMETERS": (400, "The request parameters are not valid."),
    "REQUEST_TOO_LARGE": (413, "The request is too large."),
    "UNSUPPORTED_MEDIA_TYPE": (415, "This content type is not accepted."),
    "THROTTLED": (429, "Too many requests: retry a little later."),
    "QUOTA_EXCEEDED": (429, "The request quota is used up."),
    "API_CONFIGURATION_ERROR": (500, "Something went wrong on our side."),
    "AUTHORIZER_CONFIGURATION_ERROR": (500, "Something went wrong on our side."),
    "INTEGRATION_FAILURE": (500, "Something went wrong on our side."),
    "INTEGRATION_TIMEOUT": (504, "The request took too long."),
}


def responses() -> dict[str, tuple[int, str]]:
    return {**AWS_ONLY, **GATEWAY_RESPONSES}


def _response(status: int, detail: str, origin: str) -> dict:
    return {
        "statusCode": str(status),
        "responseParameters": {
            "gatewayresponse.header.Content-Type": f"'{PROBLEM_TYPE}'",
            # The portal must be able to read a 401 or 429 to act on it; a gateway
            # response can only name one origin, so it names the portal's.
            "gatewayresponse.header.Access-Control-Allow-Origin": f"'{origin}'",
            "gatewayresponse.header.Vary": "'Origin'",
        },
        "responseTemplates": {"application/json": json.dumps(problem_body(status, detail))},
    }


def gateway_responses(origin: str) -> dict:
    """The value of the OpenAPI extension x-amazon-apigateway-gateway-responses."""
    return {kind: _response(status, detail, origin) for kind, (status, detail) in responses().items()}
