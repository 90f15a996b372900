"""Seating a colleague in a room: the staff principal carries the names of the firm's
colleagues (the portal item's copy), so the seat is one transaction and no read, its
conditions standing in for the room and the login; the colleague's own room-list item
follows from the stream."""
from tests.api.conftest import CALLS
from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service, create_room, portal_household
from tests.support import invite_staff
from tests.tokens import claims_of


def _user_id(token):
    return claims_of(token)["username"].split(".")[1]


def _add(api, token, rid, user_id):
    resp = api.post(f"/rooms/{rid}/members", {"user_id": user_id}, token=token)
    return resp, len(CALLS.of("dynamodb"))


def _room_names(api, token):
    return [r["name"] for r in api.get("/rooms?mine=true", token=token).json["items"]]


def _portal_item(firm):
    from chalicelib.store import FirmStore, keys
    return FirmStore.trusted(firm.id).get(keys.portal_options())


def _members(api, firm, rid):
    return {m["user_id"]: m["name"] for m in api.get(f"/rooms/{rid}", token=firm.token).json["members"]}


def test_a_colleague_is_seated_in_two_calls_and_their_room_list_follows(api, firm, pump):
    room = create_room(api, firm, portal_household(api, firm).client_id, add_service(api, firm))
    rid = room["id"]
    sam, sam_token = invite_staff(api, firm, pump, "sam@northwind.example", name="Sam Staff")
    added, calls = _add(api, firm.token, rid, sam)
    assert added.status == 201 and calls == 2, calls
    assert added.json["name"] == "Sam Staff" and added.json["side"] == "staff"
    assert _members(api, firm, rid)[sam] == "Sam Staff"
    again, calls = _add(api, firm.token, rid, sam)
    assert_problem(again, 409)
    assert calls == 2
    pump()  # the member's own copy of the room follows from the stream
    assert _room_names(api, sam_token) == [room["name"]]
    feed = api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]
    assert feed[0]["kind"] == "member_added" and feed[0]["payload"]["name"] == "Sam Staff"


def test_a_renamed_colleague_is_seated_by_their_new_name(api, firm, pump):
    room = create_room(api, firm, portal_household(api, firm).client_id, add_service(api, firm))
    sam, _ = invite_staff(api, firm, pump, "sam@northwind.example", name="Sam Staff")
    assert api.patch(f"/staff/{sam}", {"name": "Samantha Staff"}, token=firm.token).status == 200
    pump()  # the portal item's copy of the name follows the login
    assert _portal_item(firm)[f"colleague_{sam}"] == "Samantha Staff"
    added, calls = _add(api, firm.token, room["id"], sam)
    assert added.status == 201 and added.json["name"] == "Samantha Staff" and calls == 2


def test_an_archived_room_or_a_closed_login_refuses_the_seat_and_changes_nothing(api, firm, pump):
    room = create_room(api, firm, portal_household(api, firm).client_id, add_service(api, firm))
    rid = room["id"]
    sam, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    assert api.post(f"/rooms/{rid}/archive", token=firm.token).status == 200
    assert_problem(_add(api, firm.token, rid, sam)[0], 409)
    assert api.post(f"/rooms/{rid}/restore", token=firm.token).status == 200
    # Closed a moment ago: the principal's copy still names them, their login refuses.
    assert api.post(f"/staff/{sam}/deactivate", token=firm.token).status == 200
    refused, calls = _add(api, firm.token, rid, sam)
    assert_problem(refused, 422)
    assert calls == 2
    assert refused.json["errors"][0]["loc"] == "body.user_id"
    assert sam not in _members(api, firm, rid)
    pump()  # the closing takes their name off the copy: their login is read, and refuses
    assert f"colleague_{sam}" not in _portal_item(firm)
    assert_problem(_add(api, firm.token, rid, sam)[0], 422)
    assert_problem(_add(api, firm.token, "0" * 26, _user_id(firm.token))[0], 404)


def test_a_member_removed_before_their_copy_followed_stays_out_of_their_list(api, firm, pump):
    room = create_room(api, firm, portal_household(api, firm).client_id, add_service(api, firm))
    rid = room["id"]
    sam, sam_token = invite_staff(api, firm, pump, "sam@northwind.example")
    assert _add(api, firm.token, rid, sam)[0].status == 201
    assert api.delete(f"/rooms/{rid}/members/{sam}", token=firm.token).status == 204
    pump()  # the joining's record puts the copy, the leaving's takes it away again
    assert _room_names(api, sam_token) == []


def test_another_firm_cannot_seat_its_own_colleague_in_a_room_it_cannot_see(api, firm, other_firm):
    room = create_room(api, firm, portal_household(api, firm).client_id, add_service(api, firm))
    theirs = _user_id(other_firm.token)  # the other firm's owner, whose name their principal carries
    refused, calls = _add(api, other_firm.token, room["id"], theirs)
    assert_problem(refused, 404)
    assert calls == 2
    assert theirs not in _members(api, firm, room["id"])


def _fill(firm, rid, count):
    """Seats made-up colleagues straight in the room's map, up to `count` members."""
    from chalicelib.rooms.people import colleague_seat
    from chalicelib.store import FirmStore, keys
    work = FirmStore.trusted(firm.id).work()
    work.update(keys.room(rid), set={f"members.FILLER{n:02d}": colleague_seat(f"Filler {n}") for n in range(count)})
    work.commit()


def test_a_full_room_refuses_a_colleague_by_its_condition(api, firm, pump):
    room = create_room(api, firm, portal_household(api, firm).client_id, add_service(api, firm))
    rid = room["id"]
    sam, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    _fill(firm, rid, 25 - len(room["members"]))
    refused, calls = _add(api, firm.token, rid, sam)
    assert "at most 25" in assert_problem(refused, 422)["detail"]
    assert calls == 2 and sam not in _members(api, firm, rid)
