"""Structured logs and metrics for every request, through middleware (Powertools'
decorators do not fit Chalice views). The Logger must exist before the Chalice app is
built, or each line is printed twice."""
from __future__ import annotations

import json
from typing import Any, Callable

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit
from chalice import Response

from chalicelib.core.errors import PROBLEM_TYPE, problem_response

logger = Logger(service="atrium")
metrics = Metrics(namespace="Atrium", service="atrium")


def _as_problem(response: Response) -> Response:
    """Chalice's own errors (405, 415, bad JSON it parsed) arrive as {Code, Message}."""
    headers = {k: v for k, v in (response.headers or {}).items() if k.lower() != "content-type"}
    detail = "The request could not be served."
    if isinstance(response.body, (str, bytes)):
        try:
            detail = json.loads(response.body).get("Message", detail)
        except (ValueError, AttributeError):
            pass
    elif isinstance(response.body, dict):
        detail = response.body.get("Message", detail)
    return problem_response(response.status_code, detail, headers=headers)


def _content_type(response: Response) -> str:
    return next((v for k, v in (response.headers or {}).items() if k.lower() == "content-type"), "")


def http_middleware(event: Any, get_response: Callable[[Any], Response]) -> Response:
    # API Gateway's request id; the Lambda request id where there is none (local server).
    request_id = (event.context or {}).get("requestId") or getattr(event.lambda_context, "aws_request_id", "")
    logger.set_correlation_id(request_id)
    response = get_response(event)
    if response.status_code >= 400 and _content_type(response) != PROBLEM_TYPE:
        response = _as_problem(response)
    route = (event.context or {}).get("resourcePath", "unknown")
    logger.info("request", extra={"method": event.method, "route": route, "status": response.status_code})
    metrics.add_metric(name="Requests", unit=MetricUnit.Count, value=1)
    if response.status_code >= 500:
        metrics.add_metric(name="ServerErrors", unit=MetricUnit.Count, value=1)
    metrics.flush_metrics()
    # With metrics disabled (tests, the local stack) Powertools keeps the buffer, which
    # would then print a blob every hundred requests; start each request empty.
    metrics.clear_metrics()
    return response
