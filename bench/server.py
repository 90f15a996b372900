"""The local stack in a subprocess (`python -m local.stack`), on loopback ports of its
own, for the load benchmark: started, waited for, and stopped by its process id."""
from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
from collections import deque
from dataclasses import dataclass, field

from bench.environment import ROOT

READY_TIMEOUT = 180.0
_TOKEN = re.compile(r"TOKEN=(\S+)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Stack:
    port: int
    moto_port: int
    process: subprocess.Popen
    token: str = ""
    output: deque = field(default_factory=lambda: deque(maxlen=200))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode


def _read(stack: Stack, ready: threading.Event) -> None:
    assert stack.process.stdout is not None
    for line in stack.process.stdout:
        stack.output.append(line.rstrip())
        if (found := _TOKEN.search(line)):
            stack.token = found.group(1)
            ready.set()
    ready.set()  # the stack ended before it was ready


def start(env: dict[str, str]) -> Stack:
    port, moto_port = free_port(), free_port()
    child_env = {k: v for k, v in env.items() if not k.startswith(("AWS_", "ATRIUM_"))}
    child_env["PYTHONUNBUFFERED"] = "1"
    command = [sys.executable, "-m", "local.stack", "--port", str(port), "--moto-port", str(moto_port)]
    process = subprocess.Popen(command, cwd=ROOT, env=child_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    stack = Stack(port, moto_port, process)
    ready = threading.Event()
    threading.Thread(target=_read, args=(stack, ready), daemon=True).start()
    if not ready.wait(READY_TIMEOUT) or not stack.token:
        stack.stop()
        tail = "\n".join(list(stack.output)[-20:])
        raise RuntimeError(f"the local stack did not become ready in {READY_TIMEOUT:.0f} s:\n{tail}")
    return stack
