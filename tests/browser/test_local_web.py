"""How the local stack answers /portal paths (local/web.py), without a browser."""
from local import web


def _dist(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>portal</title>")
    (tmp_path / "assets" / "index-abc.js").write_text("console.log(1)")
    (tmp_path.parent / "secret.txt").write_text("not for browsers")
    return tmp_path


def test_assets_are_files_and_cached_for_good(tmp_path):
    dist = _dist(tmp_path)
    assert web.resolve("/portal/assets/index-abc.js", dist) == (dist / "assets" / "index-abc.js", True)


def test_app_routes_and_tokens_with_dots_get_index_html(tmp_path):
    dist = _dist(tmp_path)
    for path in ("/portal", "/portal/", "/portal/northwind/clients?q=x",
                 "/portal/northwind/invitations/01AB.01CD.to-ken"):
        assert web.resolve(path, dist) == (dist / "index.html", False), path


def test_nothing_outside_the_build_is_served(tmp_path):
    dist = _dist(tmp_path)
    for path in ("/portal/../secret.txt", "/portal/assets/../../secret.txt", "/portal//etc/passwd"):
        assert web.resolve(path, dist) == (dist / "index.html", False), path


def test_unbuilt_portal_says_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.setattr(web, "DIST", tmp_path / "missing")
    status, headers, body = web.answer("/portal/northwind/sign-in")
    assert status == 503 and b"make web" in body


def test_pages_carry_the_security_headers(tmp_path, monkeypatch):
    monkeypatch.setattr(web, "DIST", _dist(tmp_path))
    status, headers, body = web.answer("/portal/northwind/sign-in")
    assert status == 200 and body.startswith(b"<!doctype html>")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "no-referrer" and headers["Cache-Control"] == "no-cache"


def test_pages_may_post_documents_to_the_local_s3_and_nowhere_else(tmp_path, monkeypatch):
    monkeypatch.setattr(web, "DIST", _dist(tmp_path))
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:51234")
    csp = web.answer("/portal/northwind/rooms/r1")[1]["Content-Security-Policy"]
    assert "connect-src 'self' http://127.0.0.1:51234;" in csp
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    assert "connect-src 'self';" in web.answer("/portal/northwind/rooms/r1")[1]["Content-Security-Policy"]
