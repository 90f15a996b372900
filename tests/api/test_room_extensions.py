"""The API other domains build on: a membership check that is a ConditionCheck in their
own unit of work, `feed.append`, the notification fan-out with its unread counts, and
room creation added to a unit of work the caller commits."""
import pytest

from chalicelib.core.errors import Conflict, NotFound
from chalicelib.core.principal import Principal
from chalicelib.notifications import records as notes
from chalicelib.rooms import access, feed
from chalicelib.rooms.creation import Creator, NewRoom, create_room
from chalicelib.store import FirmStore, keys
from tests.rooms_support import add_service, create_room as create_room_over_http, portal_entity, portal_household
from tests.tokens import claims_of


def _principal(firm_id, token, role, client_ids=()):
    return Principal(firm_id, claims_of(token)["username"].split(".")[1], role, tuple(client_ids))


def _work_item(db, room_id, label):
    work = db.work()
    work.create({"PK": f"TEST#{label}", "SK": "TEST", "type": "test"})
    return work


@pytest.fixture
def world(api, firm):
    home = portal_household(api, firm)
    room = create_room_over_http(api, firm, home.client_id, add_service(api, firm))
    return home, room


def test_membership_check_guards_another_domains_write(api, firm, world):
    home, room = world
    db = FirmStore(firm.id)
    member = _principal(firm.id, home.norbert_token, "client", [home.client_id])
    work = _work_item(db, room["id"], "doc1")
    access.check_member(work, member, room["id"])
    work.commit()
    assert db.get({"PK": "TEST#doc1", "SK": "TEST"}) is not None

    stranger = _principal(firm.id, home.norbert_token, "client", ["another-client"])
    work = _work_item(db, room["id"], "doc2")
    access.check_member(work, stranger, room["id"])
    with pytest.raises(NotFound):
        work.commit()
    assert db.get({"PK": "TEST#doc2", "SK": "TEST"}) is None

    api.post(f"/rooms/{room['id']}/archive", token=firm.token)
    work = _work_item(db, room["id"], "doc3")
    access.check_member(work, member, room["id"])
    with pytest.raises(Conflict):
        work.commit()
    work = _work_item(db, room["id"], "doc4")
    access.check_member(work, member, room["id"], writing=False)
    work.commit()


def test_feed_append_and_notify_commit_with_the_cause(api, firm, world):
    home, room = world
    db = FirmStore(firm.id)
    norbert = claims_of(home.norbert_token)["username"].split(".")[1]
    work = db.work()
    item = feed.append(work, room["id"], "document_shared", feed.CLIENT_VISIBLE, {"file": "return.pdf"},
                       actor={"id": "someone", "name": "Olive Owner"})
    feed.append(work, room["id"], "document_reviewed", feed.INTERNAL, {"file": "return.pdf"})
    notes.notify(work, [norbert], room_id=room["id"], room_name=room["name"], kind="document_shared",
                 item_id=item["id"], title="A document was shared", text="return.pdf")
    work.commit()
    staff_kinds = [i["kind"] for i in api.get(f"/rooms/{room['id']}/feed", token=firm.token).json["items"]]
    client_feed = api.get(f"/rooms/{room['id']}/feed", token=home.norbert_token).json["items"]
    assert set(staff_kinds[:2]) == {"document_reviewed", "document_shared"}  # same millisecond: any order
    assert client_feed[0]["kind"] == "document_shared" and client_feed[0]["payload"] == {"file": "return.pdf"}
    assert all(i["kind"] != "document_reviewed" for i in client_feed)
    summary = db.get(keys.unread(norbert))
    assert notes.unread_counts(summary) == {room["id"]: 1}


def test_room_creation_joins_the_callers_unit_of_work(api, firm, pump):
    org = portal_entity(api, firm)
    sid = add_service(api, firm)
    db = FirmStore(firm.id)
    owner = _principal(firm.id, firm.token, "owner")
    work = db.work()
    work.create({"PK": "OPPORTUNITY#1", "SK": "OPPORTUNITY", "type": "test"})
    room = create_room(work, Creator(owner.user_id, "Olive Owner"), NewRoom(org["client_id"], sid,
                                                                            "From an opportunity"))
    assert db.get(keys.room(room["id"])) is None  # nothing before the caller commits
    work.commit()
    assert len(db.get(keys.room(room["id"]))["members"]) == 1  # the creator; the primary contact follows
    pump()
    stored = db.get(keys.room(room["id"]))
    assert stored["name"] == "From an opportunity" and len(stored["members"]) == 2
    assert db.get({"PK": "OPPORTUNITY#1", "SK": "OPPORTUNITY"}) is not None
