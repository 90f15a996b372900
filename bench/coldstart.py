"""Cold start: how long importing app.py takes in a fresh interpreter, against a bare
`import boto3` (what any Python Lambda that talks to AWS pays), and what the first
request then adds: the domain it calls is imported on that request (chalicelib/routing.py).

The app is measured as the deployment package ships it: a copy of app.py and chalicelib/
with the same unchecked hash-based bytecode infra/bytecode.py adds (Lambda's package
directory is read-only, so nothing compiled at run time is kept); the libraries come
compiled from the virtualenv, as boto3 does. Runs alternate between the sides so a busy
machine slows all alike; the medians are compared."""
from __future__ import annotations

import compileall
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.environment import ROOT, SETTINGS

# The domain GET /clients loads: a first request's typical cost.
FIRST_DOMAIN = "chalicelib.clients.routes"
_TIMED = "import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
SIDES = {
    "boto3": "import boto3",
    "app": "import app",
    "first_request": f"import app; from chalicelib import routing; routing.views_of({FIRST_DOMAIN!r})",
}


def compiled_copy(into: Path) -> Path:
    shutil.copy(ROOT / "app.py", into / "app.py")
    shutil.copytree(ROOT / "chalicelib", into / "chalicelib", ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(into, quiet=2, invalidation_mode=compileall.py_compile.PycInvalidationMode.UNCHECKED_HASH)
    return into


def seconds(code: str, where: Path, env: dict[str, str]) -> float:
    done = subprocess.run([sys.executable, "-c", _TIMED.format(code=code)], cwd=where, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def heaviest_packages(where: Path, env: dict[str, str], top: int = 8) -> dict[str, float]:
    """Where the first request's imports go: `-X importtime` self times summed per
    top-level package (a package's module-level work, pydantic model classes included)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", SIDES["first_request"]], cwd=where, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    totals: dict[str, int] = {}
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            package = parts[2].strip().split(".")[0]
            totals[package] = totals.get(package, 0) + int(parts[0])
    ranked = sorted(totals.items(), key=lambda kv: -kv[1])[:top]
    return {name: round(us / 1000, 1) for name, us in ranked}


def run(runs: int, env: dict[str, str]) -> dict[str, Any]:
    env = {**env, **SETTINGS, "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryDirectory(prefix="atrium-coldstart-") as scratch:
        where = compiled_copy(Path(scratch))
        times: dict[str, list[float]] = {side: [] for side in SIDES}
        for _ in range(runs):
            for side, code in SIDES.items():
                times[side].append(seconds(code, where, env))
        heaviest = heaviest_packages(where, env)
    ms = {side: statistics.median(values) * 1000 for side, values in times.items()}
    return {"runs": runs, "boto3_ms": round(ms["boto3"], 1), "app_ms": round(ms["app"], 1),
            "ratio": round(ms["app"] / ms["boto3"], 2), "first_request_domain": FIRST_DOMAIN,
            "first_request_ms": round(ms["first_request"], 1),
            "first_request_ratio": round(ms["first_request"] / ms["boto3"], 2),
            "heaviest_packages_ms": heaviest,
            "samples_ms": {k: [round(v * 1000, 1) for v in vs] for k, vs in times.items()}}
