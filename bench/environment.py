"""The process environment the benchmarks run in: fake AWS credentials and quiet
Powertools, set before Atrium is imported (as the tests do)."""
from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETTINGS = {
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    # Log lines and EMF blobs on stdout would cost the same in Lambda, where they are the
    # product; here they would only drown the report.
    "POWERTOOLS_METRICS_DISABLED": "true", "POWERTOOLS_LOG_LEVEL": "WARNING",
}


def prepare() -> dict[str, str]:
    # Metrics are off, so the middleware's flush finds nothing to send and says so.
    warnings.filterwarnings("ignore", message="No application metrics")
    os.environ.update(SETTINGS)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return dict(os.environ)
