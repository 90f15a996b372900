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
    assert opened == {"i": {k: v for k, v in PERSON.items() if k not in ("PK", "SK", "type")}}


def test_a_stored_item_is_sealed_without_its_place_in_the_table(signing_key):
    from chalicelib.core.sealed import seal_item, unseal_item
    from chalicelib.opportunities.as_read import SEALED_MAX, seal_opportunity
    item = {"PK": "OPP#9", "SK": "OPP", "GSI1PK": "OPPS#S", "GSI1SK": "9", "type": "opportunity", "id": "9",
            "status": "dismissed", "notes": [{"text": "Née"}], "v": 2}
    kept = {k: v for k, v in item.items() if k in ("id", "status", "notes", "v")}
    assert unseal_item(seal_item(item, "opportunity:F:9"), "opportunity:F:9") == kept
    assert unseal_item(seal_opportunity("F", item), "opportunity:F:9") == kept
    assert unseal_item(seal_opportunity("F", item), "opportunity:G:9") is None
    long = {**item, "notes": [{"text": "x" * 2000}] * (SEALED_MAX // 2000)}
    assert seal_opportunity("F", long) is None  # too long for a body to give back


def test_a_document_with_the_longest_names_fits_the_request_field(signing_key):
    from chalicelib.documents.as_read import SEALED_MAX, seal_document
    from chalicelib.documents.names import MAX_NAME
    doc = {"id": "D" * 26, "v": 10 ** 9, "status": "available", "version_count": 10 ** 6, "room_id": "R" * 26,
           "client_id": "C" * 26, "internal": False, "available_at": "2026-11-26T23:59:59Z", "key": "k",
           "file_name": "\U0001F600" * MAX_NAME, "uploaded_by": "U" * 26, "uploaded_by_name": "\U0001F600" * 400,
           "current_version": "V" * 26}
    assert len(seal_document("F" * 26, doc, for_staff=True)) <= SEALED_MAX
