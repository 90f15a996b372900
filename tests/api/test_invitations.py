from datetime import datetime, timedelta, timezone

from chalicelib.core import clock
from chalicelib.store import FirmStore, keys
from tests.api.test_errors import assert_problem
from tests.clients_support import (create_client, entity, household, invitation_token, invite, last_calls,
                                   last_email_to, portal_user, pump_now)
from tests.support import PASSWORD, login, sent_emails


def _client(api, firm):
    made = create_client(api, firm.token)
    return made["id"], made["primary_contact_id"]


EMAIL = "norbert@lindqvist.example"


def test_invite_deliver_preview_accept(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    resp = invite(api, firm.token, client_id, contact_id, EMAIL)
    assert resp.status == 200, resp.text
    assert resp.json["status"] == "pending" and resp.json["method"] == "email"
    assert resp.json["expires_at"] > clock.now_iso()
    pump()
    mail = last_email_to(EMAIL)
    assert "Northwind Advisory" in mail.subject
    token = invitation_token(EMAIL)
    for _ in range(2):  # a mail scanner opening the link spends nothing
        seen = api.get(f"/invitations/{token}")
        assert seen.status == 200, seen.text
        assert seen.json["firm_name"] == "Northwind Advisory" and seen.json["first_name"] == "Norbert"
    # The link shows the firm as it is now (one batch read of the invitation and the firm).
    api.patch("/firm", {"branding": {"colour": "#0B6E4F"}}, token=firm.token)
    assert api.get(f"/invitations/{token}").json["branding"]["colour"] == "#0B6E4F"
    accepted = api.post("/invitations/accept", {"token": token, "password": PASSWORD})
    assert accepted.status == 200, accepted.text
    client_token = accepted.json["access_token"]
    me = api.get("/me", token=client_token).json
    assert me["role"] == "client" and me["client_ids"] == [client_id]
    assert login(api, firm.slug, EMAIL, PASSWORD)["access_token"]
    again = api.post("/invitations/accept", {"token": token, "password": PASSWORD})
    assert again.status == 410 and "already been used" in again.json["detail"]
    assert api.get(f"/invitations/{token}").status == 410
    contact = api.get(f"/contacts/{contact_id}", token=firm.token).json
    assert contact["portal"]["status"] == "accepted" and contact["portal"]["last_login_at"]
    pump()
    assert api.get(f"/clients/{client_id}", token=firm.token).json["portal_status"] == "active"
    # Every sign-in is copied onto the contact, without moving its version (no If-Match breaks).
    later = datetime.now(timezone.utc) + timedelta(days=3)
    clock.freeze(later)
    try:
        login(api, firm.slug, EMAIL, PASSWORD)
    finally:
        clock.freeze(None)
    seen = api.get(f"/contacts/{contact_id}", token=firm.token).json
    assert seen["portal"]["last_login_at"].startswith(later.date().isoformat()) and seen["version"] == contact["version"]
    pump()  # the contacts page shows the sign-in from the link's copy of the person
    listed = api.get(f"/clients/{client_id}/contacts", token=firm.token).json["items"]
    assert [c["portal"]["last_login_at"] for c in listed if c["id"] == contact_id] == [seen["portal"]["last_login_at"]]


def test_a_client_linked_after_the_invitation_counts_its_acceptance(api, firm, pump):
    """Acceptance reads the clients the invitation recorded; one linked since is read
    after, and its portal counts move all the same."""
    client_id, contact_id = _client(api, firm)
    assert invite(api, firm.token, client_id, contact_id, EMAIL).status == 200
    company = create_client(api, firm.token, entity("Lindqvist Boats"))
    linked = api.request("PUT", f"/clients/{company['id']}/contacts/{contact_id}", json={}, token=firm.token)
    assert linked.status == 200, linked.text
    pump()
    accepted = api.post("/invitations/accept", {"token": invitation_token(EMAIL), "password": PASSWORD})
    assert accepted.status == 200, accepted.text
    pump()
    for one in (client_id, company["id"]):
        assert api.get(f"/clients/{one}", token=firm.token).json["portal_status"] == "active"


def test_portal_user_sees_only_own_clients_without_internal_fields(api, firm):
    client_id, contact_id = _client(api, firm)
    other_id = create_client(api, firm.token, household(display_name="Other Family", primary_contact={
        "first_name": "Olga", "emails": [{"address": "olga@example.com"}]}))["id"]
    token = portal_user(api, firm.token, client_id, contact_id, EMAIL)
    mine = api.get(f"/clients/{client_id}", token=token)
    assert mine.status == 200
    assert "tags" not in mine.json and "notes" not in mine.json and "portal_status" not in mine.json
    assert api.get(f"/clients/{other_id}", token=token).status == 404
    listed = api.get("/clients", token=token).json["items"]
    assert [c["id"] for c in listed] == [client_id] and "tags" not in listed[0]
    assert api.post("/clients", household(), token=token).status == 403
    assert api.patch(f"/clients/{client_id}", {"tags": []}, token=token).status == 403
    assert api.get(f"/clients/{client_id}/contacts", token=token).status == 403
    assert invite(api, token, client_id, contact_id, EMAIL).status == 403


def test_resend_by_another_method_replaces_the_old_link(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    invite(api, firm.token, client_id, contact_id, EMAIL)
    pump()
    first = invitation_token(EMAIL)
    clock.freeze(clock.now().replace(hour=12))  # the message follows from the stream: it is put then
    try:
        again = invite(api, firm.token, client_id, contact_id, "+15551230001", method="sms")
        pump()
    finally:
        clock.freeze(None)
    assert again.status == 200 and again.json["method"] == "sms"
    second = invitation_token("+15551230001")
    assert api.get(f"/invitations/{first}").status == 410
    assert api.post("/invitations/accept", {"token": second, "password": PASSWORD}).status == 200


def test_expired_links_are_gone(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    invite(api, firm.token, client_id, contact_id, EMAIL)
    pump()
    token = invitation_token(EMAIL)
    clock.freeze(clock.now().replace(year=clock.now().year + 1))
    try:
        resp = api.post("/invitations/accept", {"token": token, "password": PASSWORD})
        assert resp.status == 410 and "expired" in resp.json["detail"]
        contact = api.get(f"/contacts/{contact_id}", token=firm.token).json
        assert contact["portal"]["status"] == "expired"
    finally:
        clock.freeze(None)


def test_malformed_and_unknown_tokens(api, firm, pump):
    assert api.get("/invitations/nonsense").status == 404  # a path naming no invitation
    assert api.post("/invitations/accept", {"token": "nonsense", "password": PASSWORD}).status == 400
    client_id, contact_id = _client(api, firm)
    invite(api, firm.token, client_id, contact_id, EMAIL)
    pump()
    token = invitation_token(EMAIL)
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert api.get(f"/invitations/{forged}").status == 404
    weak = api.post("/invitations/accept", {"token": token, "password": "short"})
    assert weak.status == 400 and "password" in weak.json["errors"][0]["loc"]
    assert api.get(f"/invitations/{token}").status == 200


def test_remove_from_portal_refuses_the_login(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    token = portal_user(api, firm.token, client_id, contact_id, EMAIL)
    assert api.get("/me", token=token).status == 200
    removed = api.post(f"/clients/{client_id}/contacts/{contact_id}/remove", token=firm.token)
    assert removed.status == 200 and removed.json["status"] == "revoked"
    assert api.get("/me", token=token).status == 401
    assert api.post("/auth/login", {"slug": firm.slug, "email": EMAIL, "password": PASSWORD}).status == 401
    assert api.post(f"/clients/{client_id}/contacts/{contact_id}/remove", token=firm.token).status == 409
    again = portal_user(api, firm.token, client_id, contact_id, EMAIL, password="Another-Pass-77")
    assert api.get("/me", token=again).status == 200


def test_remove_withdraws_a_pending_invitation(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    invite(api, firm.token, client_id, contact_id, EMAIL)
    pump()
    token = invitation_token(EMAIL)
    api.post(f"/clients/{client_id}/contacts/{contact_id}/remove", token=firm.token)
    assert api.post("/invitations/accept", {"token": token, "password": PASSWORD}).status == 410


def test_invite_bad_input(api, firm):
    client_id, contact_id = _client(api, firm)
    path = f"/clients/{client_id}/contacts/{contact_id}/invite"
    assert api.post(path, {"method": "email", "to": "nope"}, token=firm.token).status == 400
    assert api.post(path, {"method": "sms", "to": "555"}, token=firm.token).status == 400
    assert api.post(path, {"method": "fax", "to": EMAIL}, token=firm.token).status == 400
    assert api.post(path, {"method": "email", "to": "stranger@example.com"}, token=firm.token).status == 422
    assert api.post(path, {"method": "sms", "to": "+15559999999"}, token=firm.token).status == 422


def test_sms_only_to_a_mobile_number(api, firm):
    made = create_client(api, firm.token, household(primary_contact={
        "first_name": "Hal", "emails": [{"address": "hal@example.com"}],
        "phones": [{"number": "+15551110000", "kind": "home"}]}))
    resp = invite(api, firm.token, made["id"], made["primary_contact_id"], "+15551110000", method="sms")
    assert resp.status == 422 and "mobile" in resp.json["detail"]


def test_already_accepted_is_409(api, firm):
    client_id, contact_id = _client(api, firm)
    portal_user(api, firm.token, client_id, contact_id, EMAIL)
    assert invite(api, firm.token, client_id, contact_id, EMAIL).status == 409


def test_another_firm_cannot_invite_or_remove(api, firm, other_firm):
    client_id, contact_id = _client(api, firm)
    assert invite(api, other_firm.token, client_id, contact_id, EMAIL).status == 404
    assert api.post(f"/clients/{client_id}/contacts/{contact_id}/remove", token=other_firm.token).status == 404
    pump_now()  # mail leaves through the outbox: drive it before looking, or nothing could show
    assert not [m for m in sent_emails() if EMAIL in m.destinations["ToAddresses"]]


def test_a_retried_invite_with_the_same_idempotency_key_sends_once(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    path = f"/clients/{client_id}/contacts/{contact_id}/invite"
    key = {"Idempotency-Key": "retry-7f3a"}
    first = api.post(path, {"method": "email", "to": EMAIL}, token=firm.token, headers=key)
    second = api.post(path, {"method": "email", "to": EMAIL}, token=firm.token, headers=key)
    assert first.status == second.status == 200 and first.json == second.json
    pump()
    assert len([m for m in sent_emails() if EMAIL in m.destinations["ToAddresses"]]) == 1


def test_the_contacts_page_shows_an_invitation_the_moment_it_is_sent(api, firm):
    """A screen reloads its contacts right after inviting: the links' copies of the person
    move in the invitation's own write, not a moment later from the stream."""
    client_id, contact_id = _client(api, firm)
    assert invite(api, firm.token, client_id, contact_id, EMAIL).status == 200
    listed = api.get(f"/clients/{client_id}/contacts", token=firm.token).json["items"]
    [portal] = [c["portal"] for c in listed if c["id"] == contact_id]
    assert portal["status"] == "pending" and portal["expires_at"], portal


def test_invite_resend_and_remove_read_once_before_their_one_write(api, firm, pump):
    """The person's portal state names their login and pending invitation, and the
    clients' counts are ADDs: nothing else is read before the write."""
    client_id, contact_id = _client(api, firm)
    assert (invite(api, firm.token, client_id, contact_id, EMAIL).status, last_calls()) == (200, 3)
    clock.freeze(clock.now().replace(hour=12))  # outside SMS quiet hours, whenever the suite runs
    try:
        resent = invite(api, firm.token, client_id, contact_id, "+15551230001", method="sms")
        assert (resent.status, resent.json["login_email"], last_calls()) == (200, EMAIL, 3)
        pump()  # the text is put from the stream, outside quiet hours too
    finally:
        clock.freeze(None)
    assert api.get(f"/clients/{client_id}", token=firm.token).json["portal_pending"] == 1  # the resend moved none
    removed = api.post(f"/clients/{client_id}/contacts/{contact_id}/remove", token=firm.token)
    assert (removed.status, removed.json["status"], last_calls()) == (200, "revoked", 3)
    spent = api.post("/invitations/accept", {"token": invitation_token("+15551230001"), "password": PASSWORD})
    assert spent.status == 410
    again = invite(api, firm.token, client_id, contact_id, EMAIL)  # the released address is claimed anew
    assert (again.status, last_calls()) == (200, 3)
    pump()
    assert api.get(f"/clients/{client_id}", token=firm.token).json["portal_status"] == "invited"


def test_invite_and_remove_of_an_unknown_or_unlinked_person_change_nothing(api, firm):
    client_id, contact_id = _client(api, firm)
    other_id = create_client(api, firm.token, entity("Lindqvist Boats"))["id"]
    assert invite(api, firm.token, other_id, contact_id, EMAIL).status == 404
    assert invite(api, firm.token, client_id, "0" * 26, EMAIL).status == 404
    assert api.post(f"/clients/{other_id}/contacts/{contact_id}/remove", token=firm.token).status == 404
    assert api.get(f"/contacts/{contact_id}", token=firm.token).json["portal"]["status"] == "not_invited"


def test_a_login_moved_some_other_way_refuses_the_write_instead_of_being_overwritten(api, firm):
    """Invite and remove write the login as the person's portal state records it: a login
    whose address changed meanwhile is a 409, and nothing moves."""
    client_id, contact_id = _client(api, firm)
    assert invite(api, firm.token, client_id, contact_id, EMAIL).status == 200
    db = FirmStore.trusted(firm.id)
    work = db.work()
    work.update(keys.user(db.get(keys.contact(contact_id))["user_id"]), set={"email": "elsewhere@example.com"})
    work.commit()
    assert_problem(invite(api, firm.token, client_id, contact_id, "+15551230001", method="sms"), 409)
    assert_problem(api.post(f"/clients/{client_id}/contacts/{contact_id}/remove", token=firm.token), 409)
    portal = api.get(f"/contacts/{contact_id}", token=firm.token).json["portal"]
    assert (portal["status"], portal["method"]) == ("pending", "email")
