"""Projections against moto: one stream record is followed once however often it is
delivered, in its own firm, and a copy that has moved on is left alone."""
from chalicelib.store import Attr, FirmStore, platform_keys
from chalicelib.store.projection import follow
from chalicelib.store.wire import to_ddb


def _record(firm_id, sequence, old, new, pk="THING#1"):
    placed = FirmStore(firm_id).place
    image = lambda fields: to_ddb(placed({"PK": pk, "SK": "THING", "type": "thing", **fields}))  # noqa: E731
    change = {"SequenceNumber": sequence, **({"OldImage": image(old)} if old is not None else {}),
              **({"NewImage": image(new)} if new is not None else {})}
    return {"eventName": "MODIFY" if old is not None else "INSERT", "dynamodb": change}


def _count_moves(old, new, work):
    """A test projector: the tally of things that are on."""
    delta = int(bool(new and new["on"])) - int(bool(old and old["on"]))
    if delta:
        work.count({"PK": "TALLY", "SK": "TALLY"}, {"on": delta})


def test_a_record_delivered_twice_moves_a_counter_once(aws):
    turned_on = _record("FIRMA", "101", {"on": False}, {"on": True})
    assert follow(turned_on, _count_moves) is True
    assert follow(turned_on, _count_moves) is False  # the stream's retry of the same record
    assert FirmStore("FIRMA").get({"PK": "TALLY", "SK": "TALLY"})["on"] == 1
    assert follow(_record("FIRMA", "102", {"on": True}, {"on": False}), _count_moves) is True
    assert FirmStore("FIRMA").get({"PK": "TALLY", "SK": "TALLY"})["on"] == 0
    assert FirmStore("FIRMB").get({"PK": "TALLY", "SK": "TALLY"}) is None  # only the record's own firm


def test_a_change_that_moves_no_copy_writes_nothing(aws):
    assert follow(_record("FIRMA", "201", {"on": True}, {"on": True}), _count_moves) is False
    assert FirmStore("FIRMA").get({"PK": "TALLY", "SK": "TALLY"}) is None


def test_a_record_of_no_firm_is_not_followed(aws):
    record = {"eventName": "INSERT", "dynamodb": {"SequenceNumber": "301", "NewImage": to_ddb(
        {**platform_keys.slug("northwind"), "type": "slug", "on": True})}}
    assert follow(record, _count_moves) is False
    assert FirmStore("FIRMA").get({"PK": "TALLY", "SK": "TALLY"}) is None


def test_a_copy_that_has_moved_on_is_left_alone_and_the_rest_is_written(aws):
    db = FirmStore("FIRMA")
    work = db.work()
    work.create({"PK": "COPY", "SK": "COPY", "holder": "someone else"})
    work.commit()

    def release_if_mine(old, new, work):
        _count_moves(old, new, work)
        work.count({"PK": "COPY", "SK": "COPY"}, {}, set={"holder": None}, when=Attr("holder").eq("THING#1"))

    turned_off = _record("FIRMA", "401", {"on": True}, {"on": False})
    assert follow(turned_off, release_if_mine) is True
    assert db.get({"PK": "COPY", "SK": "COPY"})["holder"] == "someone else"
    assert db.get({"PK": "TALLY", "SK": "TALLY"})["on"] == -1
    assert follow(turned_off, release_if_mine) is False  # delivered again: the marker stands
    assert db.get({"PK": "TALLY", "SK": "TALLY"})["on"] == -1
