"""The API describes itself, and the description matches the routes."""
import re

from openapi_spec_validator import validate

from app import app  # noqa: F401  (registers the routes)
from chalicelib.core.api import every_operation

OPERATIONS = every_operation()


def test_openapi_validates_and_covers_every_route(api):
    resp = api.get("/openapi.json")
    assert resp.status == 200
    spec = resp.json
    validate(spec)
    assert spec["openapi"] == "3.1.0"
    for op in OPERATIONS:
        doc = spec["paths"][op.path][op.method.lower()]
        assert doc["responses"], op.path
        assert str(op.status) in doc["responses"]
        if op.body:
            assert doc["requestBody"]["content"]["application/json"]["schema"]
        if not op.public:
            assert doc["security"] == [{"bearer": []}] and "401" in doc["responses"] and "403" in doc["responses"]
        for name in re.findall(r"{(\w+)}", op.path):
            assert any(p["name"] == name and p["in"] == "path" for p in doc["parameters"])


def test_every_operation_is_routed(api):
    from app import app
    for op in OPERATIONS:
        assert op.method in app.routes[op.path], (op.method, op.path)


def test_docs_page_and_its_assets_are_served_locally(api):
    page = api.get("/docs")
    assert page.status == 200 and page.content_type.startswith("text/html")
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(not a.startswith("http") for a in assets)
    for asset in assets:
        resp = api.get("/" + asset.lstrip("/"))
        assert resp.status == 200 and len(resp.text) > 100, asset
    assert api.get("/docs/assets/evil.js").status == 404


def test_no_api_route_lives_where_the_web_portal_is_served(api):
    """/portal/* is the web app's: CloudFront sends it to the bucket and the local server
    to web/dist, so an API route there is unreachable (GET /portal/options once was)."""
    from app import app
    from local.web import PREFIX
    assert [p for p in app.routes if p == PREFIX or p.startswith(PREFIX + "/")] == []


def test_the_document_is_utf8_text(api):
    """Tools read the document as UTF-8 (schemathesis's CLI stopped on a lone surrogate
    inside a pattern): every character in it must be one UTF-8 can carry."""
    import json
    text = json.dumps(api.get("/openapi.json").json, ensure_ascii=False)
    assert text.encode("utf-8", errors="replace").decode("utf-8") == text
