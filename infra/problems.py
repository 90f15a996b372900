"""API Gateway's own error responses, reshaped as application/problem+json.

Errors raised before the Lambda runs (no token, refused token, unknown path,
throttling, body too large) come from API Gateway, whose default bodies are
{"message": ...}. Every response type is listed so the `status` in the body
always equals the HTTP status; a template cannot read the status itself.
"""

from __future__ import annotations

import json

# type -> (HTTP status, title). Titles are the HTTP reason phrases, as
# RFC 9457 asks for when the problem type is about:blank.
RESPONSES = {
    "UNAUTHORIZED": (401, "Unauthorized"),
    "ACCESS_DENIED": (403, "Forbidden"),
    "EXPIRED_TOKEN": (403, "Forbidden"),
    "INVALID_API_KEY": (403, "Forbidden"),
    "INVALID_SIGNATURE": (403, "Forbidden"),
    "WAF_FILTERED": (403, "Forbidden"),
    # API Gateway says "Missing Authentication Token" for a path it does not
    # know; Atrium answers 404 for anything missing.
    "MISSING_AUTHENTICATION_TOKEN": (404, "Not Found"),
    "RESOURCE_NOT_FOUND": (404, "Not Found"),
    "BAD_REQUEST_PARAMETERS": (400, "Bad Request"),
    "BAD_REQUEST_BODY": (400, "Bad Request"),
    "REQUEST_TOO_LARGE": (413, "Content Too Large"),
    "UNSUPPORTED_MEDIA_TYPE": (415, "Unsupported Media Type"),
    "THROTTLED": (429, "Too Many Requests"),
    "QUOTA_EXCEEDED": (429, "Too Many Requests"),
    "AUTHORIZER_FAILURE": (500, "Internal Server Error"),
    "AUTHORIZER_CONFIGURATION_ERROR": (500, "Internal Server Error"),
    "API_CONFIGURATION_ERROR": (500, "Internal Server Error"),
    "INTEGRATION_FAILURE": (502, "Bad Gateway"),
    "INTEGRATION_TIMEOUT": (504, "Gateway Timeout"),
    "DEFAULT_4XX": (400, "Bad Request"),
    "DEFAULT_5XX": (500, "Internal Server Error"),
}

DETAILS = {
    "MISSING_AUTHENTICATION_TOKEN": "No resource at this path.",
}


def _body(response_type: str) -> str:
    status, title = RESPONSES[response_type]
    head = json.dumps({"type": "about:blank", "title": title, "status": status})[:-1]
    fixed = DETAILS.get(response_type)
    # $context.error.messageString is API Gateway's message, already quoted
    # and escaped as a JSON string.
    detail = json.dumps(fixed) if fixed else "$context.error.messageString"
    return f'{head}, "detail": {detail}}}'


def _response(response_type: str) -> dict:
    status, _ = RESPONSES[response_type]
    return {
        "statusCode": str(status),
        "responseParameters": {
            "gatewayresponse.header.Content-Type": "'application/problem+json'",
        },
        "responseTemplates": {"application/json": _body(response_type)},
    }


def gateway_responses() -> dict:
    """The value of the OpenAPI extension x-amazon-apigateway-gateway-responses."""
    return {name: _response(name) for name in RESPONSES}
