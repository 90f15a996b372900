"""Pure rules of the core: ids, cursors, passwords, bearer parsing."""
import pytest
from pydantic import TypeAdapter, ValidationError

from chalicelib.core.errors import BadRequest, BusinessRule
from chalicelib.core.ids import new_id
from chalicelib.core.models import Email, Password
from chalicelib.core.pagination import decode_cursor, encode_cursor
from chalicelib.core.tokens import InvalidToken, bearer


def test_ids_sort_by_time_and_are_unique():
    early, late = new_id(1_000), new_id(2_000)
    assert early < late and len(early) == 26 and early.isalnum()
    assert len({new_id() for _ in range(1000)}) == 1000


def test_cursor_round_trips_only_in_its_scope(signing_key):
    key = {"PK": "F#1#USER#2", "SK": "USER"}
    cursor = encode_cursor(key, "firm-1:staff")
    assert decode_cursor(cursor, "firm-1:staff") == key
    with pytest.raises(BusinessRule):  # well formed, not for this list: 422
        decode_cursor(cursor, "firm-2:staff")
    with pytest.raises(BusinessRule):
        decode_cursor(cursor.replace(".", "x.", 1), "firm-1:staff")
    assert encode_cursor(None, "s") is None and decode_cursor(None, "s") is None


@pytest.mark.parametrize("value", ["Short-1a", "all-lowercase-1", "ALL-UPPERCASE-1", "No-Digits-Here", "NoSymbolsHere12"])
def test_weak_passwords_are_refused(value):
    with pytest.raises(ValidationError):
        TypeAdapter(Password).validate_python(value)


def test_emails_are_checked_and_lower_cased():
    assert TypeAdapter(Email).validate_python("Ada@Example.COM") == "ada@example.com"
    for bad in ("ada", "ada@", "@example.com", "a b@example.com", "ada@example"):
        with pytest.raises(ValidationError):
            TypeAdapter(Email).validate_python(bad)


def test_bearer_parsing():
    assert bearer("Bearer abc.def") == "abc.def"
    for bad in (None, "", "Bearer", "Basic abc", "bearer  "):
        with pytest.raises(InvalidToken):
            bearer(bad)


def test_a_principal_carries_the_client_of_each_seat_through_the_authorizer_context():
    from chalicelib.core.principal import Principal
    me = Principal("F1", "U1", "client", client_ids=("C1", "C2"), room_ids=("R1", "R2"), room_clients=(1, 0))
    again = Principal.from_context(me.to_context())
    assert again.client_of("R1") == "C2" and again.client_of("R2") == "C1" and again.client_of("R3") is None
