"""The store's contract, against moto: firm-relative keys, conditional writes whose
refusals carry the item as it stood, ConditionChecks, counters, and one call per commit."""
import pytest

from chalicelib.store import Attr, CopyOf, FirmStore, Platform, Refused, at_version, exists, platform_keys


class Taken(Exception):
    pass


def _item(key, **fields):
    return {"PK": key, "SK": "THING", "type": "thing", **fields}


def test_a_firm_store_names_only_its_own_items(aws):
    a, b = FirmStore("FIRMA"), FirmStore("FIRMB")
    work = a.work()
    work.create(_item("THING#1", name="mine"))
    work.commit()
    assert a.get({"PK": "THING#1", "SK": "THING"})["name"] == "mine"
    assert a.get({"PK": "THING#1", "SK": "THING"})["PK"] == "THING#1"  # keys come back firm-relative
    assert b.get({"PK": "THING#1", "SK": "THING"}) is None


def test_a_refused_create_says_what_stood_there(aws):
    db = FirmStore("FIRMA")
    for attempt in range(2):
        work = db.work()
        work.create(_item("THING#1", n=attempt), refused=lambda old: Taken(old))
        if attempt == 0:
            work.commit()
    with pytest.raises(Taken) as refused:
        work.commit()
    assert refused.value.args[0]["n"] == 0


def test_a_lone_update_returns_the_item_as_stored(aws):
    db = FirmStore("FIRMA")
    work = db.work()
    work.create(_item("THING#1", settings={"days": 7}))
    work.commit()
    work = db.work()
    work.update({"PK": "THING#1", "SK": "THING"}, set={"settings.days": 9, "gone": None}, when=at_version(1))
    assert work.commit() == {**_item("THING#1", settings={"days": 9}), "v": 2}


def test_an_update_appends_to_a_list_without_reading_it(aws):
    db = FirmStore("FIRMA")
    work = db.work()
    work.create(_item("THING#1"))
    work.commit()
    for entry in ("first", "second"):
        work = db.work()
        work.update({"PK": "THING#1", "SK": "THING"}, append={"notes": [{"text": entry}]})
        stored = work.commit()
    assert stored["notes"] == [{"text": "first"}, {"text": "second"}] and stored["v"] == 3


def test_an_update_copies_an_attribute_as_it_stood_before_the_update(aws):
    db = FirmStore("FIRMA")
    work = db.work()
    work.create(_item("THING#1", status="available"))
    work.commit()
    work = db.work()
    work.update({"PK": "THING#1", "SK": "THING"}, set={"status": "trashed", "restore_to": CopyOf("status")})
    stored = work.commit()
    assert (stored["status"], stored["restore_to"]) == ("trashed", "available")


def test_a_transaction_reports_each_items_reason(aws):
    db = FirmStore("FIRMA")
    work = db.work()
    work.create(_item("THING#1"))
    work.check({"PK": "USER#nobody", "SK": "USER"}, exists() & Attr("role").ne("client"))
    with pytest.raises(Refused) as refused:
        work.commit()
    codes = [(r.index, r.kind, r.code, r.old) for r in refused.value.reasons]
    assert codes == [(0, "Put", "None", None), (1, "ConditionCheck", "ConditionalCheckFailed", None)]
    assert db.get({"PK": "THING#1", "SK": "THING"}) is None  # nothing of it committed


def test_a_counter_moves_within_its_condition_without_a_version(aws):
    db = FirmStore("FIRMA")
    key = {"PK": "FIRM", "SK": "FIRM"}
    work = db.work()
    work.create({**key, "owner_count": 1})
    work.commit()
    work = db.work()
    work.count(key, {"owner_count": -1}, when=Attr("owner_count").gt(1), refused=lambda old: Taken(old))
    with pytest.raises(Taken) as refused:
        work.commit()
    assert refused.value.args[0]["owner_count"] == 1
    work = db.work()
    work.count(key, {"owner_count": 1})
    assert work.commit()["owner_count"] == 2
    assert db.get(key)["v"] == 1


def test_a_set_takes_members_in_and_out_twice_without_change(aws):
    db = FirmStore("FIRMA")
    key = {"PK": "FIRM", "SK": "FIRM"}
    for _ in range(2):
        work = db.work()
        work.count(key, {"ids": {"a", "b"}})
        assert work.commit()["ids"] == ["a", "b"]
    for _ in range(2):
        work = db.work()
        work.count(key, {}, discard={"ids": {"a"}}, when=Attr("ids").contains("b"))
        assert work.commit()["ids"] == ["b"]
    assert "v" not in db.get(key)


def test_platform_items_go_through_the_platform_handle_only(aws):
    db = FirmStore("FIRMA")
    work = db.work()
    work.platform.create({**platform_keys.slug("acme"), "firm_id": "FIRMA"})
    work.create(_item("THING#1"))
    work.commit()
    assert Platform().get(platform_keys.slug("acme"))["firm_id"] == "FIRMA"
    with pytest.raises(ValueError):
        Platform().get({"PK": "F#FIRMA#THING#1", "SK": "THING"})
