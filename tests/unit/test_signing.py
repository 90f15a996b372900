"""The signing key comes from Secrets Manager; a rotation needs no deployment: what was
signed with the previous key verifies during the grace period, and no longer after."""
import json

import boto3
import pytest

from chalicelib.core import signing
from chalicelib.core.errors import BusinessRule
from chalicelib.core.pagination import decode_cursor, encode_cursor
from chalicelib.invitations import tokens

KEY = {"PK": "F#1#STAFF", "SK": "USER#2"}


@pytest.fixture
def rotate(signing_key, monkeypatch):
    # Each read goes to the secret, as it does once a function's cached copy is old.
    monkeypatch.setattr(signing, "MAX_AGE_SECONDS", 0)
    sm = boto3.client("secretsmanager", region_name="us-east-1")

    def to(current: str, previous: str | None) -> None:
        sm.put_secret_value(SecretId=signing_key, SecretString=json.dumps({"current": current, "previous": previous}))
    return to


def test_the_key_is_the_secrets_current_value(signing_key):
    stored = json.loads(boto3.client("secretsmanager", region_name="us-east-1")
                        .get_secret_value(SecretId=signing_key)["SecretString"])
    assert signing.keys().current == stored["current"].encode() and signing.keys().previous is None


def test_after_a_rotation_old_cursors_and_links_work_while_the_previous_key_is_kept(rotate):
    rotate("first-key-0123456789", None)
    cursor = encode_cursor(KEY, "scope")
    token = tokens.new_token("0" * 26, "1" * 26)
    stored = tokens.digest(token)
    rotate("second-key-0123456789", "first-key-0123456789")
    assert decode_cursor(cursor, "scope") == KEY
    assert tokens.matches(token, stored)
    # the stream makes the link again for its message with the key that made it
    assert tokens.token_of("0" * 26, "1" * 26, stored) == token != tokens.new_token("0" * 26, "1" * 26)
    assert encode_cursor(KEY, "scope") != cursor  # new cursors use the new key
    rotate("third-key-0123456789", "second-key-0123456789")
    with pytest.raises(BusinessRule):
        decode_cursor(cursor, "scope")
    assert not tokens.matches(token, stored)
    assert tokens.token_of("0" * 26, "1" * 26, stored) is None


def test_a_secret_without_a_current_key_is_refused():
    with pytest.raises(KeyError):
        signing.parse(json.dumps({"previous": "x"}))
