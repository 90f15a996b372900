"""Inviting the person as the contacts page answered them (`sealed`): one transaction
with the principal's lookup, 2 calls. The client is checked in the write; the message
follows the invitation from the stream, which makes the link again from the signing key."""
import json
from datetime import datetime

import boto3

from chalicelib.core import clock, signing
from chalicelib.core.config import settings
from chalicelib.firms import carried
from chalicelib.invitations.mail import follow_invitation
from chalicelib.store import FirmStore, keys
from chalicelib.store.projection import follow
from chalicelib.store.wire import to_ddb
from tests.api.test_errors import assert_problem
from tests.clients_support import (create_client, household, invitation_token, last_calls, last_email_to,
                                   listed_seal, portal_user)
from tests.support import PASSWORD, sent_emails, sent_sms

EMAIL, MOBILE = "norbert@lindqvist.example", "+15551230001"


def _client(api, firm):
    made = create_client(api, firm.token)
    return made["id"], made["primary_contact_id"]


def _invite(api, token, client_id, contact_id, sealed, to=EMAIL, method="email"):
    return api.post(f"/clients/{client_id}/contacts/{contact_id}/invite",
                    {"method": method, "to": to, "sealed": sealed}, token=token)


def _moment(iso):
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def _mails_to(address):
    return [m for m in sent_emails() if address in m.destinations["ToAddresses"]]


def _portal(api, firm, contact_id):
    return api.get(f"/contacts/{contact_id}", token=firm.token).json["portal"]


def test_inviting_the_listed_person_is_one_write_and_the_email_follows_from_the_stream(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    resp = _invite(api, firm.token, client_id, contact_id, sealed)
    assert (resp.status, resp.json["status"], resp.json["sent_to"], last_calls()) == (200, "pending", EMAIL, 2)
    assert _mails_to(EMAIL) == []  # nothing is put in the outbox by the request itself
    pump()
    mail = last_email_to(EMAIL)
    expiry = _moment(resp.json["expires_at"]).strftime("%d %B %Y")
    assert "Northwind Advisory" in mail.subject and "Norbert" in mail.body and expiry in mail.body
    assert f"/portal/{firm.slug}/invitations/" in mail.body
    token = invitation_token(EMAIL)
    assert api.get(f"/invitations/{token}").json["expires_at"] == resp.json["expires_at"]
    assert api.post("/invitations/accept", {"token": token, "password": PASSWORD}).status == 200
    pump()
    assert api.get(f"/clients/{client_id}", token=firm.token).json["portal_status"] == "active"


def test_the_expiry_is_the_firms_setting_as_the_principal_carries_it(api, firm, pump):
    assert api.patch("/firm", {"settings": {"invitation_days": 3}}, token=firm.token).status == 200
    pump()  # the portal item's copy follows the firm
    client_id, contact_id = _client(api, firm)
    before = clock.now()
    resp = _invite(api, firm.token, client_id, contact_id, listed_seal(api, firm.token, client_id, contact_id))
    assert (resp.status, last_calls()) == (200, 2)
    assert 3 * 86400 - 60 < (_moment(resp.json["expires_at"]) - before).total_seconds() < 3 * 86400 + 60


def test_an_sms_invitation_with_its_login_email_named_is_one_write_too(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    clock.freeze(clock.now().replace(hour=12))  # outside quiet hours when the stream puts the text
    try:
        resp = api.post(f"/clients/{client_id}/contacts/{contact_id}/invite",
                        {"method": "sms", "to": MOBILE, "login_email": EMAIL, "sealed": sealed}, token=firm.token)
        assert (resp.status, resp.json["login_email"], last_calls()) == (200, EMAIL, 2)
        pump()
    finally:
        clock.freeze(None)
    [text] = [t for number, t in sent_sms() if number == MOBILE]
    assert "/invitations/" in text and _moment(resp.json["expires_at"]).strftime("%d %B %Y") in text


def test_a_person_changed_since_the_seal_is_invited_from_the_refusal(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    changed = api.patch(f"/contacts/{contact_id}", {"first_name": "Nils"}, token=firm.token)
    assert changed.status == 200
    resp = _invite(api, firm.token, client_id, contact_id, sealed)
    assert (resp.status, resp.json["status"], last_calls()) == (200, "pending", 3)
    stored = api.get(f"/contacts/{contact_id}", token=firm.token).json
    assert (stored["first_name"], stored["portal"]["status"]) == ("Nils", "pending")
    assert stored["version"] == changed.json["version"] + 1
    pump()
    assert "Nils" in last_email_to(EMAIL).body  # greeted as they now stand
    assert len(_mails_to(EMAIL)) == 1


def test_a_seal_older_than_the_address_it_is_sent_to_is_not_believed_the_person_is_read(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    added = [{"address": EMAIL}, {"address": "nils@lindqvist.example"}]
    assert api.patch(f"/contacts/{contact_id}", {"emails": added}, token=firm.token).status == 200
    resp = _invite(api, firm.token, client_id, contact_id, sealed, to="nils@lindqvist.example")
    assert (resp.status, resp.json["login_email"], last_calls()) == (200, "nils@lindqvist.example", 3)
    pump()
    assert len(_mails_to("nils@lindqvist.example")) == 1


def test_a_resend_from_the_seal_before_the_first_invitation_replaces_its_link(api, firm, pump):
    """The seal taken before the first invitation is outdated by it: the refusal names the
    pending invitation, which the resend closes."""
    client_id, contact_id = _client(api, firm)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    assert _invite(api, firm.token, client_id, contact_id, sealed).status == 200
    pump()
    first = invitation_token(EMAIL)
    again = _invite(api, firm.token, client_id, contact_id, sealed)
    assert (again.status, last_calls()) == (200, 3)
    pump()
    assert api.get(f"/invitations/{first}").status == 410
    assert api.post("/invitations/accept", {"token": invitation_token(EMAIL), "password": PASSWORD}).status == 200


def test_another_persons_seal_is_422_and_a_malformed_one_400_and_nothing_moves(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    erika = api.post(f"/clients/{client_id}/contacts", {"first_name": "Erika"}, token=firm.token).json["id"]
    theirs = listed_seal(api, firm.token, client_id, erika)
    wrong = assert_problem(_invite(api, firm.token, client_id, contact_id, theirs), 422)
    assert wrong["errors"][0]["loc"] == "body.sealed"
    assert_problem(_invite(api, firm.token, client_id, contact_id, "not sealed"), 400)
    assert _portal(api, firm, contact_id)["status"] == "not_invited"
    pump()
    assert _mails_to(EMAIL) == []


def test_an_archived_client_refuses_the_sealed_invitation_and_nothing_is_sent(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    assert api.post(f"/clients/{client_id}/archive", token=firm.token).status == 200
    refused = assert_problem(_invite(api, firm.token, client_id, contact_id, sealed), 422)
    assert "archived" in refused["detail"] and last_calls() == 2
    assert _portal(api, firm, contact_id)["status"] == "not_invited"
    pump()
    assert _mails_to(EMAIL) == []


def test_another_firm_is_refused_with_or_without_the_seal_and_nothing_is_sent(api, firm, other_firm, pump):
    client_id, contact_id = _client(api, firm)
    sealed = listed_seal(api, firm.token, client_id, contact_id)
    assert_problem(_invite(api, other_firm.token, client_id, contact_id, sealed), 422)  # not sealed for them
    assert_problem(_invite(api, other_firm.token, client_id, contact_id, None), 404)
    theirs = create_client(api, other_firm.token, household())
    assert_problem(_invite(api, firm.token, theirs["id"], contact_id, sealed), 404)  # not a client of this firm
    assert _portal(api, firm, contact_id)["status"] == "not_invited"
    pump()
    assert _mails_to(EMAIL) == []


def test_a_redelivered_invitation_record_sends_one_message(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    resp = _invite(api, firm.token, client_id, contact_id, listed_seal(api, firm.token, client_id, contact_id))
    assert resp.status == 200
    db = FirmStore.trusted(firm.id)
    invitation = db.get(keys.invitation(db.get(keys.contact(contact_id))["portal"]["invite_id"]))
    pump()
    for sequence in ("9001", "9002"):  # beyond the marker: the stream's copy of the record, twice
        record = {"eventName": "INSERT", "dynamodb": {"SequenceNumber": sequence,
                                                      "NewImage": to_ddb(db.place(invitation))}}
        follow(record, follow_invitation)
    pump()
    assert len(_mails_to(EMAIL)) == 1


def test_a_link_made_before_a_key_rotation_is_still_sent_and_accepted(api, firm, pump, monkeypatch):
    client_id, contact_id = _client(api, firm)
    assert _invite(api, firm.token, client_id, contact_id, listed_seal(api, firm.token, client_id, contact_id)).status \
        == 200
    monkeypatch.setattr(signing, "MAX_AGE_SECONDS", 0)  # each read goes to the secret
    s = settings()
    secrets = boto3.client("secretsmanager", region_name=s.region, endpoint_url=s.endpoint_url)
    old = json.loads(secrets.get_secret_value(SecretId=s.signing_secret)["SecretString"])["current"]
    secrets.put_secret_value(SecretId=s.signing_secret,
                             SecretString=json.dumps({"current": "rotated-key-0123456789", "previous": old}))
    pump()
    token = invitation_token(EMAIL)
    assert api.post("/invitations/accept", {"token": token, "password": PASSWORD}).status == 200


def test_a_firm_stored_before_the_copy_reads_its_firm_until_the_upgrade_backfill(api, firm, aws):
    table = boto3.resource("dynamodb").Table(aws["ATRIUM_TABLE"])
    table.update_item(Key=FirmStore.trusted(firm.id).place(keys.portal_options()),
                      UpdateExpression="REMOVE invitation_days, default_professional_id")
    client_id, contact_id = _client(api, firm)
    before = clock.now()
    resp = _invite(api, firm.token, client_id, contact_id, listed_seal(api, firm.token, client_id, contact_id))
    assert (resp.status, last_calls()) == (200, 3)  # the firm is read for its invitation_days
    assert (_moment(resp.json["expires_at"]) - before).days in (6, 7)
    assert carried.backfill(firm.id) == 1 and carried.backfill(firm.id) == 0
    portal = FirmStore.trusted(firm.id).get(keys.portal_options())
    assert (portal["invitation_days"], portal["default_professional_id"]) == (7, "")
    other = create_client(api, firm.token, household(display_name="Östberg Family Trust", primary_contact={
        "first_name": "Ebba", "emails": [{"address": "ebba@ostberg.example"}]}))
    sealed = listed_seal(api, firm.token, other["id"], other["primary_contact_id"])
    resp = _invite(api, firm.token, other["id"], other["primary_contact_id"], sealed, to="ebba@ostberg.example")
    assert (resp.status, last_calls()) == (200, 2)


def test_a_portal_user_given_a_seal_still_may_not_invite(api, firm, pump):
    client_id, contact_id = _client(api, firm)
    erika = api.post(f"/clients/{client_id}/contacts", {"first_name": "Erika", "emails": [
        {"address": "erika@lindqvist.example"}]}, token=firm.token).json["id"]
    sealed = listed_seal(api, firm.token, client_id, erika)
    token = portal_user(api, firm.token, client_id, contact_id, EMAIL)
    refused = _invite(api, token, client_id, erika, sealed, to="erika@lindqvist.example")
    assert_problem(refused, 403)
    assert _portal(api, firm, erika)["status"] == "not_invited"
    pump()
    assert _mails_to("erika@lindqvist.example") == []
