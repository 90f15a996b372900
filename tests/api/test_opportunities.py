"""The opportunities board for staff: status changes with notes, the counters they move,
filters, the notification and the weekly digest; clients and other firms see nothing."""
from tests.api.test_errors import assert_problem
from tests.api.test_sweeps import TICK
from tests.rooms_support import add_service, portal_household
from tests.support import invite_staff, sent_emails
from tests.survey_support import answer, board_counts, listed, publish


def _opportunity(api, firm, pump, home=None, name="Tax return"):
    home = home or portal_household(api, firm)
    sid = add_service(api, firm, name)
    survey = publish(api, firm, [sid])
    assert answer(api, home.norbert_token, home.client_id, survey, {0}).status == 201
    return home, sid, listed(api, firm, sid, pump=pump)[0]["id"]  # opened from the stream


def test_contacted_dismissed_reopened_with_notes_and_counts(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    url = f"/opportunities/{oid}"
    contacted = api.post(f"{url}/contacted", {"note": "Called Norbert"}, token=firm.token)
    assert contacted.status == 200, contacted.text
    assert contacted.json["status"] == "contacted" and contacted.json["notes"][0]["text"] == "Called Norbert"
    assert board_counts(api, firm, pump)["Tax return"] == 0
    assert_problem(api.post(f"{url}/contacted", {"note": "again"}, token=firm.token), 409)
    assert [o["status"] for o in listed(api, firm, sid, "with_active_rooms=false", pump)] == ["contacted"]
    dismissed = api.post(f"{url}/dismiss", {"reason": "Has an accountant"}, token=firm.token)
    assert dismissed.json["status"] == "dismissed" and [n["kind"] for n in dismissed.json["notes"]] == [
        "contacted", "dismissed"]
    assert listed(api, firm, sid, "with_active_rooms=false", pump) == []
    assert [o["id"] for o in listed(api, firm, sid, "status=dismissed")] == [oid]
    assert listed(api, firm, sid, "status=open") == []
    reopened = api.post(f"{url}/reopen", {}, token=firm.token, headers={"if-match": f'"{dismissed.json["version"]}"'})
    assert reopened.status == 200 and reopened.json["status"] == "open"
    assert board_counts(api, firm, pump)["Tax return"] == 1
    assert_problem(api.post(f"{url}/dismiss", {"reason": "x"}, token=firm.token, headers={"if-match": '"1"'}), 412)


def test_reopen_refused_while_a_newer_opportunity_is_open(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    assert api.post(f"/opportunities/{oid}/dismiss", {"reason": "later"}, token=firm.token).status == 200
    pump()  # the dismissal frees the pair from the stream, a moment later
    survey = publish(api, firm, [sid])
    assert answer(api, home.erika_token, home.client_id, survey, {0}).status == 201
    assert board_counts(api, firm, pump)["Tax return"] == 1
    assert_problem(api.post(f"/opportunities/{oid}/reopen", {}, token=firm.token), 409)
    assert board_counts(api, firm, pump)["Tax return"] == 1


def test_bad_input_wrong_role_and_other_firm(api, firm, other_firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    url = f"/opportunities/{oid}"
    for path, body in ((f"{url}/contacted", {}), (f"{url}/dismiss", {"reason": ""}), (f"{url}/room", {"name": ""}),
                       (f"{url}/contacted", {"note": "x", "extra": 1})):
        assert_problem(api.post(path, body, token=firm.token), 400)
    assert_problem(api.get(f"/services/{sid}/opportunities?status=won", token=firm.token), 400)
    hiding_closed = api.get(f"/services/{sid}/opportunities?with_active_rooms=false&status=converted",
                            token=firm.token)
    assert (hiding_closed.status, hiding_closed.json["items"]) == (200, [])  # valid by the document: none listed
    for token in (home.norbert_token, home.erika_token):
        for resp in (api.get("/opportunities/board", token=token), api.get(url, token=token),
                     api.get(f"/services/{sid}/opportunities", token=token),
                     api.post(f"{url}/contacted", {"note": "x"}, token=token)):
            assert_problem(resp, 403)
            assert "open_count" not in resp.text and "notes" not in resp.json
    for resp in (api.get(url, token=other_firm.token), api.post(f"{url}/contacted", {"note": "x"},
                                                                token=other_firm.token),
                 api.post(f"{url}/room", {"name": "Theirs"}, token=other_firm.token)):
        assert_problem(resp, 404)
    assert api.get(f"/services/{sid}/opportunities", token=other_firm.token).json["items"] == []
    assert api.get(url, token=firm.token).json["status"] == "open"


def test_professional_filter_notification_and_weekly_digest(api, firm, pump):
    pro, _ = invite_staff(api, firm, pump, "pat@northwind.example", name="Pat Pro")
    home = portal_household(api, firm)
    assert api.patch(f"/clients/{home.client_id}", {"professional_id": pro}, token=firm.token).status == 200
    home, sid, oid = _opportunity(api, firm, pump, home)
    assert [o["id"] for o in listed(api, firm, sid, f"professional_id={pro}")] == [oid]
    assert listed(api, firm, sid, "professional_id=someone-else") == []
    from chalicelib.store import FirmStore, keys
    notes = FirmStore.trusted(firm.id).query(keys.notifications(pro)).items
    assert [n["kind"] for n in notes] == ["opportunities_opened"] and notes[0]["preview"] == "Tax return"
    pump()
    before = len(sent_emails())
    from app import opportunity_digest
    assert opportunity_digest(TICK, None) == {"digests": 1}
    pump()
    digest = sent_emails()[before:]
    assert len(digest) == 1 and digest[0].destinations["ToAddresses"] == ["pat@northwind.example"]
    assert "Lindqvist Household: Tax return" in digest[0].body


CHANGES = (("contacted", {"note": "Called"}), ("dismiss", {"reason": "Not now"}), ("reopen", {}))


def test_each_change_answers_404_for_an_unknown_malformed_or_other_firms_id(api, firm, other_firm, pump):
    from chalicelib.core.ids import new_id
    home, sid, oid = _opportunity(api, firm, pump)
    for change, body in CHANGES:
        for token, bad in ((firm.token, new_id()), (firm.token, "nothing"), (firm.token, f"{oid}X"),
                           (firm.token, "no-such.id"), (other_firm.token, oid)):
            assert_problem(api.post(f"/opportunities/{bad}/{change}", body, token=token), 404)
    assert api.get(f"/opportunities/{oid}", token=firm.token).json["status"] == "open"
    assert board_counts(api, firm, pump)["Tax return"] == 1


def test_each_change_refuses_a_state_it_does_not_start_from_and_a_stale_version(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    url = f"/opportunities/{oid}"
    refused = assert_problem(api.post(f"{url}/reopen", {}, token=firm.token), 409)
    assert refused["detail"] == "The opportunity is open; it cannot be reopened."
    for change, body in CHANGES[:2]:
        stale = api.post(f"{url}/{change}", body, token=firm.token, headers={"if-match": '"7"'})
        assert assert_problem(stale, 412)["detail"].startswith("The opportunity was changed by someone else")
    dismissed = api.post(f"{url}/dismiss", {"reason": "Not now"}, token=firm.token)
    assert dismissed.status == 200 and dismissed.json["version"] == 2
    for change, body in CHANGES[:2]:
        refused = assert_problem(api.post(f"{url}/{change}", body, token=firm.token), 409)
        assert refused["detail"].startswith("The opportunity is dismissed; it cannot be")
    assert_problem(api.post(f"{url}/reopen", {}, token=firm.token, headers={"if-match": '"1"'}), 412)
    after = api.get(url, token=firm.token).json
    assert (after["status"], after["version"], [n["kind"] for n in after["notes"]]) == ("dismissed", 2, ["dismissed"])
    assert board_counts(api, firm, pump)["Tax return"] == 0


def test_the_pair_and_the_open_count_follow_every_change(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    url = f"/opportunities/{oid}"
    steps = (("contacted", {"note": "Called"}, "contacted", 0), ("reopen", {"note": "Call again"}, "open", 1),
             ("dismiss", {"reason": "Not now"}, "dismissed", 0), ("reopen", {}, "open", 1),
             ("contacted", {"note": "Called again"}, "contacted", 0), ("dismiss", {"reason": "No"}, "dismissed", 0))
    for n, (change, body, status, open_count) in enumerate(steps):
        done = api.post(f"{url}/{change}", body, token=firm.token)
        assert done.status == 200, done.text
        assert (done.json["status"], done.json["version"], len(done.json["notes"])) == (status, n + 2, n + 1)
        assert done.json["client_name"] == "Lindqvist Household" and done.json["answered_by_name"] == "Norbert Lindqvist"
        assert board_counts(api, firm, pump)["Tax return"] == open_count
        live = listed(api, firm, sid, "with_active_rooms=false", pump)
        assert [(o["id"], o["status"]) for o in live] == ([] if status == "dismissed" else [(oid, status)])
        assert all(o["client_name"] == "Lindqvist Household" and o["survey_version"] == 1 for o in live)
    assert [o["status"] for o in listed(api, firm, sid)] == ["dismissed"]


def test_a_change_made_before_the_stream_catches_up_keeps_the_newer_copy(api, firm, pump):
    """Dismissed and reopened within a moment: the dismissal's late release of the pair
    finds a newer claim and leaves it, and the counts still add up."""
    home, sid, oid = _opportunity(api, firm, pump)
    url = f"/opportunities/{oid}"
    assert api.post(f"{url}/dismiss", {"reason": "Not now"}, token=firm.token).status == 200
    reopened = api.post(f"{url}/reopen", {}, token=firm.token)
    assert reopened.status == 200, reopened.text
    assert board_counts(api, firm, pump)["Tax return"] == 1
    assert [(o["id"], o["status"]) for o in listed(api, firm, sid, "with_active_rooms=false", pump)] == [
        (oid, "open")]
    # The pair is still held: a second live opportunity of the pair is refused.
    survey = publish(api, firm, [sid])
    assert answer(api, home.erika_token, home.client_id, survey, {0}).status == 201
    assert [o["id"] for o in listed(api, firm, sid, pump=pump)] == [oid]
    assert board_counts(api, firm, pump)["Tax return"] == 1


def test_reopening_a_contacted_one_is_one_write_and_a_dismissed_one_claims_its_pair(api, firm, pump):
    from tests.api.conftest import CALLS
    home, sid, oid = _opportunity(api, firm, pump)
    url = f"/opportunities/{oid}"
    assert api.post(f"{url}/contacted", {"note": "Called"}, token=firm.token).status == 200
    assert api.post(f"{url}/reopen", {}, token=firm.token).status == 200
    assert CALLS.of("dynamodb") == ["BatchGetItem", "UpdateItem"]  # the principal lookup, one UpdateItem
    assert api.post(f"{url}/dismiss", {"reason": "Not now"}, token=firm.token).status == 200
    reopened = api.post(f"{url}/reopen", {"note": "Asked again"}, token=firm.token)
    assert reopened.status == 200 and reopened.json["notes"][-1]["text"] == "Asked again"
    # bench/budget.py: the refused first write returns the opportunity whose pair is claimed
    assert CALLS.of("dynamodb") == ["BatchGetItem", "UpdateItem", "TransactWriteItems"]
