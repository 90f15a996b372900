"""`make bench`: runs the benchmarks, prints a table, writes bench/results.json.

    python -m bench                         everything, with the defaults
    python -m bench --only tour scale       some sections
    python -m bench --clients 16 --seconds 60 --items 10000 --runs 7"""
from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any, Callable

from bench import environment

SECTIONS = ("tour", "coldstart", "overhead", "scale", "load")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients for the load (8)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the load runs (30)")
    parser.add_argument("--items", type=int, default=10_000, help="entries in the large list (10000)")
    parser.add_argument("--small", type=int, default=100, help="entries in the small list (100)")
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per cold-start side (7)")
    parser.add_argument("--overhead-seconds", type=float, default=5.0, help="time per overhead side (5)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results.json",
                        help="where the JSON results go (bench/results.json)")
    args = parser.parse_args(argv)
    # Load goes to loopback only, and must end by itself: keep it within sane bounds.
    if not 1 <= args.clients <= 64 or not 0 < args.seconds <= 3600:
        parser.error("--clients must be 1..64 and --seconds at most 3600")
    return args


def _sections(args: argparse.Namespace, env: dict[str, str]) -> dict[str, Callable[[], Any]]:
    from bench import coldstart, load, overhead, scale, server, tour
    from bench.calls import AwsCalls
    calls = AwsCalls().install()

    def under_load() -> Any:
        stack = server.start(env)
        try:
            return load.run(stack, args.clients, args.seconds)
        finally:
            stack.stop()
    return {"tour": lambda: tour.run(calls), "coldstart": lambda: coldstart.run(args.runs, env),
            "overhead": lambda: overhead.run(args.overhead_seconds),
            "scale": lambda: scale.run(calls, (args.small, args.items)), "load": under_load}


def _machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()}


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    env = environment.prepare()
    sections = _sections(args, env)
    now = datetime.datetime.now(datetime.timezone.utc)
    results: dict[str, Any] = {"generated_at": now.isoformat(timespec="seconds"), "machine": _machine()}
    for name in SECTIONS:
        if name not in args.only:
            continue
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        # The app's request logs and metric blobs would bury the report.
        with contextlib.redirect_stdout(io.StringIO()):
            results[name] = sections[name]()
        results.setdefault("durations_s", {})[name] = round(time.perf_counter() - started, 1)
    from bench import report
    print(report.render(results))
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
