"""The client survey: publishing versions, what a portal user is asked and when, answering
per client, skipping, and the answers staff read back as they were asked."""
from datetime import datetime, timedelta, timezone

from chalicelib.core import clock
from tests.api.test_errors import assert_problem
from tests.clients_support import create_client, entity, household, portal_user
from tests.rooms_support import add_service, portal_household
from tests.survey_support import answer, answers, board_counts, publish


def test_each_publish_is_a_new_version_and_old_answers_stay_as_asked(api, firm, pump):
    home = portal_household(api, firm)
    tax = add_service(api, firm)
    first = publish(api, firm, [tax])
    assert first["version"] == 1 and first["questions"][0]["service_name"] == "Tax return"
    assert answer(api, home.norbert_token, home.client_id, first, {0}).status == 201
    changed = api.request("PUT", "/survey", json={"reask": "each_version", "questions": [
        {"service_id": tax, "text": "Shall we file your return?"}]}, token=firm.token, headers={"if-match": '"1"'})
    assert changed.status == 200 and changed.json["version"] == 2
    assert api.get("/survey", token=firm.token).json["questions"][0]["text"] == "Shall we file your return?"
    stale = api.request("PUT", "/survey", json={"reask": "never", "questions": []}, token=firm.token,
                        headers={"if-match": '"1"'})
    assert_problem(stale, 412)
    pump()  # the submission is filed from the stream, with the questions of the version answered
    kept = api.get(f"/clients/{home.client_id}/survey-answers", token=firm.token)
    assert kept.status == 200, kept.text
    [submission] = kept.json["items"]
    assert submission["version"] == 1 and submission["answered_by_name"] == "Norbert Lindqvist"
    assert submission["answers"][0]["text"] == first["questions"][0]["text"] and submission["answers"][0]["answer"]
    assert len(submission["opened"]) == 1
    # each_version: the new version asks again
    assert api.get("/me/survey", token=home.norbert_token).json["version"] == 2


def test_a_person_with_two_clients_answers_for_each(api, firm, pump):
    home = create_client(api, firm.token, household())
    company = create_client(api, firm.token, entity())
    norbert = home["primary_contact_id"]
    linked = api.request("PUT", f"/clients/{company['id']}/contacts/{norbert}", json={}, token=firm.token)
    assert linked.status in (200, 201), linked.text
    token = portal_user(api, firm.token, home["id"], norbert, "norbert@lindqvist.example")
    survey = publish(api, firm, [add_service(api, firm)])
    pending = api.get("/me/survey", token=token).json["pending"]
    assert {p["client_id"] for p in pending} == {home["id"], company["id"]}
    assert answer(api, token, company["id"], survey, {0}).status == 201
    assert [p["client_id"] for p in api.get("/me/survey", token=token).json["pending"]] == [home["id"]]
    assert answer(api, token, home["id"], survey, {0}).status == 201
    assert board_counts(api, firm, pump) == {"Tax return": 2}


def test_answering_again_never_duplicates_an_open_opportunity(api, firm, pump):
    home = portal_household(api, firm)
    tax = add_service(api, firm)
    survey = publish(api, firm, [tax], reask="yearly")
    assert answer(api, home.norbert_token, home.client_id, survey, {0}).status == 201
    assert answer(api, home.erika_token, home.client_id, survey, {0}).status == 201
    pump()  # each answer's opportunities follow from the stream, in the order answered
    listed = api.get(f"/services/{tax}/opportunities", token=firm.token).json["items"]
    assert len(listed) == 1 and listed[0]["answered_by_name"] == "Norbert Lindqvist"
    assert board_counts(api, firm, pump) == {"Tax return": 1}


def test_skip_and_the_reask_policies(api, firm):
    home = portal_household(api, firm)
    survey = publish(api, firm, [add_service(api, firm)], reask="yearly")
    # The precondition: the survey is waiting for this client before it is skipped.
    assert [p["client_id"] for p in api.get("/me/survey", token=home.norbert_token).json["pending"]] == [home.client_id]
    skipped = api.post("/me/survey/skip", {"client_id": home.client_id, "version": 1}, token=home.norbert_token)
    assert skipped.status == 200, skipped.text
    assert api.get("/me/survey", token=home.erika_token).json == {"pending": [], "version": None, "questions": []}
    clock.freeze(datetime.now(timezone.utc) + timedelta(days=366))
    try:
        assert len(api.get("/me/survey", token=home.norbert_token).json["pending"]) == 1
    finally:
        clock.freeze(None)
    never = publish(api, firm, [q["service_id"] for q in survey["questions"]], reask="never")
    assert never["version"] == 2
    assert api.get("/me/survey", token=home.norbert_token).json["pending"] == []


def test_bad_answers_change_nothing(api, firm, pump):
    home = portal_household(api, firm)
    tax, books = add_service(api, firm), add_service(api, firm, "Bookkeeping")
    old = publish(api, firm, [tax, books])
    new = publish(api, firm, [tax, books])
    token, cid = home.norbert_token, home.client_id
    assert_problem(answer(api, token, cid, old, {0}), 409)  # an earlier version
    mixed = {"client_id": cid, "version": 2, "answers": answers(old, {0})}
    bad = api.post("/me/survey/answers", mixed, token=token)
    assert_problem(bad, 400)
    assert {e["loc"] for e in bad.json["errors"]} >= {"body.answers.0.question_id", "body.answers"}
    missing = {"client_id": cid, "version": 2, "answers": answers(new, {0})[:1]}
    assert_problem(api.post("/me/survey/answers", missing, token=token), 400)
    extra = {"client_id": cid, "version": 2, "answers": answers(new, {0}) + answers(new, {0})[:1]}
    assert_problem(api.post("/me/survey/answers", extra, token=token), 400)
    assert_problem(api.post("/me/survey/answers", {"client_id": cid, "version": 2}, token=token), 400)
    assert_problem(api.post("/me/survey/answers", {**missing, "answers": "yes"}, token=token), 400)
    assert api.post(f"/services/{books}/retire", token=firm.token).status == 200
    pump()  # the survey learns from the stream that its question about the service is closed
    assert_problem(answer(api, token, cid, new, {1}), 422)  # a retired service
    pump()
    assert api.get("/opportunities/board", token=firm.token).json["items"][0]["open_count"] == 0
    assert api.get(f"/clients/{cid}/survey-answers", token=firm.token).json["items"] == []
    assert len(api.get("/me/survey", token=token).json["pending"]) == 1


def test_publishing_checks_its_services(api, firm, other_firm):
    tax = add_service(api, firm)
    theirs = add_service(api, other_firm)
    for questions in ([{"service_id": theirs, "text": "?"}],
                      [{"service_id": tax, "text": "a?"}, {"service_id": tax, "text": "b?"}]):
        assert_problem(api.request("PUT", "/survey", json={"reask": "never", "questions": questions},
                                   token=firm.token), 422)
    assert_problem(api.request("PUT", "/survey", json={"reask": "weekly", "questions": []}, token=firm.token), 400)
    assert api.get("/survey", token=firm.token).json["version"] == 0


def test_roles_and_other_firms(api, firm, other_firm):
    home = portal_household(api, firm)
    survey = publish(api, firm, [add_service(api, firm)])
    # The precondition: a published survey the client's own people are asked.
    assert survey["version"] == 1 and len(api.get("/me/survey", token=home.norbert_token).json["pending"]) == 1
    outsider = portal_household(api, firm, "Östberg Family", "ostberg.example")
    assert assert_problem(answer(api, outsider.norbert_token, home.client_id, survey, {0}), 404)["status"] == 404
    skipped = api.post("/me/survey/skip", {"client_id": home.client_id, "version": 1}, token=outsider.norbert_token)
    assert assert_problem(skipped, 404)["status"] == 404
    # Neither refusal touched the client: the survey still waits for its own people.
    assert len(api.get("/me/survey", token=home.norbert_token).json["pending"]) == 1
    assert_problem(api.get("/survey", token=home.norbert_token), 403)
    assert_problem(api.request("PUT", "/survey", json={"reask": "never", "questions": []},
                               token=home.norbert_token), 403)
    assert_problem(api.get("/me/survey", token=firm.token), 403)
    assert_problem(api.get(f"/clients/{home.client_id}/survey-answers", token=other_firm.token), 404)
    assert_problem(api.get(f"/clients/{home.client_id}/survey-answers", token=home.norbert_token), 403)
    assert api.get("/survey", token=other_firm.token).json["version"] == 0
    assert api.get("/opportunities/board", token=other_firm.token).json["items"] == []


def test_a_question_closes_with_its_retired_service_and_reopens_with_it(api, firm, pump):
    home = portal_household(api, firm)
    books = add_service(api, firm, "Bookkeeping")
    survey = publish(api, firm, [books])
    assert api.post(f"/services/{books}/retire", token=firm.token).status == 200
    pump()
    assert_problem(answer(api, home.norbert_token, home.client_id, survey, {0}), 422)
    assert api.post(f"/services/{books}/restore", token=firm.token).status == 200
    pump()
    assert answer(api, home.norbert_token, home.client_id, survey, {0}).status == 201
    pump()
    [submission] = api.get(f"/clients/{home.client_id}/survey-answers", token=firm.token).json["items"]
    assert submission["answers"][0]["service_name"] == "Bookkeeping" and len(submission["opened"]) == 1


def test_a_survey_without_questions_takes_no_answers(api, firm):
    home = portal_household(api, firm)
    empty = api.request("PUT", "/survey", json={"reask": "never", "questions": []}, token=firm.token)
    assert empty.status == 200 and empty.json["version"] == 1, empty.text
    refused = api.post("/me/survey/answers", {"client_id": home.client_id, "version": 1, "answers": []},
                       token=home.norbert_token)
    assert_problem(refused, 422)
    assert api.get(f"/clients/{home.client_id}/survey-answers", token=firm.token).json["items"] == []


def test_publishing_checks_the_services_as_their_changes_follow(api, firm, pump):
    tax, books = add_service(api, firm), add_service(api, firm, "Bookkeeping")
    assert api.post(f"/services/{books}/retire", token=firm.token).status == 200
    renamed = api.request("PATCH", f"/services/{tax}", json={"name": "Tax filing"}, token=firm.token)
    assert renamed.status == 200, renamed.text
    pump()  # the survey's copies of its services follow renames and retirements from the stream
    both = [{"service_id": tax, "text": "a?"}, {"service_id": books, "text": "b?"}]
    refused = assert_problem(api.request("PUT", "/survey", json={"reask": "never", "questions": both},
                                         token=firm.token), 422)
    assert [e["loc"] for e in refused["errors"]] == ["body.questions.1.service_id"]
    survey = publish(api, firm, [tax])
    assert survey["version"] == 1 and survey["questions"][0]["service_name"] == "Tax filing"
    again = api.request("PUT", "/survey", json={"reask": "never", "questions": []}, token=firm.token,
                        headers={"if-match": '"0"'})
    assert_problem(again, 412)
    assert api.get("/survey", token=firm.token).json == survey


def test_an_answer_followed_before_its_version_copy_is_filed_as_asked(api, firm):
    from chalicelib.store import FirmStore, keys
    from chalicelib.surveys.copies import follow_answer
    home = portal_household(api, firm)
    survey = publish(api, firm, [add_service(api, firm)])
    assert answer(api, home.norbert_token, home.client_id, survey, {0}).status == 201
    db = FirmStore.trusted(firm.id)
    assert db.get(keys.survey_version(1)) is None  # the version copy follows the publish from the stream
    work = db.work()
    follow_answer(None, db.get(keys.client_survey(home.client_id)), work)
    work.commit()
    [filed] = api.get(f"/clients/{home.client_id}/survey-answers", token=firm.token).json["items"]
    assert filed["version"] == 1 and filed["answers"][0]["service_name"] == "Tax return"
    assert len(filed["opened"]) == 1
