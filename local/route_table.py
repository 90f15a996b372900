"""Writes chalicelib/core/route_table.py from the routes modules themselves: every
chalicelib/<domain>/routes.py is imported and each route it declares is listed, with the
module and whether it is public. Run it after adding or changing a route:

    .venv/bin/python -m local.route_table

tests/unit/test_route_table.py fails while the table and the modules disagree."""
from __future__ import annotations

import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "chalicelib" / "core" / "route_table.py"
HEADER = '''"""Every route the API serves and the module that serves it, so that app.py can register
them all without importing a domain (chalicelib/routing.py imports a routes module on its
first request). Written by `python -m local.route_table`; tests/unit/test_route_table.py
fails while it and the routes modules disagree."""

# (method, path, routes module, public)
ROUTES: tuple[tuple[str, str, str, bool], ...] = (
'''


def routes_modules() -> list[str]:
    return sorted(".".join(p.relative_to(ROOT).with_suffix("").parts) for p in (ROOT / "chalicelib").glob("*/routes.py"))


def declared() -> list[tuple[str, str, str, bool]]:
    order = {module: i for i, module in enumerate(routes_modules())}
    for module in order:
        importlib.import_module(module)
    from chalicelib.core.api import OPERATIONS
    ops = sorted(OPERATIONS, key=lambda op: order[op.module])  # stable: declaration order within a module
    return [(op.method, op.path, op.module, op.public) for op in ops]


def render(routes: list[tuple[str, str, str, bool]]) -> str:
    return HEADER + "".join(f"    {route!r},\n" for route in routes) + ")\n"


def main() -> None:
    TABLE.write_text(render(declared()))
    print(f"wrote {TABLE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
