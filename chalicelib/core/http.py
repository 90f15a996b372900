"""Turning a raw request into validated models, and results into responses."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from chalice import Response
from pydantic import BaseModel, TypeAdapter, ValidationError

from chalicelib.core.config import settings
from chalicelib.core.errors import BadRequest, PayloadTooLarge, PreconditionFailed, validation_errors


def parse_body(raw: bytes | None, model: type[BaseModel]) -> BaseModel:
    raw = raw or b""
    if len(raw) > settings().max_body_bytes:
        raise PayloadTooLarge(f"The body may be at most {settings().max_body_bytes} bytes.")
    try:
        data = json.loads(raw.decode("utf-8")) if raw.strip() else None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}.", [{"loc": "body", "msg": "malformed JSON"}])
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.", [{"loc": "body", "msg": "expected an object"}])
    return validate(model, data, prefix="body")


def parse_query(params: dict[str, str] | None, model: type[BaseModel]) -> BaseModel:
    return validate(model, dict(params or {}), prefix="query")


def validate(model: type[BaseModel], data: dict[str, Any], prefix: str) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [{"loc": f"{prefix}.{e['loc']}" if e["loc"] != "body" else prefix, "msg": e["msg"]}
                  for e in validation_errors(exc)]
        raise BadRequest(f"The {prefix} failed validation.", errors)


def if_match_version(headers: Any) -> int | None:
    """If-Match carries the version an ETag gave: `"3"` or `3`."""
    raw = headers.get("if-match") if headers else None
    if raw is None:
        return None
    text = raw.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise PreconditionFailed("If-Match must be a version this API returned in an ETag.")
    return int(text)


def render(result: Any, status: int, view: Any = None) -> Response:
    """The result as JSON, passed through `view` (the route's model for the caller's
    audience) when there is one: only the fields that model declares are sent."""
    if isinstance(result, Response):
        return result
    headers = {"Content-Type": "application/json"}
    version = getattr(result, "version", None)
    if isinstance(version, int):
        headers["ETag"] = f'"{version}"'
    if result is None:
        return Response(body="", status_code=204 if status == 200 else status, headers={})
    body = result.model_dump(mode="json") if isinstance(result, BaseModel) else result
    if view is not None:
        adapter = _adapter(view)
        body = adapter.dump_python(adapter.validate_python(body), mode="json")
    return Response(body=json.dumps(body), status_code=status, headers=headers)


@lru_cache(maxsize=None)
def _adapter(view: Any) -> TypeAdapter:
    return TypeAdapter(view)
