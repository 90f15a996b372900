"""The bodies API Gateway answers with when a request never reaches a view: bad or
missing credentials, an unknown route. infra/ configures these as gateway responses;
local/gateway.py gives the same answers under the local server and the test client."""
from __future__ import annotations

GATEWAY_RESPONSES: dict[str, tuple[int, str]] = {
    "UNAUTHORIZED": (401, "A valid bearer token is required: sign in again."),
    "ACCESS_DENIED": (403, "This token may not call this route."),
    "MISSING_AUTHENTICATION_TOKEN": (404, "No such route."),
    "AUTHORIZER_FAILURE": (401, "A valid bearer token is required: sign in again."),
    "DEFAULT_4XX": (400, "The request could not be served."),
    "DEFAULT_5XX": (500, "Something went wrong on our side."),
}
