"""app.py registers every route from chalicelib/core/route_table.py and imports a domain on its
first request: the table must list exactly what the routes modules declare, or a route
would be missing (a 404 for a declared route) or dead (a listed route no module serves)."""
import os
import subprocess
import sys

from local import route_table
from tests.support import ROOT


def test_the_table_lists_exactly_the_declared_routes():
    assert route_table.TABLE.read_text() == route_table.render(route_table.declared()), \
        "the table is stale: run `.venv/bin/python -m local.route_table`"


def test_the_app_serves_every_listed_route():
    from app import app
    from chalicelib.core.route_table import ROUTES
    served = {(method, path) for path, methods in app.routes.items() for method in methods}
    assert {(method, path) for method, path, _, _ in ROUTES} <= served


def test_importing_the_app_imports_no_domain():
    """A cold start pays for Chalice and the table; the first request for a domain
    imports that domain, and only its own dependencies."""
    probe = ("import sys, app; "
             "print(sorted(m for m in sys.modules if m.startswith('chalicelib.') and m.count('.') > 1))")
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "AWS_DEFAULT_REGION": "us-east-1"}).stdout
    assert eval(loaded) == ["chalicelib.auth.authorizer", "chalicelib.core.config", "chalicelib.core.cors",
                            "chalicelib.core.errors", "chalicelib.core.observability", "chalicelib.core.route_table"]
    probe = ("import sys, app; from chalicelib import routing; routing.views_of('chalicelib.firms.routes'); "
             "print(sorted({m.split('.')[1] for m in sys.modules if m.endswith('.routes')}))")
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "AWS_DEFAULT_REGION": "us-east-1"}).stdout
    assert eval(loaded) == ["firms"]
