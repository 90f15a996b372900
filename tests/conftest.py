"""Shared test plumbing. The environment is set before the app is imported: fake
credentials, a region, and no account-id endpoints (moto does not serve them)."""
from __future__ import annotations

import os

import pytest

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    "POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "WARNING",
})
os.environ.pop("AWS_ENDPOINT_URL", None)


def pytest_configure(config):
    """One fuzzing seed per run, chosen here so every xdist worker uses the same one;
    ATRIUM_FUZZ_SEED=<n> replays a run."""
    import random
    os.environ.setdefault("ATRIUM_FUZZ_SEED", str(random.SystemRandom().randrange(2**32)))
    config.pluginmanager.register(EveryTestRan(), "every-test-ran")


def pytest_report_header(config):
    return f"fuzzing seed: ATRIUM_FUZZ_SEED={os.environ['ATRIUM_FUZZ_SEED']}"


class EveryTestRan:
    """Fails a run that would pass having run fewer tests than it collected. The fuzzer's
    operations are items that share one node id; a scheduler that groups by node id (as
    xdist's --dist loadgroup does) runs one of them and reports success."""

    def __init__(self) -> None:
        self.collected = 0
        self.ran = 0

    def pytest_collection_finish(self, session):
        self.collected = len(session.items)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids):
        self.collected = max(self.collected, len(ids))

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.ran += 1

    def pytest_sessionfinish(self, session, exitstatus):
        if hasattr(session.config, "workerinput") or session.config.option.collectonly:
            return  # a worker's share, or nothing was meant to run
        if exitstatus == pytest.ExitCode.OK and self.ran < self.collected:
            session.config.get_terminal_writer().line(
                f"\nonly {self.ran} of {self.collected} collected tests ran", red=True)
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
