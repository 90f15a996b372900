"""Compiled bytecode for the deployment package. Lambda unpacks the package read-only, so
Python cannot cache what it compiles: without bytecode in the package, every cold start
compiles each module it imports (pydantic, Chalice, Atrium) from source. The bytecode is
hash-based and unchecked: it does not depend on file times, which a zip keeps only to two
seconds, and a package is never edited in place."""
from __future__ import annotations

import importlib.util
import py_compile
import tempfile
import zipfile
from pathlib import Path

UNCHECKED = py_compile.PycInvalidationMode.UNCHECKED_HASH


def add_to(package: Path) -> int:
    """Adds a .pyc beside every .py in the zip (for the Python running this, which
    infra/project.py makes the Lambda runtime's); returns how many."""
    with zipfile.ZipFile(package) as archive:
        sources = [name for name in archive.namelist() if name.endswith(".py")]
        present = set(archive.namelist())
        with tempfile.TemporaryDirectory(prefix="atrium-pyc-") as scratch:
            compiled = {name: _compile(archive.read(name), Path(scratch), name) for name in sources
                        if importlib.util.cache_from_source(name) not in present}
    with zipfile.ZipFile(package, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, bytecode in sorted(compiled.items()):
            if bytecode is not None:
                archive.writestr(_entry(importlib.util.cache_from_source(name)), bytecode)
    return sum(1 for bytecode in compiled.values() if bytecode is not None)


def _compile(source: bytes, scratch: Path, name: str) -> bytes | None:
    """The bytecode of one module, or None where it does not compile (a template or a
    file meant for another Python version, which the package carries but never imports)."""
    path = scratch / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source)
    try:
        out = py_compile.compile(str(path), doraise=True, invalidation_mode=UNCHECKED, dfile=name)
    except py_compile.PyCompileError:
        return None
    return Path(out).read_bytes()


def _entry(name: str) -> zipfile.ZipInfo:
    # A fixed time keeps the zip's bytes, and so CDK's asset hash, the same for the same code.
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
