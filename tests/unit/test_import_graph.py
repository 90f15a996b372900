"""Dependencies point one way: routes -> service -> (store, aws) -> core, with no cycles
between domains or modules. Imports are read from the source (ast), including imports
inside functions, so a late import cannot hide an upward edge."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIB = ROOT / "chalicelib"
LOWER = ("core", "aws", "store")
# May import from each lower layer: core knows nothing above it, aws only core, store core and aws.
ALLOWED_BELOW = {"core": {"core"}, "aws": {"core", "aws"}, "store": {"core", "aws", "store"}}
HTTP_ERRORS_ALLOWED_IN_STORE = {
    # Legacy API and its one user, which moves onto work.Work with the expiring claims.
    "chalicelib.store.table", "chalicelib.store.idempotency",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in LIB.rglob("*.py")}


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> dict[str, set[str]]:
    found = imports_in(MODULES[module].read_text())
    found.pop(module, None)
    return found


def imports_in(source: str) -> dict[str, set[str]]:
    """chalicelib modules a source imports anywhere, each with the names it takes."""
    tree = ast.parse(source)
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("chalicelib"):
                    found.setdefault(_resolve(alias.name), set())
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("chalicelib"):
            for alias in node.names:
                target = _resolve(f"{node.module}.{alias.name}") or _resolve(node.module)
                found.setdefault(target, set()).add(alias.name)
    found.pop(None, None)
    return found


GRAPH = {m: imports_of(m) for m in MODULES}


def _package(module: str) -> str:
    return module.split(".")[1] if "." in module else module


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"
    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    return found


def test_lower_layers_never_import_upwards():
    wrong = [f"{m} -> {t}" for m, targets in GRAPH.items() if _package(m) in LOWER
             for t in targets if _package(t) not in ALLOWED_BELOW[_package(m)]]
    assert wrong == []


def test_only_app_imports_routes():
    wrong = [f"{m} -> {t}" for m, targets in GRAPH.items() for t in targets
             if t.endswith(".routes") and not m.endswith(".routes")]
    assert wrong == []


def test_the_store_raises_no_http_errors():
    wrong = [f"{m} imports {sorted(names)}" for m, targets in GRAPH.items()
             if _package(m) == "store" and m not in HTTP_ERRORS_ALLOWED_IN_STORE
             for t, names in targets.items() if t == "chalicelib.core.errors" and names - {"WriteDeclined"}]
    assert wrong == []


def test_no_cycle_between_domains():
    packages: dict[str, set[str]] = {}
    for module, targets in GRAPH.items():
        packages.setdefault(_package(module), set()).update(_package(t) for t in targets if _package(t) != _package(module))
    assert _cycles(packages) == []


def test_no_cycle_between_modules():
    assert _cycles({m: set(t) for m, t in GRAPH.items()}) == []


def test_the_graph_sees_function_level_imports_and_cycles():
    # core/api.py once took the idempotency records from the store inside a function.
    source = "def f():\n    from chalicelib.store import idempotency\n    import chalicelib.clients.records\n"
    assert set(imports_in(source)) == {"chalicelib.store.idempotency", "chalicelib.clients.records"}
    assert _cycles({"clients": {"contacts"}, "contacts": {"clients"}}) != []
