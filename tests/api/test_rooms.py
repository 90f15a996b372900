"""Rooms: staff create them for a client and a service with the default members of
seed 000, rename, archive and restore them, and add or remove members. Creating a room
notifies nobody."""
from tests.api.test_errors import assert_problem
from tests.documents_support import PDF, upload
from tests.rooms_support import (add_service, create_room, furnished, portal_entity, portal_household,
                                 seats_and_members)
from tests.support import invite_staff, sent_emails
from tests.tokens import claims_of


def _owner_id(firm):
    return claims_of(firm.token)["username"].split(".")[1]


def _member_ids(room):
    return {m["user_id"] for m in room["members"]}


def test_household_room_has_the_professional_and_every_co_owner(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    pump()
    mails_before = len(sent_emails())
    room = create_room(api, firm, home.client_id, sid)
    sides = {m["name"]: m["side"] for m in room["members"]}
    assert sides == {"Olive Owner": "staff", "Norbert Lindqvist": "client", "Erika": "client"}
    assert room["service_name"] == "Tax return" and room["client_name"] == "Lindqvist Household"
    assert room["professional_id"] == _owner_id(firm) and room["status"] == "active"
    pump()
    assert len(sent_emails()) == mails_before  # nobody is told
    for token in (home.norbert_token, home.erika_token):
        seen = api.get(f"/rooms/{room['id']}", token=token)
        assert seen.status == 200 and "created_by" not in seen.json and "version" not in seen.json
        assert all(set(m) == {"user_id", "name", "side"} for m in seen.json["members"])


def test_entity_room_has_the_professional_and_the_primary_contact_only(api, firm):
    org = portal_entity(api, firm)
    sid = add_service(api, firm, "Bookkeeping")
    room = create_room(api, firm, org["client_id"], sid, "Monthly books")
    assert {m["name"] for m in room["members"]} == {"Olive Owner", "Cora Finch"}
    assert_problem(api.get(f"/rooms/{room['id']}", token=org["clerk_token"]), 404)
    added = api.post(f"/rooms/{room['id']}/members", {"contact_id": org["clerk"]}, token=firm.token)
    assert added.status == 201 and added.json["side"] == "client" and added.json["name"] == "Clark"
    assert api.get(f"/rooms/{room['id']}", token=org["clerk_token"]).status == 200
    assert_problem(api.post(f"/rooms/{room['id']}/members", {"contact_id": org["clerk"]}, token=firm.token), 409)


def test_create_from_the_client_and_with_another_professional(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    pro, _ = invite_staff(api, firm, pump, "pat@northwind.example", name="Pat Pro")
    resp = api.post(f"/clients/{home.client_id}/rooms", {"service_id": sid, "name": "Return", "professional_id": pro},
                    token=firm.token)
    assert resp.status == 201, resp.text
    assert resp.json["client_id"] == home.client_id and resp.json["professional_id"] == pro
    # The answer has its creator as its one member; the professional joins from the stream.
    assert [m["name"] for m in resp.json["members"]] == ["Olive Owner"]
    room = furnished(api, resp.json["id"], firm.token)
    assert {"Olive Owner", "Pat Pro"} <= {m["name"] for m in room["members"]}


def test_a_change_made_before_the_room_is_furnished_reaches_every_copy(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    pump()
    made = api.post("/rooms", {"client_id": home.client_id, "service_id": sid, "name": "Draft"}, token=firm.token)
    assert made.status == 201 and made.json["client_name"] == "" and len(made.json["members"]) == 1
    rid = made.json["id"]
    assert api.patch(f"/rooms/{rid}", {"name": "Returns 2025"}, token=firm.token).status == 200
    pump()  # the creation and the rename, in order
    for listed in ("/rooms", "/rooms?mine=true", "/rooms?q=lindq", "/rooms?q=retur"):
        rows = api.get(listed, token=firm.token).json["items"]
        assert [(r["name"], r["client_name"]) for r in rows] == [("Returns 2025", "Lindqvist Household")], listed
    assert [r["name"] for r in api.get("/rooms", token=home.erika_token).json["items"]] == ["Returns 2025"]
    kinds = [i["kind"] for i in api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]]
    assert kinds == ["room_renamed", "room_created"]
    seats, members = seats_and_members(firm.id)
    assert seats == members and len(members) == 2


def test_rename_archive_restore_show_in_the_feed(api, firm, pump):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    rid = room["id"]
    renamed = api.patch(f"/rooms/{rid}", {"name": "2025 returns"}, token=firm.token, headers={"if-match": '"1"'})
    assert renamed.status == 200 and renamed.json["name"] == "2025 returns" and renamed.json["version"] == 2
    assert_problem(api.patch(f"/rooms/{rid}", {"name": "x"}, token=firm.token, headers={"if-match": '"1"'}), 412)
    assert api.post(f"/rooms/{rid}/archive", token=firm.token).json["status"] == "archived"
    assert_problem(api.post(f"/rooms/{rid}/archive", token=firm.token), 409)
    assert_problem(api.post(f"/rooms/{rid}/members", {"contact_id": home.erika}, token=firm.token), 409)
    norbert_user = claims_of(home.norbert_token)["username"].split(".")[1]
    assert_problem(api.delete(f"/rooms/{rid}/members/{norbert_user}", token=firm.token), 409)
    assert_problem(api.delete(f"/rooms/{'0' * 26}/members/{norbert_user}", token=firm.token), 404)
    assert api.post(f"/rooms/{rid}/restore", token=firm.token).json["status"] == "active"
    pump()  # the feed items that tell the members follow each change from the stream
    kinds = [i["kind"] for i in api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]]
    assert kinds == ["room_restored", "room_archived", "room_renamed", "room_created"]
    client_kinds = [i["kind"] for i in api.get(f"/rooms/{rid}/feed", token=home.norbert_token).json["items"]]
    assert client_kinds == kinds


def test_members_are_added_and_removed(api, firm, pump):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm))
    rid = room["id"]
    colleague, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    assert api.post(f"/rooms/{rid}/members", {"user_id": colleague}, token=firm.token).status == 201
    erika_user = claims_of(home.erika_token)["username"].split(".")[1]
    assert api.delete(f"/rooms/{rid}/members/{erika_user}", token=firm.token).status == 204
    assert_problem(api.get(f"/rooms/{rid}", token=home.erika_token), 404)
    assert_problem(api.get(f"/rooms/{rid}/feed", token=home.erika_token), 404)
    assert_problem(api.delete(f"/rooms/{rid}/members/{erika_user}", token=firm.token), 404)
    again = api.post(f"/rooms/{rid}/members", {"contact_id": home.erika}, token=firm.token)
    assert again.status == 201 and again.json["user_id"] == erika_user
    pump()  # the removal's feed item follows from the stream
    feed = api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]
    assert [i["kind"] for i in feed[:3]] == ["member_added", "member_removed", "member_added"]


def _room_reads(api, token, rid, thread_id, document_id):
    """What a portal user reads in a room without the room being read: the principal's seat decides."""
    return [api.get(path, token=token).status for path in (
        f"/rooms/{rid}/feed", f"/rooms/{rid}/documents", f"/rooms/{rid}/threads/{thread_id}",
        f"/documents/{document_id}", f"/documents/{document_id}/versions")]


def test_a_portal_users_seat_follows_membership_and_their_link_to_the_client(api, firm):
    home = portal_household(api, firm)
    rid = create_room(api, firm, home.client_id, add_service(api, firm))["id"]
    thread = api.post(f"/rooms/{rid}/threads", {"body": "Welcome"}, token=firm.token).json["id"]
    document = upload(api, firm.token, rid, PDF)["id"]
    erika_user = claims_of(home.erika_token)["username"].split(".")[1]
    assert _room_reads(api, home.erika_token, rid, thread, document) == [200] * 5
    assert api.delete(f"/rooms/{rid}/members/{erika_user}", token=firm.token).status == 204
    assert _room_reads(api, home.erika_token, rid, thread, document) == [404] * 5
    assert _room_reads(api, home.norbert_token, rid, thread, document) == [200] * 5  # still a member
    assert api.post(f"/rooms/{rid}/members", {"contact_id": home.erika}, token=firm.token).status == 201
    assert _room_reads(api, home.erika_token, rid, thread, document) == [200] * 5
    # Unlinked from the client, she loses its rooms though the member map still names her.
    assert api.delete(f"/clients/{home.client_id}/contacts/{home.erika}", token=firm.token).status == 204
    assert erika_user in _member_ids(api.get(f"/rooms/{rid}", token=firm.token).json)
    assert _room_reads(api, home.erika_token, rid, thread, document) == [404] * 5
    seats, members = seats_and_members(firm.id)
    assert seats == members and len(members) == 2


def test_a_rename_reaches_every_copy_and_never_brings_back_a_member_who_left(api, firm, pump):
    home = portal_household(api, firm)
    rid = create_room(api, firm, home.client_id, add_service(api, firm))["id"]
    erika_user = claims_of(home.erika_token)["username"].split(".")[1]
    renamed = api.patch(f"/rooms/{rid}", {"name": "Returns 2025"}, token=firm.token)
    assert renamed.status == 200 and renamed.json["name"] == "Returns 2025" and renamed.json["version"] == 2
    # Erika leaves before the rename's copies arrive: they must not put her item back.
    assert api.delete(f"/rooms/{rid}/members/{erika_user}", token=firm.token).status == 204
    pump()
    assert [r["name"] for r in api.get("/rooms?q=returns", token=firm.token).json["items"]] == ["Returns 2025"]
    assert api.get("/rooms?q=tax", token=firm.token).json["items"] == []
    assert [r["name"] for r in api.get("/rooms", token=home.norbert_token).json["items"]] == ["Returns 2025"]
    assert api.get("/rooms", token=home.erika_token).json["items"] == []
    board = api.get("/me/portal", token=home.norbert_token).json["clients"][0]["rooms"]
    assert [r["name"] for r in board] == ["Returns 2025"]
    told = api.get(f"/rooms/{rid}/feed", token=home.norbert_token).json["items"]
    assert [(i["kind"], i["actor_name"]) for i in told][:2] == [("member_removed", "Olive Owner"),
                                                              ("room_renamed", "Olive Owner")]


def test_bad_input_is_a_problem_and_changes_nothing(api, firm, pump):
    home = portal_household(api, firm)
    other = portal_entity(api, firm)
    sid = add_service(api, firm)
    retired = add_service(api, firm, "Old")
    api.post(f"/services/{retired}/retire", token=firm.token)
    base = {"client_id": home.client_id, "service_id": sid, "name": "Room"}
    for bad in ({}, {**base, "name": ""}, {**base, "name": "x" * 201}, {**base, "extra": 1},
                {**base, "description": "d" * 2001}):
        assert_problem(api.post("/rooms", bad, token=firm.token), 400)
    assert_problem(api.post("/rooms", {**base, "service_id": retired}, token=firm.token), 422)
    assert_problem(api.post("/rooms", {**base, "service_id": "nope"}, token=firm.token), 422)
    assert_problem(api.post("/rooms", {**base, "professional_id": "nope"}, token=firm.token), 422)
    assert_problem(api.post("/rooms", {**base, "client_id": "nope"}, token=firm.token), 404)
    room = create_room(api, firm, home.client_id, sid)
    rid = room["id"]
    assert_problem(api.post(f"/rooms/{rid}/members", {}, token=firm.token), 400)
    assert_problem(api.post(f"/rooms/{rid}/members", {"user_id": "a", "contact_id": "b"}, token=firm.token), 400)
    assert_problem(api.post(f"/rooms/{rid}/members", {"contact_id": other["clerk"]}, token=firm.token), 422)
    assert_problem(api.post(f"/rooms/{rid}/members", {"user_id": "nobody"}, token=firm.token), 422)
    assert_problem(api.patch(f"/rooms/{rid}", {}, token=firm.token), 400)
    assert_problem(api.patch(f"/rooms/{rid}", {"name": None}, token=firm.token), 400)
    after = api.get(f"/rooms/{rid}", token=firm.token).json
    assert after["version"] == 1 and _member_ids(after) == _member_ids(room)
    assert len(api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]) == 1


def test_archived_client_gets_no_room(api, firm):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    assert api.post(f"/clients/{home.client_id}/archive", token=firm.token).status == 200
    assert_problem(api.post(f"/clients/{home.client_id}/rooms", {"service_id": sid, "name": "R"},
                            token=firm.token), 422)


def test_clients_cannot_create_or_change_rooms(api, firm):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    room = create_room(api, firm, home.client_id, sid)
    token, rid = home.norbert_token, room["id"]
    refused = (api.post("/rooms", {"client_id": home.client_id, "service_id": sid, "name": "Mine"}, token=token),
               api.post(f"/clients/{home.client_id}/rooms", {"service_id": sid, "name": "Mine"}, token=token),
               api.patch(f"/rooms/{rid}", {"name": "x"}, token=token),
               api.post(f"/rooms/{rid}/archive", token=token),
               api.post(f"/rooms/{rid}/members", {"contact_id": home.erika}, token=token))
    assert [assert_problem(resp, 403)["status"] for resp in refused] == [403] * 5
    after = api.get(f"/rooms/{rid}", token=firm.token).json
    assert (after["name"], after["status"], after["version"]) == (room["name"], "active", 1)
    assert [r["id"] for r in api.get("/rooms", token=firm.token).json["items"]] == [rid]


def test_another_firm_gets_404_for_every_room_route(api, firm, other_firm):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    rid = create_room(api, firm, home.client_id, sid)["id"]
    t = other_firm.token
    for resp in (api.get(f"/rooms/{rid}", token=t), api.get(f"/rooms/{rid}/feed", token=t),
                 api.patch(f"/rooms/{rid}", {"name": "x"}, token=t), api.post(f"/rooms/{rid}/archive", token=t),
                 api.post(f"/rooms/{rid}/restore", token=t),
                 api.post(f"/rooms/{rid}/members", {"user_id": "x"}, token=t),
                 api.delete(f"/rooms/{rid}/members/x", token=t),
                 api.post(f"/clients/{home.client_id}/rooms", {"service_id": sid, "name": "R"}, token=t),
                 api.post("/rooms", {"client_id": home.client_id, "service_id": sid, "name": "R"}, token=t)):
        assert_problem(resp, 404)
    assert api.get(f"/rooms/{rid}", token=firm.token).json["name"] == "2025 tax return"


def test_a_new_rooms_feed_opens_before_the_stream_furnishes_it(api, firm, pump):
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    made = api.post("/rooms", {"client_id": home.client_id, "service_id": sid, "name": "Fresh room"},
                    token=firm.token)
    assert made.status == 201 and made.json["service_name"] == "", made.text  # the name follows
    early = api.get(f"/rooms/{made.json['id']}/feed", token=firm.token)
    assert early.status == 200, early.text  # the creation's item came with the room
    assert [(i["kind"], i["payload"]["name"]) for i in early.json["items"]] == [("room_created", "Fresh room")]
    pump()
    [item] = api.get(f"/rooms/{made.json['id']}/feed", token=firm.token).json["items"]
    assert item["payload"]["service_name"] == "Tax return" and item["actor_name"] == "Olive Owner"
