"""The baseline for per-request overhead: a bare Chalice app whose routes replay the
DynamoDB calls recorded from the matching Atrium request, and do nothing else (no
authorizer, no token check, no models, no middleware)."""
from __future__ import annotations

import copy
import json
from typing import Any

from botocore import handlers
from botocore import xform_name
from chalice import Chalice

Script = list[tuple[str, dict[str, Any]]]


class Recorder:
    """Keeps the parameters of every DynamoDB call while `on` is set."""

    def __init__(self) -> None:
        self.on = False
        self.script: Script = []
        handlers.BUILTIN_HANDLERS.append(("before-parameter-build.dynamodb", self._record))

    def _record(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        if self.on:
            self.script.append((model.name, copy.deepcopy(params)))

    def take(self) -> Script:
        script, self.script = self.script, []
        return script


def _key(params: dict[str, Any]) -> str:
    return json.dumps(params.get("Key"), sort_keys=True)


def _replay(script: Script) -> dict[str, Any]:
    from chalicelib.aws.clients import client
    ddb = client("dynamodb")
    versions: dict[str, dict[str, str]] = {}
    for operation, recorded in script:
        params = copy.deepcopy(recorded)
        values = params.get("ExpressionAttributeValues", {})
        if ":expected" in values and _key(params) in versions:
            # An optimistic-lock condition names the version read just before; a replay
            # must name the version it read, or every replay after the first would fail.
            values[":expected"] = versions[_key(params)]
        result = getattr(ddb, xform_name(operation))(**params)
        if "v" in result.get("Item", {}):
            versions[_key(params)] = result["Item"]["v"]
    return {"ok": True}


def bare_app(scripts: dict[tuple[str, str], Script]) -> Chalice:
    app = Chalice(app_name="bare")
    for (method, path), script in scripts.items():
        def view(script: Script = script) -> dict[str, Any]:
            return _replay(script)
        app.route(path, methods=[method], name=f"{method} {path}", content_types=["application/json"])(view)
    return app
