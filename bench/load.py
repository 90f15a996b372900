"""Load: N concurrent HTTP clients against the local stack for T seconds, a mix of reads
and writes; latency percentiles, errors, and proof that nothing acknowledged was lost:
afterwards every created colleague is listed, every renamed one carries the last name
the API acknowledged, and every acknowledged invitation reaches SES through the outbox."""
from __future__ import annotations

import random
import statistics
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import requests

from bench.server import Stack

MAX_REQUESTS_PER_CLIENT = 100_000  # a bound even if the clock misbehaves
TIMEOUT = 30


@dataclass
class Client:
    number: int
    target: str
    token: str
    base: str
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"read": [], "write": []})
    errors: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    acknowledged_name: str | None = None

    def send(self, kind: str, method: str, path: str, body: Any = None) -> requests.Response | None:
        started = time.perf_counter()
        try:
            resp = self.session.request(method, self.base + path, json=body, timeout=TIMEOUT,
                                        headers={"Authorization": f"Bearer {self.token}"})
        except requests.RequestException as exc:
            self.errors.append(f"{method} {path}: {type(exc).__name__}")
            return None
        self.latencies[kind].append(time.perf_counter() - started)
        if resp.status_code >= 300:
            self.errors.append(f"{method} {path}: {resp.status_code} {resp.text[:120]}")
            return None
        return resp

    def step(self, rng: random.Random, n: int) -> None:
        roll = rng.random()
        if roll < 0.5:
            self.send("read", "GET", "/me")
        elif roll < 0.7:
            self.send("read", "GET", "/staff?limit=20")
        elif roll < 0.9:
            name = f"Target {self.number}-{n}"
            if self.send("write", "PATCH", f"/staff/{self.target}", {"name": name}) is not None:
                self.acknowledged_name = name
        else:
            email = f"load-{self.number}-{n}@northwind.example"
            resp = self.send("write", "POST", "/staff", {"name": f"Load {self.number}-{n}", "email": email})
            if resp is not None:
                self.created.append(resp.json()["id"])
                self.invited.append(email)

    def run(self, deadline: float, seed: int) -> None:
        self.session = requests.Session()
        rng = random.Random(seed)
        for n in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                break
            self.step(rng, n)
        self.session.close()


def _make_target(stack: Stack, n: int) -> str:
    resp = requests.post(f"{stack.url}/staff", json={"name": f"Target {n}", "email": f"target-{n}@northwind.example"},
                         headers={"Authorization": f"Bearer {stack.token}"}, timeout=TIMEOUT)
    resp.raise_for_status()
    return resp.json()["id"]


def _all_staff(stack: Stack) -> dict[str, str]:
    found: dict[str, str] = {}
    url = f"{stack.url}/staff?limit=200"
    for _ in range(10_000):
        page = requests.get(url, headers={"Authorization": f"Bearer {stack.token}"}, timeout=TIMEOUT)
        page.raise_for_status()
        found.update({u["id"]: u["name"] for u in page.json()["items"]})
        cursor = page.json().get("next_cursor")
        if not cursor:
            break
        url = f"{stack.url}/staff?limit=200&cursor={requests.utils.quote(cursor)}"
    return found


def _sent_to(stack: Stack) -> set[str]:
    data = requests.get(f"http://127.0.0.1:{stack.moto_port}/moto-api/data.json", timeout=TIMEOUT).json()
    return {to for m in data.get("ses", {}).get("Message", []) for to in m["destinations"].get("ToAddresses", [])}


def _undelivered(stack: Stack, emails: list[str], wait: float = 60.0) -> list[str]:
    """The local stack's outbox pump runs every second: give it a bounded while."""
    deadline = time.monotonic() + wait
    missing = list(emails)
    while missing and time.monotonic() < deadline:
        sent = _sent_to(stack)
        missing = [e for e in missing if e not in sent]
        if missing:
            time.sleep(1.0)
    return missing


def _percentiles(values: list[float]) -> dict[str, float]:
    if len(values) < 2:
        return {"count": len(values)}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"count": len(values), "p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1)}


def _verify(stack: Stack, clients: list[Client]) -> dict[str, Any]:
    listed = _all_staff(stack)
    created = [i for c in clients for i in c.created]
    lost = [i for i in created if i not in listed]
    stale = [c.target for c in clients if c.acknowledged_name and listed.get(c.target) != c.acknowledged_name]
    renamed = sum(1 for c in clients if c.acknowledged_name)
    undelivered = _undelivered(stack, [e for c in clients for e in c.invited])
    return {"creates_acknowledged": len(created), "creates_lost": len(lost), "renames_checked": renamed,
            "renames_stale": len(stale), "invitations_undelivered": len(undelivered),
            "nothing_lost": not lost and not stale and not undelivered}


def run(stack: Stack, clients: int, seconds: float) -> dict[str, Any]:
    team = [Client(n, _make_target(stack, n), stack.token, stack.url) for n in range(clients)]
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=c.run, args=(deadline, n), daemon=True) for n, c in enumerate(team)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + TIMEOUT + 30)
    elapsed = time.perf_counter() - started
    reads = [v for c in team for v in c.latencies["read"]]
    writes = [v for c in team for v in c.latencies["write"]]
    errors = [e for c in team for e in c.errors]
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(reads) + len(writes),
            "rps": round((len(reads) + len(writes)) / elapsed, 1), "all": _percentiles(reads + writes),
            "read": _percentiles(reads), "write": _percentiles(writes), "errors": len(errors),
            "error_samples": errors[:5], **_verify(stack, team)}
