"""Cold start: how long importing app.py takes in a fresh interpreter, against a bare
`import boto3` (what any Python Lambda that talks to AWS pays). Runs alternate between
the two so a busy machine slows both alike; the medians are compared."""
from __future__ import annotations

import statistics
import subprocess
import sys
from typing import Any

from bench.environment import ROOT, SETTINGS

_TIMED_IMPORT = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"


def import_seconds(module: str, env: dict[str, str]) -> float:
    done = subprocess.run([sys.executable, "-c", _TIMED_IMPORT.format(module=module)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def heaviest_packages(env: dict[str, str], top: int = 8) -> dict[str, float]:
    """Where app.py's import time goes: `-X importtime` self times summed per top-level
    package (a package's module-level work, pydantic model building included)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import app"], cwd=ROOT, env=env,
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
    env = {**env, **SETTINGS}
    times: dict[str, list[float]] = {"boto3": [], "app": []}
    for _ in range(runs):
        for module in times:
            times[module].append(import_seconds(module, env))
    boto3_ms = statistics.median(times["boto3"]) * 1000
    app_ms = statistics.median(times["app"]) * 1000
    return {"runs": runs, "boto3_ms": round(boto3_ms, 1), "app_ms": round(app_ms, 1),
            "ratio": round(app_ms / boto3_ms, 2), "heaviest_packages_ms": heaviest_packages(env),
            "samples_ms": {k: [round(v * 1000, 1) for v in vs] for k, vs in times.items()}}
