"""Turning a raw request into validated models, and results into responses."""
from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from chalice import Response
from pydantic import BaseModel, TypeAdapter, ValidationError

from chalicelib.core.config import settings
from chalicelib.core.errors import BadRequest, PayloadTooLarge, validation_errors


# No model nests deeper than a few levels; a limit well above that keeps a hostile body
# from exhausting the parser's recursion.
MAX_DEPTH = 32
# What a DynamoDB number can hold: 38 significant digits, magnitude 1E-130 to 1E126.
MAX_DIGITS = 38
_SMALLEST, _LARGEST = Decimal("1E-130"), Decimal("1E126")
# An ETag this API gives is a version number; DynamoDB must be able to compare it.
# Visible ASCII (a UUID, a ULID, a random token): what every HTTP stack carries unchanged.
IDEMPOTENCY_KEY_PATTERN = r"^[!-~]{1,255}$"
IF_MATCH_PATTERN = r'^(?:W/)?"?([0-9]{1,18})"?$'
_IF_MATCH = re.compile(IF_MATCH_PATTERN, re.ASCII)


class _Unstorable(ValueError):
    """A number no field and no DynamoDB attribute can hold."""


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Unstorable(text[:20])
    return int(text)


def _float(text: str) -> float:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _Unstorable(text[:20]) from None
    digits = len(number.normalize().as_tuple().digits)
    if number and (digits > MAX_DIGITS or not _SMALLEST <= abs(number) < _LARGEST):
        raise _Unstorable(text[:20])
    return float(text)


def _constant(text: str) -> Any:
    raise _Unstorable(text)


def _too_deep(value: Any) -> bool:
    """Breadth-first, so a deep body costs no recursion here either."""
    level, depth = [value], 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return True
        level = [inner for v in level if isinstance(v, (dict, list))
                 for inner in (v.values() if isinstance(v, dict) else v)]
    return False


def _load_json(raw: bytes) -> Any:
    too_deep = BadRequest(f"The body may nest objects and arrays at most {MAX_DEPTH} deep.",
                          [{"loc": "body", "msg": "nested too deeply"}])
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=_int, parse_float=_float, parse_constant=_constant)
    except _Unstorable as exc:
        raise BadRequest(f"The body holds a number out of range: {exc}.", [{"loc": "body", "msg": "number out of range"}])
    except RecursionError:
        raise too_deep from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest(f"The body is not valid JSON: {exc}.", [{"loc": "body", "msg": "malformed JSON"}])
    if _too_deep(data):
        raise too_deep
    return data


def parse_body(raw: bytes | None, model: type[BaseModel]) -> BaseModel:
    raw = raw or b""
    if len(raw) > settings().max_body_bytes:
        raise PayloadTooLarge(f"The body may be at most {settings().max_body_bytes} bytes.")
    data = _load_json(raw) if raw.strip() else None
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
    found = _IF_MATCH.fullmatch(raw.strip())
    if found is None:  # not a stale version but no version at all: the request is malformed
        raise BadRequest("If-Match must be a version this API returned in an ETag.",
                         [{"loc": "header.If-Match", "msg": "not an ETag of this API"}])
    return int(found.group(1))


def idempotency_key(headers: Any) -> str | None:
    raw = headers.get("idempotency-key") if headers else None
    if raw is None:
        return None
    if not re.fullmatch(IDEMPOTENCY_KEY_PATTERN, raw):
        raise BadRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.",
                         [{"loc": "header.Idempotency-Key", "msg": "not a valid key"}])
    return raw


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
