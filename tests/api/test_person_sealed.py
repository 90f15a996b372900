"""The person sealed as the API answered them (contacts/as_read.py), from their own route
or from a client's contacts page, lets linking, unlinking and removing them read nothing
before their one write (2 calls signed in). The write is pinned to the version sealed: a
person changed since is returned by the refused write and written once more from."""
from datetime import timedelta
from urllib.parse import quote

from chalicelib.core import clock

from chalicelib.store import FirmStore, keys
from tests.api.test_errors import assert_problem
from tests.clients_support import create_client, entity, household, invite, last_calls, listed_seal, portal_user
from tests.support import PASSWORD

EMAIL = "norbert@lindqvist.example"


def _client(api, firm):
    made = create_client(api, firm.token)
    return made["id"], made["primary_contact_id"]


def _remove(api, token, client_id, contact_id, sealed=None):
    body = {"sealed": sealed} if sealed else None
    return api.post(f"/clients/{client_id}/contacts/{contact_id}/remove", body, token=token)


def _unlink(api, token, client_id, contact_id, sealed):
    return api.request("DELETE", f"/clients/{client_id}/contacts/{contact_id}?sealed={quote(sealed)}", token=token)


def _link(api, token, client_id, contact_id, body):
    return api.request("PUT", f"/clients/{client_id}/contacts/{contact_id}", json=body, token=token)


def _company(api, firm):
    return create_client(api, firm.token, entity("Lindqvist Boats"))["id"]


def test_removing_the_listed_person_reads_nothing_and_the_login_is_refused_at_once(api, firm):
    client_id, contact_id = _client(api, firm)
    token = portal_user(api, firm.token, client_id, contact_id, EMAIL)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    removed = _remove(api, firm.token, client_id, contact_id, sealed)
    assert (removed.status, removed.json["status"], removed.json["login_email"], last_calls()) == \
        (200, "revoked", EMAIL, 2)
    assert api.get("/me", token=token).status == 401
    assert api.post("/auth/login", {"slug": firm.slug, "email": EMAIL, "password": PASSWORD}).status == 401
    # The same value again: the refusal returns the person as stored, who has nothing left
    # to remove, so no second write is made.
    assert_problem(_remove(api, firm.token, client_id, contact_id, sealed), 409)
    assert last_calls() == 2
    assert api.get(f"/contacts/{contact_id}", token=firm.token).json["portal"]["status"] == "revoked"


def test_a_sealed_person_who_says_no_is_not_believed_the_person_is_read(api, firm):
    """Sealed before the invitation, the person says there is nothing to remove: the stored
    person, read, decides instead, and the invitation is withdrawn."""
    client_id, contact_id = _client(api, firm)
    before = listed_seal(api, firm.token, client_id, contact_id)
    assert invite(api, firm.token, client_id, contact_id, EMAIL).status == 200
    removed = _remove(api, firm.token, client_id, contact_id, before)
    assert (removed.status, removed.json["status"], last_calls()) == (200, "revoked", 3)


def test_a_person_changed_since_is_written_once_more_from_the_refusal(api, firm):
    client_id, contact_id = _client(api, firm)
    company = _company(api, firm)
    assert invite(api, firm.token, client_id, contact_id, EMAIL).status == 200
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    new_address = [{"address": "nils@lindqvist.example"}]
    assert api.patch(f"/contacts/{contact_id}", {"first_name": "Nils", "emails": new_address},
                     token=firm.token).status == 200
    linked = _link(api, firm.token, company, contact_id, {"role": "authorised_user", "sealed": sealed})
    assert (linked.status, linked.json["first_name"], last_calls()) == (200, "Nils", 3)
    # The claim in the new client is the stored person's address, not the sealed one.
    db = FirmStore.trusted(firm.id)
    assert db.get(keys.client_email(company, "nils@lindqvist.example")) is not None
    assert db.get(keys.client_email(company, EMAIL)) is None
    removed = _remove(api, firm.token, client_id, contact_id, sealed)
    assert (removed.status, removed.json["status"], last_calls()) == (200, "revoked", 3)
    stored = api.get(f"/contacts/{contact_id}", token=firm.token).json
    assert (stored["client_ids"], stored["portal"]["status"]) == ([client_id, company], "revoked")
    assert api.get(f"/clients/{company}", token=firm.token).json["portal_pending"] == 0


def test_unlinking_the_sealed_person_takes_the_client_off_the_login_at_once(api, firm):
    home_id, norbert = _client(api, firm)
    company = _company(api, firm)
    assert _link(api, firm.token, company, norbert, {}).status == 200
    token = portal_user(api, firm.token, home_id, norbert, EMAIL)
    assert api.get(f"/clients/{company}", token=token).status == 200
    sealed = listed_seal(api, firm.token, company, norbert)
    assert (_unlink(api, firm.token, company, norbert, sealed).status, last_calls()) == (204, 2)
    assert api.get(f"/clients/{company}", token=token).status == 404
    assert api.get(f"/contacts/{norbert}", token=firm.token).json["client_ids"] == [home_id]
    assert api.get(f"/clients/{company}", token=firm.token).json["portal_accepted"] == 0


def test_linking_the_sealed_person_with_a_role_reads_nothing_and_still_claims_the_emails(api, firm, pump):
    home_id, norbert = _client(api, firm)
    company = _company(api, firm)
    sealed = listed_seal(api, firm.token, home_id, norbert)
    linked = _link(api, firm.token, company, norbert, {"role": "authorised_user", "sealed": sealed})
    assert (linked.status, linked.json["role"], linked.json["primary"], last_calls()) == \
        (200, "authorised_user", False, 2)
    assert linked.json["client_ids"] == [home_id, company]
    assert [c["id"] for c in api.get(f"/clients/{company}/contacts", token=firm.token).json["items"]
            if c["id"] == norbert] == [norbert]
    # Someone at a third client already holds Norbert's address: his claim there is refused.
    third = create_client(api, firm.token, entity("Lindqvist Sails", email=household()["primary_contact"]
                                                  ["emails"][0]["address"]))["id"]
    sealed = api.get(f"/contacts/{norbert}", token=firm.token).json["sealed"]
    assert_problem(_link(api, firm.token, third, norbert, {"role": "authorised_user", "sealed": sealed}), 409)
    assert api.get(f"/contacts/{norbert}", token=firm.token).json["client_ids"] == [home_id, company]


def test_linking_the_sealed_person_is_refused_by_the_client_it_names(api, firm):
    home_id, norbert = _client(api, firm)
    company = _company(api, firm)
    sealed = listed_seal(api, firm.token, home_id, norbert)
    wrong = assert_problem(_link(api, firm.token, company, norbert, {"role": "co_owner", "sealed": sealed}), 422)
    assert "authorised_user" in wrong["detail"]
    assert_problem(_link(api, firm.token, "0" * 26, norbert, {"role": "co_owner", "sealed": sealed}), 404)
    assert api.get(f"/contacts/{norbert}", token=firm.token).json["client_ids"] == [home_id]


def test_one_seal_per_person_whichever_answer_gave_it(api, firm, pump):
    """The person's own route seals them for the contacts page's writes, and the page's
    seal serves a change of their emails."""
    client_id, contact_id = _client(api, firm)
    company = _company(api, firm)
    own = api.get(f"/contacts/{contact_id}", token=firm.token).json["sealed"]
    linked = _link(api, firm.token, company, contact_id, {"role": "authorised_user", "sealed": own})
    assert (linked.status, last_calls()) == (200, 2)
    after = api.get(f"/contacts/{contact_id}", token=firm.token).json["sealed"]
    assert (_unlink(api, firm.token, company, contact_id, after).status, last_calls()) == (204, 2)
    pump()  # the page's copy of the person follows the stream
    listed = listed_seal(api, firm.token, client_id, contact_id)
    moved = api.patch(f"/contacts/{contact_id}", {"emails": [{"address": "n2@lindqvist.example"}], "sealed": listed},
                      token=firm.token)
    assert (moved.status, last_calls()) == (200, 2)
    assert FirmStore.trusted(firm.id).get(keys.client_email(client_id, "n2@lindqvist.example")) is not None


def test_a_seal_works_for_its_firm_and_person_only(api, firm, other_firm):
    client_id, contact_id = _client(api, firm)
    assert invite(api, firm.token, client_id, contact_id, EMAIL).status == 200
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    assert_problem(_remove(api, other_firm.token, client_id, contact_id, sealed), 422)
    erika = api.post(f"/clients/{client_id}/contacts", {"first_name": "Erika"}, token=firm.token).json["id"]
    wrong = assert_problem(_remove(api, firm.token, client_id, erika, sealed), 422)
    assert wrong["errors"][0]["loc"] == "body.sealed"
    unlinked = assert_problem(_unlink(api, firm.token, client_id, erika, sealed), 422)
    assert unlinked["errors"][0]["loc"] == "query.sealed"
    assert_problem(_link(api, firm.token, _company(api, firm), erika, {"role": "authorised_user", "sealed": sealed}),
                   422)
    assert api.get(f"/contacts/{contact_id}", token=firm.token).json["portal"]["status"] == "pending"
    assert api.get(f"/contacts/{erika}", token=firm.token).json["client_ids"] == [client_id]


def test_a_seal_is_for_staff_and_well_formed(api, firm):
    client_id, contact_id = _client(api, firm)
    token = portal_user(api, firm.token, client_id, contact_id, EMAIL)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    assert _remove(api, token, client_id, contact_id, sealed).status == 403
    assert_problem(_remove(api, firm.token, client_id, contact_id, "not sealed"), 400)
    assert_problem(_link(api, firm.token, client_id, contact_id, {"sealed": 7}), 400)
    assert_problem(_unlink(api, firm.token, client_id, contact_id, "x"), 400)
    assert api.get(f"/contacts/{contact_id}", token=firm.token).json["portal"]["status"] == "accepted"


def test_a_link_copy_kept_before_copies_named_the_login_is_not_sealed(api, firm):
    """Such a copy cannot say which login the write must change, so it is not sealed: the person is read."""
    client_id, contact_id = _client(api, firm)
    assert invite(api, firm.token, client_id, contact_id, EMAIL).status == 200
    _forget_login_on_copy(firm, client_id, contact_id)
    assert listed_seal(api, firm.token, client_id, contact_id) is None
    removed = _remove(api, firm.token, client_id, contact_id)
    assert (removed.status, last_calls()) == (200, 3)


def _forget_login_on_copy(firm, client_id, contact_id):
    work = FirmStore.trusted(firm.id).work()
    work.count(keys.client_contact(client_id, contact_id), {}, set={"person.user_id": None})
    work.commit()


def test_unlinking_the_sealed_primary_contact_is_refused_and_changes_nothing(api, firm):
    home_id, norbert = _client(api, firm)
    sealed = listed_seal(api, firm.token, home_id, norbert)
    primary = assert_problem(_unlink(api, firm.token, home_id, norbert, sealed), 409)
    assert "primary contact" in primary["detail"]
    assert api.get(f"/contacts/{norbert}", token=firm.token).json["client_ids"] == [home_id]


def test_an_old_copy_names_the_login_after_the_persons_next_change_from_the_stream(api, firm, pump):
    """No backfill: the stream's next copy of the person carries their login, and is sealed."""
    client_id, contact_id = _client(api, firm)
    assert invite(api, firm.token, client_id, contact_id, EMAIL).status == 200
    _forget_login_on_copy(firm, client_id, contact_id)
    assert api.patch(f"/contacts/{contact_id}", {"first_name": "Nils"}, token=firm.token).status == 200
    assert listed_seal(api, firm.token, client_id, contact_id) is None
    pump()
    db = FirmStore.trusted(firm.id)
    copy = db.get(keys.client_contact(client_id, contact_id))["person"]
    assert copy["user_id"] == db.get(keys.contact(contact_id))["user_id"] and copy["first_name"] == "Nils"
    removed = _remove(api, firm.token, client_id, contact_id, listed_seal(api, firm.token, client_id, contact_id))
    assert (removed.status, removed.json["status"], last_calls()) == (200, "revoked", 2)


def test_a_sign_in_since_the_seal_is_kept_not_undone_by_the_removal(api, firm):
    """A sign-in moves the person's last sign-in with no new version; the removal writes
    the portal state whole, so it is refused and made again from the person as stored."""
    client_id, contact_id = _client(api, firm)
    portal_user(api, firm.token, client_id, contact_id, EMAIL)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    clock.freeze(clock.now() + timedelta(minutes=5))
    try:
        assert api.post("/auth/login", {"slug": firm.slug, "email": EMAIL, "password": PASSWORD}).status == 200
    finally:
        clock.freeze(None)
    signed_in = api.get(f"/contacts/{contact_id}", token=firm.token).json["portal"]["last_login_at"]
    removed = _remove(api, firm.token, client_id, contact_id, sealed)
    assert (removed.status, removed.json["last_login_at"], last_calls()) == (200, signed_in, 3)
    assert api.get(f"/contacts/{contact_id}", token=firm.token).json["portal"]["last_login_at"] == signed_in


def test_the_listed_seal_makes_an_invited_person_a_new_clients_primary_contact_with_no_read(api, firm):
    """The page's seal names the login (the link's copy carries it): the login reaches the
    new client in the same write."""
    client_id, contact_id = _client(api, firm)
    token = portal_user(api, firm.token, client_id, contact_id, EMAIL)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    made = api.post("/clients", {"kind": "entity", "display_name": "Lindqvist Boats", "primary_contact_id": contact_id,
                                 "primary_contact_sealed": sealed}, token=firm.token)
    assert (made.status, made.json["portal_accepted"], last_calls()) == (201, 1, 2)
    assert api.get(f"/clients/{made.json['id']}", token=token).status == 200
