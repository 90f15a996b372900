"""Synthesizes each stage once per test session, in a subprocess.

A CDK synth inside the test process would leave CDK token strings in
os.environ and the packaged app in sys.modules['app'] (Chalice imports it to
package it); a subprocess keeps both out of every other test. Under
pytest-xdist the workers share one synth per stage through a lock.
"""
from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYNTH = ROOT / "infra" / "synth.py"
# The suite registers devices (as moto's local platform applications), so its stages
# have push set up, as a firm with mobile apps would; and it finalises uploads against
# malware verdict tags, so its stages scan (dev's default is off: the roles must then
# grant reading the tag, which the evidence check holds them to).
SUITE = ["-c", "push_ios_arn=arn:aws:sns:us-east-1:123456789012:app/APNS/atrium-ios",
         "-c", "push_android_arn=arn:aws:sns:us-east-1:123456789012:app/GCM/atrium-android",
         "-c", "malware_scan=on"]
SYNTH_TIMEOUT = 600  # seconds; the first run downloads Lambda wheels from PyPI


@dataclass(frozen=True)
class Synthesized:
    stage: str
    path: Path
    json: dict

    @property
    def assembly(self) -> Path:
        """The cloud assembly beside the template: the deployment package is in it."""
        return self.path.parent / f"atrium-{self.stage}.out"

    @property
    def resources(self) -> dict:
        return self.json["Resources"]

    def of_type(self, type_: str) -> dict:
        return {k: v for k, v in self.resources.items() if v["Type"] == type_}

    def one(self, type_: str) -> dict:
        found = list(self.of_type(type_).values())
        assert len(found) == 1, f"expected one {type_}, found {len(found)}"
        return found[0]["Properties"]

    def function(self, logical_id: str) -> dict:
        return self.resources[logical_id]["Properties"]

    def role_of(self, logical_id: str) -> dict:
        role_id = self.function(logical_id)["Role"]["Fn::GetAtt"][0]
        return self.resources[role_id]["Properties"]

    def statements_of(self, logical_id: str) -> list[dict]:
        """Every statement of the function's role, with Action always a list."""
        policies = self.role_of(logical_id).get("Policies", [])
        found = [s for p in policies for s in p["PolicyDocument"]["Statement"]]
        return [{**s, "Action": _as_list(s["Action"])} for s in found]


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _shared_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _run_synth(stage: str, out: Path) -> Path:
    done = subprocess.run(
        [sys.executable, str(SYNTH), "--stage", stage, "--out", str(out), *SUITE],
        cwd=ROOT, capture_output=True, text=True, timeout=SYNTH_TIMEOUT)
    if done.returncode != 0:
        pytest.fail(f"synth of {stage} failed:\n{done.stdout[-2000:]}\n{done.stderr[-6000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


def _synthesized(stage: str, shared: Path) -> Synthesized:
    done = shared / f"atrium-{stage}.template.json"
    with open(shared / "atrium-synth.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            template = _run_synth(stage, shared / f"atrium-{stage}.out")
            template.replace(done)
    return Synthesized(stage, done, json.loads(done.read_text()))


@pytest.fixture(scope="session")
def synth(tmp_path_factory):
    shared = _shared_dir(tmp_path_factory)
    cache: dict[str, Synthesized] = {}

    def get(stage: str) -> Synthesized:
        if stage not in cache:
            cache[stage] = _synthesized(stage, shared)
        return cache[stage]
    return get


@pytest.fixture(scope="session")
def dev(synth) -> Synthesized:
    return synth("dev")


@pytest.fixture(scope="session")
def prod(synth) -> Synthesized:
    return synth("prod")
