"""Probe the running API from outside, as an attacker or a client generator would: start
the local stack (as `make run` does) on a free port, then run schemathesis's CLI with every
check against its /openapi.json, signed in as the demo owner. schemathesis.toml says which
answers mean "valid, but refused by what is stored".

    python -m local.probe [schemathesis options, e.g. --max-examples 50 --seed 7]
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANNER_END = "Ctrl-C stops everything"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(port: int) -> tuple[subprocess.Popen, str]:
    """The stack and its banner; the stack's later output is drained to a log so a full
    pipe never stalls it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ATRIUM_"))}
    stack = subprocess.Popen([sys.executable, "-m", "local.stack", "--port", str(port)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    banner, deadline = [], time.monotonic() + 120
    while time.monotonic() < deadline and stack.poll() is None:
        line = stack.stdout.readline()
        banner.append(line)
        if BANNER_END in line:
            break
    if BANNER_END not in "".join(banner):
        stack.kill()
        raise SystemExit("the local stack did not start:\n" + "".join(banner))
    threading.Thread(target=_drain, args=(stack.stdout, ROOT / ".probe-stack.log"), daemon=True).start()
    return stack, "".join(banner)


def _drain(output, path: Path) -> None:
    with open(path, "w") as log:
        for line in output:
            log.write(line)


def main(argv: list[str]) -> int:
    port = _free_port()
    stack, banner = _start(port)
    token = banner.split("export TOKEN=", 1)[1].split()[0]
    try:
        cli = [str(Path(sys.executable).with_name("schemathesis")), "run", f"http://127.0.0.1:{port}/openapi.json",
               "--checks", "all", "-H", f"Authorization: Bearer {token}", *argv]
        return subprocess.run(cli, cwd=ROOT).returncode
    finally:
        stack.send_signal(signal.SIGINT)
        try:
            stack.wait(timeout=60)
        except subprocess.TimeoutExpired:
            stack.kill()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
