import pytest

from tests.signing import signing_secret


@pytest.fixture
def signing_key():
    """An in-process Secrets Manager holding a generated signing key, as the stack makes one."""
    with signing_secret() as arn:
        yield arn
