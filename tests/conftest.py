"""Shared test plumbing. The environment is set before the app is imported: fake
credentials, a region, and no account-id endpoints (moto does not serve them)."""
from __future__ import annotations

import os

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


def pytest_report_header(config):
    return f"fuzzing seed: ATRIUM_FUZZ_SEED={os.environ['ATRIUM_FUZZ_SEED']}"
