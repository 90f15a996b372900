""""Email members": a branded email, or a text for someone who chose texts, with a link to
the room, to the members picked, through the outbox."""
from datetime import datetime, timezone

import pytest

from chalicelib.core import clock
from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service, create_room, portal_entity, portal_household
from tests.support import sent_emails, sent_sms
from tests.tokens import claims_of


def _user(token):
    return claims_of(token)["username"].split(".")[1]


@pytest.fixture
def midday():
    """Texts wait out the firm's quiet hours (21:00-08:00): this test runs at noon."""
    clock.freeze(datetime(2030, 1, 15, 12, 0, tzinfo=timezone.utc))
    yield
    clock.freeze(None)


def test_members_get_a_branded_email_or_a_text_with_the_room_link(api, firm, pump, midday):
    home = portal_household(api, firm)
    rid = create_room(api, firm, home.client_id, add_service(api, firm))["id"]
    api.request("PUT", "/me/notification-settings", json={"channel": "sms", "sms_to": "+15551230002"},
                token=home.erika_token)
    pump()
    sent = api.post(f"/rooms/{rid}/email-members", {"user_ids": [_user(home.norbert_token), _user(home.erika_token)],
                                                    "message": "Your room is ready.\n\nUpload your W-2."},
                    token=firm.token)
    assert sent.status == 202 and sent.json == {"sent_to": 2}
    pump()  # the email and the text follow from the stream
    [mail] = [m for m in sent_emails() if "norbert@lindqvist.example" in m.destinations["ToAddresses"]][-1:]
    assert "Northwind Advisory" in mail.subject and f"/rooms/{rid}" in mail.body and "Upload your W-2." in mail.body
    texts = [t for n, t in sent_sms() if n == "+15551230002"]
    assert len(texts) == 1 and f"/rooms/{rid}" in texts[0]
    feed = api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]
    assert feed[0]["kind"] == "members_emailed" and feed[0]["visibility"] == "internal"
    assert all(i["kind"] != "members_emailed" for i in api.get(f"/rooms/{rid}/feed", token=home.norbert_token)
               .json["items"])


def test_non_members_and_bad_input_change_nothing(api, firm, pump):
    home = portal_household(api, firm)
    org = portal_entity(api, firm)
    rid = create_room(api, firm, home.client_id, add_service(api, firm))["id"]
    pump()
    mails = len(sent_emails())
    outsider = _user(org["primary_token"])
    refused = assert_problem(api.post(f"/rooms/{rid}/email-members",
                                      {"user_ids": [_user(home.norbert_token), outsider], "message": "Hi"},
                                      token=firm.token), 422)
    assert refused["errors"][0]["loc"] == "body.user_ids"
    for bad in ({"user_ids": [], "message": "Hi"}, {"user_ids": ["a"], "message": ""}, {"message": "Hi"},
                {"user_ids": ["a"] * 26, "message": "Hi"}, {"user_ids": ["a"], "message": "x" * 10_001}):
        assert_problem(api.post(f"/rooms/{rid}/email-members", bad, token=firm.token), 400)
    assert_problem(api.post(f"/rooms/{rid}/email-members", {"user_ids": [outsider], "message": "Hi"},
                            token=home.norbert_token), 403)
    api.post(f"/rooms/{rid}/archive", token=firm.token)
    assert_problem(api.post(f"/rooms/{rid}/email-members", {"user_ids": [_user(home.norbert_token)],
                                                            "message": "Hi"}, token=firm.token), 409)
    pump()
    assert len(sent_emails()) == mails
    assert len(api.get(f"/rooms/{rid}/feed", token=firm.token).json["items"]) == 2  # created, archived
