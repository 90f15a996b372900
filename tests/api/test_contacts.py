from tests.api.test_errors import assert_problem
from tests.clients_support import create_client, entity, household, invite, last_calls, portal_user
from tests.support import invite_staff

SHARED = "lindqvist.home@example.com"


def _household(api, firm):
    made = create_client(api, firm.token, household(primary_contact={
        "first_name": "Norbert", "last_name": "Lindqvist",
        "emails": [{"address": SHARED, "shared": True}, {"address": "norbert@work.example"}],
        "phones": [{"number": "+15551230001", "kind": "mobile"}]}))
    return made["id"], made["primary_contact_id"]


def _add(api, token, client_id, person):
    return api.post(f"/clients/{client_id}/contacts", person, token=token)


ERIKA = {"first_name": "Ériká", "last_name": "Lindqvist", "emails": [{"address": SHARED, "shared": True}],
         "phones": [{"number": "+15551230002", "kind": "mobile"}, {"number": "+15551230003", "kind": "home"}]}


def test_add_list_read_update_contacts(api, firm):
    client_id, primary = _household(api, firm)
    added = _add(api, firm.token, client_id, ERIKA)
    assert added.status == 201, added.text
    assert added.json["role"] == "co_owner" and added.json["portal"]["status"] == "not_invited"
    listed = api.get(f"/clients/{client_id}/contacts", token=firm.token).json["items"]
    assert {c["first_name"]: c["primary"] for c in listed} == {"Norbert": True, "Ériká": False}
    cid = added.json["id"]
    changed = api.patch(f"/contacts/{cid}", {"phones": [{"number": "+1 (555) 123-0004", "kind": "work"}]},
                        token=firm.token, headers={"If-Match": '"1"'})
    assert changed.status == 200, changed.text
    assert changed.json["phones"] == [{"number": "+15551230004", "kind": "work"}]
    assert api.patch(f"/contacts/{cid}", {"first_name": "E"}, token=firm.token,
                     headers={"If-Match": '"1"'}).status == 412


def test_duplicate_email_in_one_client_is_409_unless_shared(api, firm):
    client_id, _ = _household(api, firm)
    dup = _add(api, firm.token, client_id, {"first_name": "Nils", "emails": [{"address": "norbert@work.example"}]})
    assert dup.status == 409 and "shared" in dup.json["detail"]
    assert _add(api, firm.token, client_id, ERIKA).status == 201
    ok = _add(api, firm.token, client_id, {"first_name": "Nils", "emails": [{"address": "nils@example.com"}]})
    later = api.patch(f"/contacts/{ok.json['id']}", {"emails": [{"address": "norbert@work.example"}]},
                      token=firm.token)
    assert later.status == 409


def test_bad_contact_input(api, firm):
    client_id, _ = _household(api, firm)
    for bad in ({"first_name": ""}, {"first_name": "A", "emails": [{"address": "a@b"}]},
                {"first_name": "A", "phones": [{"number": "+0123"}]},
                {"first_name": "A", "emails": [{"address": "a@b.example"}, {"address": "A@b.example"}]},
                {"first_name": "A", "role": "king"}):
        assert _add(api, firm.token, client_id, bad).status == 400, bad
    wrong_role = _add(api, firm.token, client_id, {"first_name": "A", "role": "authorised_user"})
    assert wrong_role.status == 422


def test_one_person_one_login_reaching_several_clients(api, firm, pump):
    """A co-owner of a household is also an authorised user of the household's company."""
    home_id, norbert = _household(api, firm)
    company = create_client(api, firm.token, entity("Lindqvist Boats"))
    linked = api.request("PUT", f"/clients/{company['id']}/contacts/{norbert}", json={}, token=firm.token)
    assert linked.status == 200, linked.text
    assert linked.json["role"] == "authorised_user" and sorted(linked.json["client_ids"]) == sorted(
        [home_id, company["id"]])
    token = portal_user(api, firm.token, home_id, norbert, "norbert@work.example")
    assert sorted(c["id"] for c in api.get("/clients", token=token).json["items"]) == sorted([home_id, company["id"]])
    assert api.get(f"/clients/{company['id']}", token=token).status == 200
    pump()  # the status its counts say follows from the stream
    assert api.get(f"/clients/{company['id']}", token=firm.token).json["portal_status"] == "active"
    again = api.request("PUT", f"/clients/{company['id']}/contacts/{norbert}", json={}, token=firm.token)
    assert again.status == 409
    cora = company["primary_contact_id"]
    assert api.request("DELETE", f"/clients/{company['id']}/contacts/{cora}", token=firm.token).status == 409


def test_unlinking_takes_the_client_off_the_login(api, firm, pump):
    home_id, norbert = _household(api, firm)
    company = create_client(api, firm.token, entity("Lindqvist Boats"))
    api.request("PUT", f"/clients/{company['id']}/contacts/{norbert}", json={}, token=firm.token)
    token = portal_user(api, firm.token, home_id, norbert, "norbert@work.example")
    assert api.request("DELETE", f"/clients/{company['id']}/contacts/{norbert}", token=firm.token).status == 204
    assert api.get(f"/clients/{company['id']}", token=token).status == 404
    pump()
    assert api.get(f"/clients/{company['id']}", token=firm.token).json["portal_status"] == "none"


def test_a_couple_sharing_an_email_gets_one_login_on_it(api, firm):
    client_id, norbert = _household(api, firm)
    erika = _add(api, firm.token, client_id, ERIKA).json["id"]
    assert invite(api, firm.token, client_id, norbert, SHARED).status == 200
    clash = invite(api, firm.token, client_id, erika, SHARED)
    assert clash.status == 409
    assert "own login" in clash.json["detail"] and SHARED in clash.json["detail"]
    by_sms = invite(api, firm.token, client_id, erika, "+15551230002", method="sms")
    assert by_sms.status == 409  # her only address is the shared one: she needs one of her own to sign in
    api.patch(f"/contacts/{erika}", {"emails": [{"address": SHARED, "shared": True},
                                                {"address": "erika@example.com"}]}, token=firm.token)
    by_sms = invite(api, firm.token, client_id, erika, "+15551230002", method="sms")
    assert by_sms.status == 200 and by_sms.json["login_email"] == "erika@example.com"


def test_contacts_wrong_role_and_other_firm(api, firm, other_firm, pump):
    client_id, norbert = _household(api, firm)
    _, staff = invite_staff(api, firm, pump, "sam@northwind.example")
    assert api.get(f"/clients/{client_id}/contacts", token=staff).status == 200
    assert api.get(f"/contacts/{norbert}", token=other_firm.token).status == 404
    assert api.patch(f"/contacts/{norbert}", {"first_name": "X"}, token=other_firm.token).status == 404
    assert api.get(f"/clients/{client_id}/contacts", token=other_firm.token).status == 404
    assert _add(api, other_firm.token, client_id, ERIKA).status == 404
    assert api.request("PUT", f"/clients/{client_id}/contacts/{norbert}", json={},
                       token=other_firm.token).status == 404
    client_token = portal_user(api, firm.token, client_id, norbert, "norbert@work.example")
    assert api.get(f"/contacts/{norbert}", token=client_token).status == 403
    assert _add(api, client_token, client_id, ERIKA).status == 403


def _page(api, token, client_id, cursor=None):
    resp = api.get(f"/clients/{client_id}/contacts?limit=1" + (f"&cursor={cursor}" if cursor else ""), token=token)
    assert resp.status == 200, resp.text
    return resp.json


def test_every_page_of_contacts_follows_the_people_and_the_primary_from_the_stream(api, firm, pump):
    client_id, norbert = _household(api, firm)
    erika = _add(api, firm.token, client_id, ERIKA).json["id"]
    assert api.patch(f"/contacts/{erika}", {"first_name": "Erika"}, token=firm.token).status == 200
    assert api.patch(f"/clients/{client_id}", {"primary_contact_id": erika}, token=firm.token).status == 200
    pump()
    first = _page(api, firm.token, client_id)
    rest = _page(api, firm.token, client_id, first["next_cursor"])
    # The later page has no client on it: the link says who is primary.
    seen = {c["id"]: (c["first_name"], c["primary"]) for c in first["items"] + rest["items"]}
    assert seen == {norbert: ("Norbert", False), erika: ("Erika", True)}
    assert_problem(api.get(f"/clients/{'0' * 26}/contacts", token=firm.token), 404)


def test_a_person_linked_again_shows_as_they_are_after_every_copy_arrived(api, firm, pump):
    """The first rename's copy arrives after the link was written anew with the later name;
    the records of one person arrive in order, so the last word is the latest change's."""
    client_id, _ = _household(api, firm)
    erika = _add(api, firm.token, client_id, ERIKA).json["id"]
    pump()
    assert api.patch(f"/contacts/{erika}", {"first_name": "Old"}, token=firm.token).status == 200
    assert api.request("DELETE", f"/clients/{client_id}/contacts/{erika}", token=firm.token).status == 204
    assert api.patch(f"/contacts/{erika}", {"first_name": "New"}, token=firm.token).status == 200
    assert api.request("PUT", f"/clients/{client_id}/contacts/{erika}", json={}, token=firm.token).status == 200
    listed = api.get(f"/clients/{client_id}/contacts", token=firm.token).json["items"]
    assert [c["first_name"] for c in listed if c["id"] == erika] == ["New"]  # written with the link
    pump()
    listed = api.get(f"/clients/{client_id}/contacts", token=firm.token).json["items"]
    assert [c["first_name"] for c in listed if c["id"] == erika] == ["New"]


def test_a_null_first_name_keeps_it_and_a_null_last_name_clears_it(api, firm):
    _, norbert = _household(api, firm)
    changed = api.patch(f"/contacts/{norbert}", {"first_name": None, "last_name": None}, token=firm.token)
    assert changed.status == 200, changed.text
    assert (changed.json["first_name"], changed.json.get("last_name"), changed.json["version"]) == ("Norbert", None, 2)
    assert api.get(f"/contacts/{norbert}", token=firm.token).json == changed.json
    assert_problem(api.patch(f"/contacts/{'0' * 26}", {"first_name": "X"}, token=firm.token), 404)


def test_a_role_or_a_change_without_emails_needs_no_read_first(api, firm):
    client_id, norbert = _household(api, firm)
    added = _add(api, firm.token, client_id, {"first_name": "Nils", "role": "co_owner"})
    assert (added.status, added.json["role"], added.json["primary"], last_calls()) == (201, "co_owner", False, 2)
    defaulted = _add(api, firm.token, client_id, {"first_name": "Nora"})
    assert (defaulted.status, defaulted.json["role"], last_calls()) == (201, "co_owner", 2)  # assumed, and so it is
    assert api.patch(f"/contacts/{norbert}", {"first_name": "Norb"}, token=firm.token).status == 200
    assert last_calls() == 2
    assert_problem(_add(api, firm.token, "0" * 26, {"first_name": "Ghost", "role": "co_owner"}), 404)
    wrong = assert_problem(_add(api, firm.token, client_id, {"first_name": "Ann", "role": "authorised_user"}), 422)
    assert wrong["errors"][0]["loc"] == "body.role"
    listed = api.get(f"/clients/{client_id}/contacts", token=firm.token).json["items"]
    assert sorted(c["first_name"] for c in listed) == ["Nils", "Nora", "Norbert"]  # copies follow the stream


def test_linking_and_unlinking_read_once_before_their_one_write(api, firm):
    client_id, _ = _household(api, firm)
    company = create_client(api, firm.token, entity())["id"]
    erika = _add(api, firm.token, client_id, ERIKA).json["id"]
    path = f"/clients/{company}/contacts/{erika}"
    linked = api.request("PUT", path, json={}, token=firm.token)
    assert (linked.status, linked.json["role"], last_calls()) == (200, "authorised_user", 3)
    assert (api.request("DELETE", path, token=firm.token).status, last_calls()) == (204, 3)
    for method in ("PUT", "DELETE"):
        unknown = {"json": {}} if method == "PUT" else {}
        assert_problem(api.request(method, f"/clients/{company}/contacts/{'0' * 26}", token=firm.token, **unknown), 404)
        assert_problem(api.request(method, f"/clients/{'0' * 26}/contacts/{erika}", token=firm.token, **unknown), 404)
    assert api.get(f"/contacts/{erika}", token=firm.token).json["client_ids"] == [client_id]


def test_a_client_counts_its_portal_users_at_once_and_its_status_follows_from_the_stream(api, firm, pump):
    home_id, norbert = _household(api, firm)
    portal_user(api, firm.token, home_id, norbert, "norbert@work.example")
    company = create_client(api, firm.token, entity("Lindqvist Boats"))["id"]
    pump()
    before = api.get(f"/clients/{company}", token=firm.token).json
    assert api.request("PUT", f"/clients/{company}/contacts/{norbert}", json={}, token=firm.token).status == 200
    counted = api.get(f"/clients/{company}", token=firm.token).json
    # The counts are ADDs, not a new version of the client: an If-Match taken before still holds.
    assert (counted["portal_accepted"], counted["portal_status"], counted["version"]) == (1, "none", before["version"])
    pump()
    assert api.get(f"/clients/{company}", token=firm.token).json["portal_status"] == "active"
    assert api.request("DELETE", f"/clients/{company}/contacts/{norbert}", token=firm.token).status == 204
    pump()
    after = api.get(f"/clients/{company}", token=firm.token).json
    assert (after["portal_accepted"], after["portal_status"]) == (0, "none")


def test_unlinking_is_refused_by_the_client_it_names(api, firm):
    home_id, norbert = _household(api, firm)
    primary = assert_problem(api.request("DELETE", f"/clients/{home_id}/contacts/{norbert}", token=firm.token), 409)
    assert "primary contact" in primary["detail"]
    assert api.get(f"/contacts/{norbert}", token=firm.token).json["client_ids"] == [home_id]


def test_an_entity_contact_without_a_role_is_an_authorised_user_written_again_after_the_refusal(api, firm):
    company = create_client(api, firm.token, entity())["id"]
    defaulted = _add(api, firm.token, company, {"first_name": "Ivo", "emails": [{"address": "ivo@traders.example"}]})
    # The first write assumed an individual's co-owner; the refusal named the kind.
    assert (defaulted.status, defaulted.json["role"], last_calls()) == (201, "authorised_user", 3)
    listed = api.get(f"/clients/{company}/contacts", token=firm.token).json["items"]
    assert {c["first_name"]: c["role"] for c in listed} == {"Cora": "authorised_user", "Ivo": "authorised_user"}
    # The refused first write left nothing behind: the address is claimed once, by Ivo.
    dup = _add(api, firm.token, company, {"first_name": "Ivy", "emails": [{"address": "ivo@traders.example"}]})
    assert dup.status == 409
    assert_problem(_add(api, firm.token, "0" * 26, {"first_name": "Ghost"}), 404)


def test_new_emails_with_the_sealed_person_move_their_claims_with_no_read(api, firm):
    client_id, norbert = _household(api, firm)
    company = create_client(api, firm.token, entity())["id"]
    assert api.request("PUT", f"/clients/{company}/contacts/{norbert}", json={}, token=firm.token).status == 200
    sealed = api.get(f"/contacts/{norbert}", token=firm.token).json["sealed"]
    moved = api.patch(f"/contacts/{norbert}", {"emails": [{"address": "norbert@new.example"}], "sealed": sealed},
                      token=firm.token)
    assert (moved.status, last_calls()) == (200, 2), moved.text
    assert [e["address"] for e in moved.json["emails"]] == ["norbert@new.example"]
    assert moved.json["client_ids"] == [client_id, company] and moved.json["sealed"] != sealed
    # In both clients, the old address is free at once and the new one is claimed.
    for cid in (client_id, company):
        assert _add(api, firm.token, cid, {"first_name": "Old", "emails": [{"address": "norbert@work.example"}]}
                    ).status == 201
        taken = _add(api, firm.token, cid, {"first_name": "New", "emails": [{"address": "norbert@new.example"}]})
        assert taken.status == 409
    assert api.get(f"/contacts/{norbert}", token=firm.token).json == moved.json  # the answer is as stored


def test_a_sealed_person_changed_since_is_written_from_the_refusal_or_refused_when_pinned(api, firm):
    client_id, norbert = _household(api, firm)
    sealed = api.get(f"/contacts/{norbert}", token=firm.token).json["sealed"]
    assert api.patch(f"/contacts/{norbert}", {"emails": [{"address": "n2@example.com"}]}, token=firm.token
                     ).status == 200  # no seal: read first
    assert last_calls() == 3
    pinned = api.patch(f"/contacts/{norbert}", {"emails": [{"address": "n3@example.com"}], "sealed": sealed},
                       token=firm.token, headers={"If-Match": '"1"'})
    assert_problem(pinned, 412)
    again = api.patch(f"/contacts/{norbert}", {"emails": [{"address": "n3@example.com"}], "sealed": sealed},
                      token=firm.token)
    assert (again.status, again.json["version"], last_calls()) == (200, 3, 3), again.text
    # The claims moved from the person as stored (n2), not as sealed: n2 is free, n3 taken.
    assert _add(api, firm.token, client_id, {"first_name": "A", "emails": [{"address": "n2@example.com"}]}
                ).status == 201
    assert _add(api, firm.token, client_id, {"first_name": "B", "emails": [{"address": "n3@example.com"}]}
                ).status == 409


def test_a_seal_not_made_for_this_person_by_this_api_is_refused(api, firm, other_firm):
    client_id, norbert = _household(api, firm)
    erika = _add(api, firm.token, client_id, ERIKA).json["id"]
    hers = api.get(f"/contacts/{erika}", token=firm.token).json["sealed"]
    body = {"emails": [{"address": "x@example.com"}]}
    wrong = assert_problem(api.patch(f"/contacts/{norbert}", {**body, "sealed": hers}, token=firm.token), 422)
    assert wrong["errors"][0]["loc"] == "body.sealed"
    forged = hers.split(".")[0] + "." + "A" * 22
    assert_problem(api.patch(f"/contacts/{erika}", {**body, "sealed": forged}, token=firm.token), 422)
    assert_problem(api.patch(f"/contacts/{erika}", {**body, "sealed": "not sealed"}, token=firm.token), 400)
    assert_problem(api.patch(f"/contacts/{erika}", {**body, "sealed": hers}, token=other_firm.token), 422)
    assert api.get(f"/contacts/{erika}", token=firm.token).json["version"] == 1
