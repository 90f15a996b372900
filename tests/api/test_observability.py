"""Each request logs one JSON line carrying the request id as its correlation id."""
import io
import json
import logging

from chalicelib.core.observability import logger


def test_request_log_line_has_correlation_id(api, firm):
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logger.registered_formatter)
    logger.addHandler(handler)
    logger.setLevel("INFO")
    try:
        api.get("/me", token=firm.token)
    finally:
        logger.setLevel("WARNING")
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in buffer.getvalue().splitlines()]
    [entry] = [e for e in lines if e.get("message") == "request"]
    assert entry["route"] == "/me" and entry["status"] == 200 and entry["method"] == "GET"
    assert entry["correlation_id"] and entry["service"] == "atrium"
