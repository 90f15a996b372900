"""The API's own description and a small viewer for it, served from the package (no CDN)."""
from __future__ import annotations

from pathlib import Path

from chalice import Response

from chalicelib.core import openapi
from chalicelib.core.api import Api, Call
from chalicelib.core.errors import NotFound

api = Api(__name__, "Docs")
_ASSETS = Path(__file__).parent / "assets"
_TYPES = {"viewer.js": "application/javascript", "viewer.css": "text/css"}


@api.route("GET", "/openapi.json", public=True, summary="This API as OpenAPI 3.1")
def spec(call: Call):
    return openapi.build()


@api.route("GET", "/docs", public=True, summary="A browsable view of the API")
def docs(call: Call):
    return Response(body=(_ASSETS / "index.html").read_text(), status_code=200,
                    headers={"Content-Type": "text/html; charset=utf-8"})


@api.route("GET", "/docs/assets/{name}", public=True, summary="The viewer's script and styles", errors=(404,))
def asset(call: Call, name: str):
    if name not in _TYPES:
        raise NotFound("No such asset.")
    return Response(body=(_ASSETS / name).read_text(), status_code=200,
                    headers={"Content-Type": _TYPES[name], "Cache-Control": "public, max-age=3600"})
