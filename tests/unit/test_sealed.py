"""A sealed value opens only for the scope it was sealed for, exactly as it was given."""
from chalicelib.contacts.as_read import seal_person
from chalicelib.core.sealed import seal, unseal

PERSON = {"PK": "CONTACT#1", "SK": "CONTACT", "type": "contact", "id": "1", "first_name": "Ann", "v": 3,
          "client_ids": ["A", "B"], "user_id": "U"}


def test_a_sealed_value_opens_as_it_was_for_its_scope_only(signing_key):
    sealed = seal({"p": {"v": 3}}, "person:F:1")
    assert unseal(sealed, "person:F:1") == {"p": {"v": 3}}
    assert unseal(sealed, "person:F:2") is None and unseal(sealed, "person:G:1") is None


def test_a_changed_or_foreign_value_does_not_open(signing_key):
    body, signature = seal({"p": {"v": 3}}, "s").split(".")
    other_body = seal({"p": {"v": 4}}, "s").split(".")[0]
    for bad in (f"{other_body}.{signature}", f"{body}.{'A' * 22}", "nodot", f"{body}.é{signature[1:]}", "!!.x"):
        assert unseal(bad, "s") is None, bad


def test_a_person_is_sealed_without_their_storage_keys(signing_key):
    opened = unseal(seal_person("F", PERSON), "person:F:1")
    assert opened == {"p": {k: v for k, v in PERSON.items() if k not in ("PK", "SK", "type")}}


def test_a_given_value_opens_for_its_scope_and_anything_else_is_the_callers_error(signing_key):
    import pytest
    from chalicelib.core.errors import BusinessRule
    from chalicelib.core.sealed import given
    assert given(None, "document:F:1", "body.sealed", "this document") is None
    assert given(seal({"d": {"v": 2}}, "document:F:1"), "document:F:1", "body.sealed", "this document") == {
        "d": {"v": 2}}
    with pytest.raises(BusinessRule) as refused:
        given(seal({"d": {"v": 2}}, "document:F:2"), "document:F:1", "body.sealed", "this document")
    assert refused.value.status == 422 and [e["loc"] for e in refused.value.errors] == ["body.sealed"]
