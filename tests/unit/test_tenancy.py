"""The tenant guard itself: it must see keys wherever a request carries them, and flag
those of another firm."""
from tests.tenancy import keys_in, strays

CALLER = ("FIRMA", "U1")
LOOKUP = "F#FIRMA#USER#U1"


def test_keys_are_found_in_every_request_shape():
    params = {"TransactItems": [{"Put": {"Item": {"PK": {"S": "F#A#X"}, "GSI1PK": {"S": "F#A#L"}}}},
                                {"ConditionCheck": {"Key": {"PK": {"S": "F#B#Y"}, "SK": {"S": "Y"}}}}]}
    assert keys_in(params) == ["F#A#X", "F#A#L", "F#B#Y"]
    assert keys_in({"RequestItems": {"t": {"Keys": [{"PK": {"S": "P#SLUG#a"}}]}}}) == ["P#SLUG#a"]
    assert keys_in({"ExpressionAttributeValues": {":pk": {"S": "F#A#STAFF"}, ":n": {"S": "Ann"}}}) == ["F#A#STAFF"]


def test_another_firms_key_is_a_stray():
    assert strays([LOOKUP, "F#FIRMA#CLIENT#1"], CALLER) == []
    assert strays([LOOKUP, "F#FIRMB#CLIENT#1"], CALLER) == ["F#FIRMB#CLIENT#1"]
    assert strays([LOOKUP, "CLIENT#1"], CALLER) == ["CLIENT#1"]


def test_platform_keys_are_only_the_listed_ones():
    assert strays([LOOKUP, "P#SLUG#northwind", "P#INVITING"], CALLER) == []
    assert strays([LOOKUP, "P#OTHER"], CALLER) == ["P#OTHER"]


def test_a_public_request_reaches_one_firm_at_most():
    assert strays(["P#SLUG#a", "F#FIRMA#FIRM"], None) == []
    assert strays(["F#FIRMA#FIRM", "F#FIRMB#FIRM"], None) != []
