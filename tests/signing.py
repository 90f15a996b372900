"""The signing secret in an in-process AWS, for tests that sign without the whole stack."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

import boto3
from moto import mock_aws


@contextmanager
def signing_secret() -> Iterator[str]:
    import local.bootstrap
    from chalicelib.core.config import reset_settings
    with mock_aws():
        arn = local.bootstrap.create_signing_secret(boto3.client("secretsmanager", region_name="us-east-1"))
        previous = os.environ.get("ATRIUM_SIGNING_SECRET")
        os.environ["ATRIUM_SIGNING_SECRET"] = arn
        reset_settings()
        try:
            yield arn
        finally:
            if previous is None:
                os.environ.pop("ATRIUM_SIGNING_SECRET", None)
            else:
                os.environ["ATRIUM_SIGNING_SECRET"] = previous
            reset_settings()
