"""Seating a colleague in a room: the staff principal carries the names of the firm's
colleagues (the portal item's copy), so the seat is one transaction and no read, its
conditions standing in for the room and the login; the colleague's own room-list item
follows from the stream. A contact given back `sealed` (as GET /contacts/{id} answers
them) is seated the same way, their version pinned by a ConditionCheck."""
from tests.api.conftest import CALLS
from tests.api.test_errors import assert_problem
from tests.clients_support import create_client, entity
from tests.rooms_support import add_contact, add_service, create_room, portal_entity, portal_household, \
    seats_and_members
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
    pump()  # the closing takes their name off the copy: the room is read, and the copy refuses
    assert f"colleague_{sam}" not in _portal_item(firm)
    refused, calls = _add(api, firm.token, rid, sam)
    assert_problem(refused, 422)
    assert calls == 2
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


def test_a_colleague_the_copy_lacks_is_refused_until_the_backfill_names_them(api, firm, pump):
    """A firm stored before the names were copied: the upgrade backfill names every open
    colleague, so the copy is whole and no colleague is ever read."""
    from chalicelib.staff import name_copies
    from chalicelib.store import FirmStore, keys
    room = create_room(api, firm, portal_household(api, firm).client_id, add_service(api, firm))
    sam, _ = invite_staff(api, firm, pump, "sam@northwind.example", name="Sam Staff")
    owner = _user_id(firm.token)
    work = FirmStore.trusted(firm.id).work()
    work.upsert(keys.portal_options(), set={f"colleague_{sam}": None, f"colleague_{owner}": None})
    work.commit()
    refused, calls = _add(api, firm.token, room["id"], sam)
    assert_problem(refused, 422)
    assert calls == 2 and sam not in _members(api, firm, room["id"])
    assert name_copies.backfill(firm.id) == 2
    assert name_copies.backfill(firm.id) == 0  # a rerun writes nothing
    assert _portal_item(firm)[f"colleague_{owner}"] == api.get("/me", token=firm.token).json["user"]["name"]
    added, calls = _add(api, firm.token, room["id"], sam)
    assert (added.status, added.json["name"], calls) == (201, "Sam Staff", 2)


def test_an_invited_colleague_is_named_by_the_copy_before_they_accept(api, firm, pump):
    room = create_room(api, firm, portal_household(api, firm).client_id, add_service(api, firm))
    invited = api.post("/staff", {"name": "Ivy Invited", "email": "ivy@northwind.example", "role": "staff"},
                       token=firm.token).json["id"]
    pump()  # the new login reaches the copy from the stream
    added, calls = _add(api, firm.token, room["id"], invited)
    assert (added.status, added.json["name"], calls) == (201, "Ivy Invited", 2)


def _sealed(api, token, contact_id):
    found = api.get(f"/contacts/{contact_id}", token=token)
    assert found.status == 200, found.text
    return found.json["sealed"]


def _add_contact(api, token, rid, contact_id, sealed):
    resp = api.post(f"/rooms/{rid}/members", {"contact_id": contact_id, "sealed": sealed}, token=token)
    return resp, len(CALLS.of("dynamodb"))


def _entity_room(api, firm):
    org = portal_entity(api, firm)
    return org, create_room(api, firm, org["client_id"], add_service(api, firm))


def test_a_contact_given_back_sealed_is_seated_in_two_calls_with_their_login_seat(api, firm, pump):
    org, room = _entity_room(api, firm)
    rid = room["id"]
    added, calls = _add_contact(api, firm.token, rid, org["clerk"], _sealed(api, firm.token, org["clerk"]))
    assert added.status == 201 and calls == 2, (calls, added.text)
    assert (added.json["name"], added.json["side"], added.json["contact_id"]) == ("Clark", "client", org["clerk"])
    assert added.json["user_id"] in _members(api, firm, rid)
    assert api.get(f"/rooms/{rid}", token=org["clerk_token"]).status == 200  # their login holds the seat
    again, calls = _add_contact(api, firm.token, rid, org["clerk"], _sealed(api, firm.token, org["clerk"]))
    assert_problem(again, 409)
    assert calls == 2
    pump()
    seats, members = seats_and_members(firm.id)
    assert seats == {m for m in members if m[0] != _user_id(firm.token)}
    feed = api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]
    assert feed[0]["kind"] == "member_added" and feed[0]["payload"]["name"] == "Clark"


def test_a_contact_changed_since_their_seal_is_seated_as_they_now_stand(api, firm):
    org, room = _entity_room(api, firm)
    sealed = _sealed(api, firm.token, org["clerk"])
    assert api.patch(f"/contacts/{org['clerk']}", {"first_name": "Clarke"}, token=firm.token).status == 200
    added, calls = _add_contact(api, firm.token, room["id"], org["clerk"], sealed)
    assert added.status == 201 and added.json["name"] == "Clarke", added.text
    assert calls == 3  # the write refused returns the person, and is made again from them


def test_a_contact_whose_access_was_revoked_since_their_seal_is_refused(api, firm):
    org, room = _entity_room(api, firm)
    sealed = _sealed(api, firm.token, org["clerk"])
    revoked = api.post(f"/clients/{org['client_id']}/contacts/{org['clerk']}/remove", token=firm.token)
    assert revoked.status == 200, revoked.text
    refused, calls = _add_contact(api, firm.token, room["id"], org["clerk"], sealed)
    assert refused.json["errors"][0]["loc"] == "body.contact_id"
    assert "portal access" in assert_problem(refused, 422)["detail"]
    assert calls == 2 and len(_members(api, firm, room["id"])) == len(room["members"])


def test_a_seal_that_is_not_this_persons_or_malformed_is_refused_and_changes_nothing(api, firm):
    org, room = _entity_room(api, firm)
    rid = room["id"]
    theirs, calls = _add_contact(api, firm.token, rid, org["clerk"], _sealed(api, firm.token, org["primary"]))
    assert assert_problem(theirs, 422)["errors"][0]["loc"] == "body.sealed"
    assert calls == 1
    assert_problem(_add_contact(api, firm.token, rid, org["clerk"], "not.sealed")[0], 400)
    forged = _sealed(api, firm.token, org["clerk"])[:-2] + "AA"
    assert_problem(_add_contact(api, firm.token, rid, org["clerk"], forged)[0], 422)
    with_user = api.post(f"/rooms/{rid}/members", {"user_id": _user_id(firm.token),
                                                   "sealed": _sealed(api, firm.token, org["clerk"])}, token=firm.token)
    assert assert_problem(with_user, 400)["errors"][0]["loc"] == "body.sealed"
    assert len(_members(api, firm, rid)) == len(room["members"])


def test_another_firm_or_a_portal_user_cannot_seat_a_contact(api, firm, other_firm):
    org, room = _entity_room(api, firm)
    rid = room["id"]
    theirs = portal_entity(api, other_firm)
    refused, calls = _add_contact(api, other_firm.token, rid, theirs["clerk"],
                                  _sealed(api, other_firm.token, theirs["clerk"]))
    assert_problem(refused, 404)
    assert calls == 2
    ours = _sealed(api, firm.token, org["clerk"])
    assert_problem(_add_contact(api, other_firm.token, rid, org["clerk"], ours)[0], 422)  # not sealed for them
    assert_problem(_add_contact(api, org["primary_token"], rid, org["clerk"], ours)[0], 403)
    assert len(_members(api, firm, rid)) == len(room["members"])


def test_a_contact_without_portal_access_or_of_another_client_is_refused(api, firm):
    org, room = _entity_room(api, firm)
    rid = room["id"]
    plain = add_contact(api, firm.token, org["client_id"], "Paula", "paula@traders.example")
    refused, calls = _add_contact(api, firm.token, rid, plain, _sealed(api, firm.token, plain))
    assert "portal access" in assert_problem(refused, 422)["detail"]
    assert calls == 2  # a sealed person who could not sit is read: they may have been invited since
    home = portal_household(api, firm)
    refused, calls = _add_contact(api, firm.token, rid, home.erika, _sealed(api, firm.token, home.erika))
    assert "room's client" in assert_problem(refused, 422)["detail"]
    assert calls == 2  # the room's condition names its client
    assert len(_members(api, firm, rid)) == len(room["members"])


def test_a_contact_of_two_clients_is_seated_in_the_room_of_the_second(api, firm):
    org = portal_entity(api, firm)
    other = create_client(api, firm.token, entity("Southwind Ltd", email="cfo@southwind.example"))
    linked = api.request("PUT", f"/clients/{other['id']}/contacts/{org['clerk']}", {}, token=firm.token)
    assert linked.status in (200, 201), linked.text
    room = create_room(api, firm, other["id"], add_service(api, firm))
    added, calls = _add_contact(api, firm.token, room["id"], org["clerk"], _sealed(api, firm.token, org["clerk"]))
    assert added.status == 201, added.text
    assert calls == 3  # the first client guessed; the room's refusal names the right one
    assert api.get(f"/rooms/{room['id']}", token=org["clerk_token"]).status == 200
