import pytest

from chalicelib.core.errors import BadRequest
from chalicelib.core.ids import new_id
from chalicelib.invitations import tokens


def test_token_names_its_invitation_and_only_its_hash_is_kept(signing_key):
    firm_id, invite_id = new_id(), new_id()
    token = tokens.new_token(firm_id, invite_id)
    assert tokens.parse(token) == (firm_id, invite_id)
    stored = tokens.digest(token)
    assert token not in stored and tokens.matches(token, stored)
    assert not tokens.matches(tokens.new_token(firm_id, new_id()), stored)
    assert not tokens.matches(tokens.new_token(new_id(), invite_id), stored)
    assert len(token) <= 100  # path ids longer than that are refused before any lookup


def test_the_link_is_made_again_from_its_ids_and_the_key_not_from_the_table(signing_key):
    firm_id, invite_id = new_id(), new_id()
    token = tokens.new_token(firm_id, invite_id)
    assert tokens.new_token(firm_id, invite_id) == token and tokens.well_formed(token)
    assert tokens.token_of(firm_id, invite_id, tokens.digest(token)) == token
    assert tokens.new_token(firm_id, invite_id, b"another key") != token
    assert tokens.token_of(firm_id, invite_id, tokens.digest(token, b"another key")) is None


# Fixed ids: parameters must be the same in every test worker.
_A, _B = "01M88A9D8KHYK4D2GGNBFSQ4YC", "01M88A9D8KNQWNRVX8VCZE20VF"


@pytest.mark.parametrize("bad", ["", "abc", "x.y.z", f"{_A}.{_B}.short", f"{_A}#.{_B}.{'a' * 43}"])
def test_malformed_tokens_are_400(bad):
    with pytest.raises(BadRequest):
        tokens.parse(bad)
