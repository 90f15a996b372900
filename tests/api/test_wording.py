"""Message wording: the firm edits header and text of the invitation and timeline
messages with variables; previews them; rendering escapes every value."""
from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service, create_room, portal_household
from tests.status_support import after_grace, define_timeline, mails_to, move, phase_id


def test_defaults_change_and_reset(api, firm, other_firm):
    first = api.get("/portal/wording", token=firm.token).json
    assert first["messages"]["invitation"]["customised"] is False and "room" in first["variables"]
    changed = api.patch("/portal/wording", {"messages": {"invitation": {"header": "Welcome to {firm}"}}},
                        token=firm.token)
    assert changed.status == 200, changed.text
    invitation = changed.json["messages"]["invitation"]
    assert invitation["header"] == "Welcome to {firm}" and invitation["customised"] is True
    assert invitation["text"] == first["messages"]["invitation"]["text"]
    back = api.patch("/portal/wording", {"messages": {"invitation": {"header": None}}}, token=firm.token)
    assert back.json["messages"]["invitation"] == first["messages"]["invitation"]
    assert api.get("/portal/wording", token=other_firm.token).json == first


def test_bad_wording_and_wrong_role(api, firm, pump):
    home = portal_household(api, firm)
    assert_problem(api.patch("/portal/wording", {"messages": {"invitation": {"text": "Hi {password}"}}},
                             token=firm.token), 400)
    assert_problem(api.patch("/portal/wording", {"messages": {"newsletter": {"text": "x"}}}, token=firm.token), 400)
    assert_problem(api.patch("/portal/wording", {"messages": {}}, token=firm.token), 400)
    assert_problem(api.patch("/portal/wording", {"messages": {"invitation": {"text": "x"}}},
                             token=home.norbert_token), 403)
    assert_problem(api.post("/portal/wording/preview", {"message": "invitation"}, token=home.norbert_token), 403)


def test_preview_and_delivery_escape_values(api, firm, pump):
    preview = api.post("/portal/wording/preview", {"message": "timeline_email", "header": "{room} is at {step}",
                                                   "text": "Dear {contact} <3"}, token=firm.token)
    assert preview.status == 200, preview.text
    assert preview.json["subject"] == "2025 tax return is at Preparing your return"
    assert "Dear Norbert &lt;3" in preview.json["html"] and "Dear Norbert <3" in preview.json["text"]
    api.patch("/portal/wording", {"messages": {"timeline_email": {"header": "Update: {room} / {step}",
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
