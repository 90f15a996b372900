"""The lead-generation path of seed 000: a portal user answers the survey, each yes opens
an opportunity, staff see red dots on the board, open a room from one, and the toggle
hides an opportunity whose client already has an active room of its service."""
from tests.api.test_errors import assert_problem
from tests.rooms_support import add_service, create_room, portal_household
from tests.survey_support import answer, board_counts, listed, publish


def test_answers_open_opportunities_and_a_room_converts_one(api, firm, pump):
    home = portal_household(api, firm)
    tax, books, plan = (add_service(api, firm, n) for n in ("Tax return", "Bookkeeping", "Financial plan"))
    survey = publish(api, firm, [tax, books, plan])
    pending = api.get("/me/survey", token=home.norbert_token)
    assert pending.status == 200, pending.text
    assert pending.json["pending"] == [{"client_id": home.client_id, "client_name": "Lindqvist Household"}]
    assert [set(q) for q in pending.json["questions"]] == [{"id", "text", "help"}] * 3

    done = answer(api, home.norbert_token, home.client_id, survey, {0, 1})
    assert done.status == 201, done.text
    assert done.json["yes_count"] == 2 and "opened" not in done.json
    assert api.get("/me/survey", token=home.norbert_token).json["pending"] == []
    assert board_counts(api, firm, pump) == {"Tax return": 1, "Bookkeeping": 1, "Financial plan": 0}

    opp = listed(api, firm, tax)[0]
    assert opp["client_name"] == "Lindqvist Household" and opp["status"] == "open"
    assert opp["answered_by_name"] == "Norbert Lindqvist" and opp["survey_version"] == 1
    made = api.post(f"/opportunities/{opp['id']}/room", {"name": "2025 tax return"}, token=firm.token)
    assert made.status == 201, made.text
    assert made.json["opportunity"]["status"] == "converted"
    assert made.json["opportunity"]["room_id"] == made.json["room"]["id"]
    assert made.json["room"]["service_id"] == tax and made.json["room"]["client_id"] == home.client_id
    assert board_counts(api, firm, pump)["Tax return"] == 0
    assert_problem(api.post(f"/opportunities/{opp['id']}/room", {"name": "Again"}, token=firm.token), 409)

    # The bookkeeping opportunity hides once the client has an active bookkeeping room.
    other = listed(api, firm, books)[0]
    assert [o["id"] for o in listed(api, firm, books, "with_active_rooms=false", pump)] == [other["id"]]
    room = create_room(api, firm, home.client_id, books, "Monthly books")
    assert listed(api, firm, books, "with_active_rooms=false", pump) == []
    assert [o["id"] for o in listed(api, firm, books)] == [other["id"]]
    assert api.post(f"/rooms/{room['id']}/archive", token=firm.token).status == 200
    assert [o["id"] for o in listed(api, firm, books, "with_active_rooms=false", pump)] == [other["id"]]
