from tests.api.test_errors import assert_problem
from tests.clients_support import create_client, entity, household, last_calls, portal_user
from tests.support import invite_staff


def test_staff_create_read_update_archive_restore(api, firm):
    created = create_client(api, firm.token)
    assert created["kind"] == "individual" and created["status"] == "active"
    assert created["tags"] == ["tax", "vip"] and created["portal_status"] == "none"
    cid = created["id"]
    got = api.get(f"/clients/{cid}", token=firm.token)
    assert got.status == 200 and got.headers["ETag"] == '"1"'
    changed = api.patch(f"/clients/{cid}", {"display_name": "Lindqvist Household", "notes": None},
                        token=firm.token, headers={"If-Match": '"1"'})
    assert changed.status == 200, changed.text
    assert changed.json["display_name"] == "Lindqvist Household" and changed.json["notes"] is None
    stale = api.patch(f"/clients/{cid}", {"tags": []}, token=firm.token, headers={"If-Match": '"1"'})
    assert stale.status == 412
    archived = api.post(f"/clients/{cid}/archive", token=firm.token)
    assert archived.status == 200 and archived.json["status"] == "archived"
    assert api.post(f"/clients/{cid}/archive", token=firm.token).status == 409
    restored = api.post(f"/clients/{cid}/restore", token=firm.token)
    assert restored.json["status"] == "active"


def test_the_primary_contact_is_mandatory(api, firm):
    body = household()
    del body["primary_contact"]
    resp = api.post("/clients", body, token=firm.token)
    assert resp.status == 400 and resp.json["errors"][0]["loc"] == "body.primary_contact"


def test_bad_input_is_400(api, firm):
    for bad in ({"kind": "robot"}, {**household(), "display_name": ""}, {**household(), "surprise": 1},
                {**household(), "primary_contact": {"first_name": "A", "emails": [{"address": "not-an-email"}]}},
                {**household(), "primary_contact": {"first_name": "A", "phones": [{"number": "555-1234"}]}},
                {**household(), "primary_contact": {"first_name": "A", "phones": [{"number": "+15550001111",
                                                                                   "kind": "pager"}]}}):
        resp = api.post("/clients", bad, token=firm.token)
        assert resp.status == 400, resp.text
        assert resp.content_type == "application/problem+json"


def test_professional_must_be_staff_of_this_firm(api, firm, other_firm):
    foreign = api.get("/me", token=other_firm.token).json["user"]["id"]
    resp = api.post("/clients", household(professional_id=foreign), token=firm.token)
    assert resp.status == 422
    mine = api.get("/me", token=firm.token).json["user"]["id"]
    assert create_client(api, firm.token, household(professional_id=mine))["professional_id"] == mine


def test_a_change_names_only_staff_and_the_clients_own_contacts(api, firm, other_firm):
    made = create_client(api, firm.token)
    cid = made["id"]
    other = create_client(api, firm.token, household(display_name="Other Family", primary_contact={
        "first_name": "Olga", "emails": [{"address": "olga@example.com"}]}))
    olga = other["primary_contact_id"]
    foreign = api.get("/me", token=other_firm.token).json["user"]["id"]
    for body, status in (({"professional_id": foreign, "tags": ["x"]}, 422),
                         ({"primary_contact_id": olga, "tags": ["x"]}, 404),
                         ({"display_name": "Zed", "primary_contact_id": "0" * 26}, 404)):
        assert_problem(api.patch(f"/clients/{cid}", body, token=firm.token), status)
    kept = api.get(f"/clients/{cid}", token=firm.token).json
    assert (kept["version"], kept["tags"], kept["display_name"]) == (1, made["tags"], made["display_name"])
    mine = api.get("/me", token=firm.token).json["user"]["id"]
    body = {"professional_id": mine, "primary_contact_id": made["primary_contact_id"], "display_name": "Zed Family"}
    changed = api.patch(f"/clients/{cid}", body, token=firm.token, headers={"If-Match": '"1"'})
    assert changed.status == 200, changed.text
    assert (changed.json["display_name"], changed.json["professional_id"], changed.json["version"]) == \
        ("Zed Family", mine, 2)
    assert changed.json == api.get(f"/clients/{cid}", token=firm.token).json
    retagged = api.patch(f"/clients/{cid}", {"tags": ["estate"], "professional_id": mine}, token=firm.token)
    assert (retagged.status, retagged.json["tags"], retagged.json["version"], last_calls()) == (200, ["estate"], 3, 2)
    # The new name moves the client in the list by name ("Norbert..." sorted before "Other...").
    assert [c["id"] for c in api.get("/clients?order=name", token=firm.token).json["items"]] == [other["id"], cid]


def test_another_firm_gets_404(api, firm, other_firm):
    cid = create_client(api, firm.token)["id"]
    assert api.get(f"/clients/{cid}", token=other_firm.token).status == 404
    assert api.patch(f"/clients/{cid}", {"tags": []}, token=other_firm.token).status == 404
    assert api.post(f"/clients/{cid}/archive", token=other_firm.token).status == 404
    assert api.get("/clients", token=other_firm.token).json["items"] == []


def test_staff_role_manages_clients(api, firm, pump):
    _, staff_token = invite_staff(api, firm, pump, "sam@northwind.example")
    created = create_client(api, staff_token, entity())
    assert created["kind"] == "entity"
    assert api.get("/clients", token=staff_token).json["items"][0]["id"] == created["id"]


def test_a_portal_user_sees_their_professionals_name(api, firm, pump):
    made = create_client(api, firm.token)
    client_token = portal_user(api, firm.token, made["id"], made["primary_contact_id"], "norbert@lindqvist.example")

    def seen():
        pump()  # the client keeps a copy of the name, which follows from the stream
        one = api.get(f"/clients/{made['id']}", token=client_token)
        listed = api.get("/clients", token=client_token)
        assert one.status == 200 and listed.status == 200, (one.text, listed.text)
        return one.json["professional_name"], [c["professional_name"] for c in listed.json["items"]]
    assert seen() == ("Olive Owner", ["Olive Owner"])
    sam, _ = invite_staff(api, firm, pump, "sam@northwind.example", name="Sam Staff")
    moved = api.patch(f"/clients/{made['id']}", {"professional_id": sam}, token=firm.token)
    assert moved.status == 200, moved.text
    assert seen() == ("Sam Staff", ["Sam Staff"])
    assert api.patch(f"/staff/{sam}", {"name": "Samantha Staff"}, token=firm.token).status == 200
    assert seen() == ("Samantha Staff", ["Samantha Staff"])


def test_a_new_client_goes_to_the_firms_default_professional_without_reading_the_firm(api, firm, pump):
    sam, _ = invite_staff(api, firm, pump, "sam@northwind.example")  # delivering its email follows the stream
    mine = api.get("/me", token=firm.token).json["user"]["id"]
    first = create_client(api, firm.token)
    assert (first["professional_id"], last_calls()) == (mine, 2)  # no default: the caller
    named_default = api.patch("/firm", {"settings": {"default_professional_id": sam}}, token=firm.token)
    assert named_default.json["settings"]["default_professional_id"] == sam, named_default.text
    pump()  # the firm's portal item, which the principal lookup reads, takes the default from the stream
    second = create_client(api, firm.token, household(display_name="Second Family"))
    assert (second["professional_id"], last_calls()) == (sam, 2)
    named = create_client(api, firm.token, household(display_name="Third Family", professional_id=mine))
    assert named["professional_id"] == mine


def _primary(api, token, client_id, contact_id, **headers):
    return api.patch(f"/clients/{client_id}", {"primary_contact_id": contact_id}, token=token, headers=headers)


def test_a_new_primary_contact_is_checked_on_the_clients_own_copy_of_its_contacts(api, firm):
    made = create_client(api, firm.token)
    cid, norbert = made["id"], made["primary_contact_id"]
    erika = api.post(f"/clients/{cid}/contacts", {"first_name": "Ériká"}, token=firm.token).json["id"]
    other = create_client(api, firm.token, household(display_name="Other Family", primary_contact={
        "first_name": "Olga"}))["primary_contact_id"]
    assert api.request("PUT", f"/clients/{cid}/contacts/{other}", json={}, token=firm.token).status == 200
    for contact_id in (erika, other, norbert):
        moved = _primary(api, firm.token, cid, contact_id)
        assert (moved.status, moved.json["primary_contact_id"], last_calls()) == (200, contact_id, 2), moved.text
    assert api.delete(f"/clients/{cid}/contacts/{other}", token=firm.token).status == 204
    assert_problem(_primary(api, firm.token, cid, other), 404)
    assert last_calls() == 2
    version = api.get(f"/clients/{cid}", token=firm.token).json["version"]
    assert_problem(_primary(api, firm.token, cid, erika, **{"If-Match": f'"{version - 1}"'}), 412)
    assert api.get(f"/clients/{cid}", token=firm.token).json["primary_contact_id"] == norbert


def test_naming_a_colleague_is_checked_on_the_roll_the_principal_carries(api, firm, pump):
    """No ConditionCheck on the colleague: the client's lone UpdateItem answers (2 calls),
    and one deactivated a moment ago is off the carried roll once the stream has followed."""
    made = create_client(api, firm.token)
    sam, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    moved = api.patch(f"/clients/{made['id']}", {"professional_id": sam}, token=firm.token)
    assert (moved.status, moved.json["professional_id"], last_calls()) == (200, sam, 2), moved.text
    assert api.post(f"/staff/{sam}/deactivate", token=firm.token).status in (200, 204)
    pump()  # the roll's copy on the portal item loses him from the stream
    refused = api.patch(f"/clients/{made['id']}", {"professional_id": sam, "tags": ["x"]}, token=firm.token)
    assert (refused.status, refused.json["errors"][0]["loc"]) == (422, "body.professional_id"), refused.text
    unchanged = api.get(f"/clients/{made['id']}", token=firm.token).json
    assert (unchanged["professional_id"], unchanged["tags"]) == (sam, made["tags"])


def _existing_primary(api, token, contact_id, sealed=None, **extra):
    body = {"kind": "entity", "display_name": "Lindqvist Boats", "primary_contact_id": contact_id, **extra}
    return api.post("/clients", {**body, **({"primary_contact_sealed": sealed} if sealed else {})}, token=token)


def test_an_existing_primary_contact_given_back_sealed_is_not_read(api, firm, pump):
    home = create_client(api, firm.token)
    norbert = home["primary_contact_id"]
    token = portal_user(api, firm.token, home["id"], norbert, "norbert@lindqvist.example")
    sealed = api.get(f"/contacts/{norbert}", token=firm.token).json["sealed"]
    made = _existing_primary(api, firm.token, norbert, sealed)
    assert (made.status, last_calls()) == (201, 2), made.text
    # The person as sealed decided the write: their login reaches the new client at once,
    # their accepted access counts in it, and their address is claimed in it.
    assert (made.json["primary_contact_id"], made.json["portal_accepted"]) == (norbert, 1)
    assert api.get(f"/clients/{made.json['id']}", token=token).status == 200
    person = api.get(f"/contacts/{norbert}", token=firm.token).json
    assert person["client_ids"] == [home["id"], made.json["id"]]
    dup = api.post(f"/clients/{made.json['id']}/contacts",
                   {"first_name": "Nils", "emails": [{"address": "norbert@lindqvist.example"}]}, token=firm.token)
    assert dup.status == 409
    pump()  # the link's copy of the person follows from the stream
    listed = api.get(f"/clients/{made.json['id']}/contacts", token=firm.token).json["items"]
    assert [(c["id"], c["primary"], c["client_ids"]) for c in listed] == [(norbert, True, person["client_ids"])]


def test_a_sealed_primary_contact_changed_since_is_taken_from_the_refusal(api, firm, pump):
    home = create_client(api, firm.token)
    pump()  # the firm's default professional reaches the principal: the firm is not read
    norbert = home["primary_contact_id"]
    sealed = api.get(f"/contacts/{norbert}", token=firm.token).json["sealed"]
    first = _existing_primary(api, firm.token, norbert, sealed)  # the person moves on to version 2
    assert first.status == 201
    second = _existing_primary(api, firm.token, norbert, sealed, display_name="Lindqvist Farms")
    assert (second.status, last_calls()) == (201, 3), second.text  # refused, then written from the refusal
    person = api.get(f"/contacts/{norbert}", token=firm.token).json
    assert person["client_ids"] == [home["id"], first.json["id"], second.json["id"]]
    without = _existing_primary(api, firm.token, norbert, display_name="Lindqvist Fisheries")
    assert (without.status, last_calls()) == (201, 3)  # no seal: the person is read first


def test_a_primary_contact_seal_must_be_this_apis_for_this_person_of_this_firm(api, firm, other_firm):
    home = create_client(api, firm.token)
    norbert = home["primary_contact_id"]
    olga = create_client(api, firm.token, household(display_name="Other", primary_contact={
        "first_name": "Olga"}))["primary_contact_id"]
    hers = api.get(f"/contacts/{olga}", token=firm.token).json["sealed"]
    wrong = assert_problem(_existing_primary(api, firm.token, norbert, hers), 422)
    assert wrong["errors"][0]["loc"] == "body.primary_contact_sealed"
    assert_problem(_existing_primary(api, other_firm.token, olga, hers), 422)
    assert_problem(_existing_primary(api, firm.token, norbert, "nope"), 400)
    alone = assert_problem(api.post("/clients", household(primary_contact_sealed=hers), token=firm.token), 400)
    assert alone["errors"][0]["loc"] == "body.primary_contact_sealed"
    assert api.get(f"/contacts/{olga}", token=firm.token).json["version"] == 1  # nothing was written
