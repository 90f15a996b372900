"""OpenAPI 3.1 built from the registered operations and their pydantic models."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pydantic import TypeAdapter

from chalicelib.core.api import MAX_PATH_PARAM, Operation, every_operation
from chalicelib.core.errors import TITLES
from chalicelib.core.http import IDEMPOTENCY_KEY_PATTERN, IF_MATCH_PATTERN

REF = "#/components/schemas/{model}"
_PROBLEM = {
    "type": "object", "required": ["type", "title", "status", "detail"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                   "detail": {"type": "string"},
                   "errors": {"type": "array", "items": {"type": "object", "properties": {
                       "loc": {"type": "string"}, "msg": {"type": "string"}}}}},
}


def _key(tp: Any) -> str:
    # repr, not __name__: every Union is named "Union", and two routes would share a schema.
    return repr(tp)


def _schemas(ops: list[Operation]) -> tuple[dict[tuple[str, str], Any], dict[str, Any]]:
    inputs = [(_key(o.body), "validation", TypeAdapter(o.body)) for o in ops if o.body]
    outputs = [(_key(o.response), "serialization", TypeAdapter(o.response)) for o in ops if o.response]
    unique = list({(k, m): (k, m, a) for k, m, a in inputs + outputs}.values())
    refs, defs = TypeAdapter.json_schemas(unique, ref_template=REF)
    return refs, defs.get("$defs", {})


def _parameters(op: Operation) -> list[dict[str, Any]]:
    params = [{"name": n, "in": "path", "required": True, "schema": {"type": "string", "maxLength": MAX_PATH_PARAM}}
              for n in re.findall(r"{(\w+)}", op.path)]
    if op.idempotent:
        params.append({"name": "Idempotency-Key", "in": "header", "required": False,
                       "description": "A retry with the same key and body replays the first answer.",
                       "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": IDEMPOTENCY_KEY_PATTERN}})
    if op.versioned:
        params.append({"name": "If-Match", "in": "header", "required": False,
                       "description": "The ETag read earlier; a stale one gives 412.",
                       "schema": {"type": "string", "pattern": IF_MATCH_PATTERN}})
    if op.query:
        schema = op.query.model_json_schema(ref_template=REF)
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            params.append({"name": name, "in": "query", "required": name in required, "schema": _tidy(prop)})
    return params


def _responses(op: Operation, refs: dict) -> dict[str, Any]:
    ok: dict[str, Any] = {"description": "Success"}
    if op.response is not None:
        ok["content"] = {"application/json": {"schema": refs[(_key(op.response), "serialization")]}}
    # 500 is never documented: an answer the API does not mean to give is a bug, and a
    # document that promised it would let response checks pass it.
    # Any input the API reads (body, query, If-Match, Idempotency-Key) can be malformed.
    reads_input = op.body or op.query or op.versioned or op.idempotent
    statuses = set(op.errors) | {400 if reads_input else None}
    if "{" in op.path:
        statuses.add(404)  # an id that names nothing (core.api refuses malformed ones so)
    if op.query is not None and "cursor" in op.query.model_fields:
        statuses.add(422)  # a well-formed cursor this API did not sign for this list
    if op.idempotent:
        statuses.add(422)  # an Idempotency-Key reused with another body
    if op.body:
        statuses.add(413)  # a body over the size every route takes (a long list can be)
    if not op.public:
        statuses |= {401, 403}
    responses = {str(op.status): ok}
    for status in sorted(s for s in statuses if s):
        responses[str(status)] = {"$ref": f"#/components/responses/P{status}"}
    return responses


def _operation(op: Operation, refs: dict) -> dict[str, Any]:
    doc: dict[str, Any] = {"operationId": op.name, "summary": op.summary, "tags": [op.tag],
                           "parameters": _parameters(op), "responses": _responses(op, refs)}
    if op.body is not None:
        doc["requestBody"] = {"required": not op.optional_body, "content": {
            "application/json": {"schema": refs[(_key(op.body), "validation")]}}}
    doc["security"] = [] if op.public else [{"bearer": []}]
    if not op.public:
        doc["x-roles"] = list(op.roles)
    return doc


# pydantic leaves a bound given on an optional field of a validated type (Integer | None)
# under its own name; JSON Schema would ignore it, and the document would call out-of-range
# values valid.
_KEYWORDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum",
             "min_length": "minLength", "max_length": "maxLength", "multiple_of": "multipleOf"}
_NAMED_SCHEMAS = ("properties", "patternProperties", "$defs")


def _tidy(schema: Any) -> Any:
    """JSON Schema's own keywords for every bound, and no default of None on a field whose
    type refuses null (a partial update may leave it out, not null it)."""
    if isinstance(schema, list):
        return [_tidy(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {_KEYWORDS.get(k, k): ({n: _tidy(sub) for n, sub in v.items()} if k in _NAMED_SCHEMAS else _tidy(v))
           for k, v in schema.items()}
    if out.get("default", ...) is None and "type" in out and out["type"] != "null":
        del out["default"]
    return out


@lru_cache(maxsize=1)
def build() -> dict[str, Any]:
    operations = every_operation()
    refs, defs = _schemas(operations)
    defs = {name: _tidy(schema) for name, schema in defs.items()}
    paths: dict[str, Any] = {}
    for op in operations:
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op, refs)
    statuses = sorted({int(r["$ref"][-3:]) for p in paths.values() for o in p.values()
                       for r in o["responses"].values() if "$ref" in r})
    return {
        "openapi": "3.1.0",
        "info": {"title": "Atrium API", "version": "1.0.0",
                 "description": "Client portal for professional firms. Every failure is application/problem+json."},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": {**defs, "Problem": _PROBLEM},
            "responses": {f"P{s}": {"description": TITLES.get(s, "Error"), "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}} for s in statuses},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                                           "description": "The access token from POST /auth/login."}},
        },
    }
