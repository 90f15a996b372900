"""Message wording: the firm edits header and text of the invitation and timeline
messages with variables; previews them; rendering escapes every value."""
from tests.api.test_errors import assert_problem, problem_status
from tests.rooms_support import add_service, create_room, portal_household
from tests.status_support import after_grace, define_timeline, mails_to, move, phase_id


def test_defaults_change_and_reset(api, firm, other_firm):
    first = api.get("/firm/wording", token=firm.token).json
    assert first["messages"]["invitation"]["customised"] is False and "room" in first["variables"]
    changed = api.patch("/firm/wording", {"messages": {"invitation": {"header": "Welcome to {firm}"}}},
                        token=firm.token)
    assert changed.status == 200, changed.text
    invitation = changed.json["messages"]["invitation"]
    assert invitation["header"] == "Welcome to {firm}" and invitation["customised"] is True
    assert invitation["text"] == first["messages"]["invitation"]["text"]
    back = api.patch("/firm/wording", {"messages": {"invitation": {"header": None}}}, token=firm.token)
    assert back.json["messages"]["invitation"] == first["messages"]["invitation"]
    assert api.get("/firm/wording", token=other_firm.token).json == first


def test_changes_to_different_parts_each_keep_the_other(api, firm):
    """Each part is its own attribute: a change sets what it names and leaves the rest."""
    api.patch("/firm/wording", {"messages": {"timeline_sms": {"text": "{firm}: {step}"}}}, token=firm.token)
    api.patch("/firm/wording", {"messages": {"invitation": {"header": "Welcome to {firm}"}}}, token=firm.token)
    saved = api.get("/firm/wording", token=firm.token).json["messages"]
    assert saved["timeline_sms"]["text"] == "{firm}: {step}" and saved["timeline_sms"]["customised"] is True
    assert saved["invitation"]["header"] == "Welcome to {firm}" and saved["invitation"]["customised"] is True
    assert saved["timeline_email"]["customised"] is False
    api.patch("/firm/wording", {"messages": {"timeline_sms": {"text": None}}}, token=firm.token)
    after = api.get("/firm/wording", token=firm.token).json["messages"]
    assert after["timeline_sms"]["customised"] is False and after["invitation"] == saved["invitation"]


def test_bad_wording_and_wrong_role(api, firm, pump):
    home = portal_household(api, firm)
    before = api.get("/firm/wording", token=firm.token).json
    assert problem_status(api.patch("/firm/wording", {"messages": {"invitation": {"text": "Hi {password}"}}},
                             token=firm.token)) == 400
    assert problem_status(api.patch("/firm/wording", {"messages": {"newsletter": {"text": "x"}}}, token=firm.token)) == 400
    assert problem_status(api.patch("/firm/wording", {"messages": {}}, token=firm.token)) == 400
    assert problem_status(api.patch("/firm/wording", {"messages": {"invitation": {"text": "x"}}},
                             token=home.norbert_token)) == 403
    assert problem_status(api.post("/firm/wording/preview", {"message": "invitation"}, token=home.norbert_token)) == 403
    assert api.get("/firm/wording", token=firm.token).json == before  # nothing was changed


def test_preview_and_delivery_escape_values(api, firm, pump):
    preview = api.post("/firm/wording/preview", {"message": "timeline_email", "header": "{room} is at {step}",
                                                   "text": "Dear {contact} <3"}, token=firm.token)
    assert preview.status == 200, preview.text
    assert preview.json["subject"] == "2025 tax return is at Preparing your return"
    assert "Dear Norbert &lt;3" in preview.json["html"] and "Dear Norbert <3" in preview.json["text"]
    api.patch("/firm/wording", {"messages": {"timeline_email": {"header": "Update: {room} / {step}",
                                                                  "text": "Hi {contact}, {client} moved."}}},
              token=firm.token)
    home = portal_household(api, firm)
    sid = add_service(api, firm)
    definition = define_timeline(api, firm, sid)
    room = create_room(api, firm, home.client_id, sid, name="<b>Return</b> {firm}")
    move(api, firm.token, room["id"], phase_id(definition, "Intake"))
    after_grace(pump)
    mail = mails_to("norbert@lindqvist.example")[-1]
    assert mail.subject == "Update: <b>Return</b> {firm} / Gathering"
    assert "&lt;b&gt;Return&lt;/b&gt;" in mail.body or "Hi Norbert, Lindqvist Household moved." in mail.body


def test_invitation_email_and_sms_use_the_firms_wording(api, firm, pump):
    from datetime import datetime, timezone

    from chalicelib.core.clock import freeze
    from tests.clients_support import create_client, household, invite, last_email_to
    from tests.support import sent_sms

    made = create_client(api, firm.token, household(display_name="<Lindqvist> & {firm}"))
    create_room(api, firm, made["id"], add_service(api, firm), name="2025 <i>return</i>")
    wording = {"header": "Welcome {contact}\nto {firm}",
               "text": "Dear {contact} of {client}: {room} awaits.\n\nSee you!"}
    assert api.patch("/firm/wording", {"messages": {"invitation": wording}}, token=firm.token).status == 200
    resp = invite(api, firm.token, made["id"], made["primary_contact_id"], "norbert@lindqvist.example")
    assert resp.status == 200, resp.text
    pump()
    mail = last_email_to("norbert@lindqvist.example")
    assert mail.subject == "Welcome Norbert to Northwind Advisory"
    assert "<p>Dear Norbert of &lt;Lindqvist&gt; &amp; {firm}: 2025 &lt;i&gt;return&lt;/i&gt; awaits.</p>" in mail.body
    assert "<p>See you!</p>" in mail.body and "/invitations/" in mail.body and "expires on" in mail.body
    freeze(datetime(2030, 1, 15, 12, 0, tzinfo=timezone.utc))  # daytime: the resend by SMS goes at once
    try:
        again = invite(api, firm.token, made["id"], made["primary_contact_id"], "+15551230001", method="sms")
        assert again.status == 200, again.text
        pump()
    finally:
        freeze(None)
    (text,) = [t for n, t in sent_sms() if n == "+15551230001"]
    assert text.startswith("Dear Norbert of <Lindqvist> & {firm}: 2025 <i>return</i> awaits. See you! http")
    assert "single use, expires" in text


def test_an_unedited_invitation_says_the_default(api, firm, pump):
    from tests.clients_support import create_client, invite, last_email_to

    made = create_client(api, firm.token)
    assert invite(api, firm.token, made["id"], made["primary_contact_id"], "norbert@lindqvist.example").status == 200
    pump()
    mail = last_email_to("norbert@lindqvist.example")
    assert mail.subject == "Northwind Advisory invites you to your client portal"
    assert "Hello Norbert, Northwind Advisory has opened a secure client portal" in mail.body


def test_the_invitation_preview_is_the_message_as_sent(api, firm):
    preview = api.post("/firm/wording/preview", {"message": "invitation", "header": "Hi {contact} <3",
                                                   "text": "{firm} & you"}, token=firm.token)
    assert preview.status == 200, preview.text
    assert preview.json["subject"] == "Hi Norbert <3"
    html = preview.json["html"]
    assert "<p>Northwind Advisory &amp; you</p>" in html and "Open your portal" in html and "expires on" in html
    assert preview.json["sms"].startswith("Northwind Advisory & you http") and "single use" in preview.json["sms"]
    other = api.post("/firm/wording/preview", {"message": "timeline_email"}, token=firm.token)
    assert other.json["sms"] is None
