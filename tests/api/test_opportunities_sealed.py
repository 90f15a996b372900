"""Reopening a dismissed opportunity, and making a room from one with an older id, with
the opportunity given back `sealed`: one write and no read; an opportunity changed since
is written again from the refusal (or 412 when the caller pinned a version); a seal that
is not this opportunity's is 422, a malformed one 400."""
import pytest

from tests.api.conftest import CALLS
from tests.api.test_errors import assert_problem
from tests.api.test_opportunities import _opportunity
from tests.api.test_opportunities_room import plain_ids  # noqa: F401 (a fixture)
from tests.survey_support import answer, board_counts, listed, publish

ONE_TRANSACTION = ["BatchGetItem", "TransactWriteItems"]  # the principal lookup, then the write


def _dismissed(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    dismissed = api.post(f"/opportunities/{oid}/dismiss", {"reason": "Not now"}, token=firm.token)
    assert dismissed.status == 200 and dismissed.json["sealed"]
    return home, sid, oid, dismissed.json


def _reopen(api, firm, oid, sealed, token=None, headers=None, note="Asked again"):
    return api.post(f"/opportunities/{oid}/reopen", {"note": note, "sealed": sealed}, token=token or firm.token,
                    headers=headers)


def _without_seal(view):
    return {k: v for k, v in view.items() if k != "sealed"}


def test_a_dismissed_one_reopens_with_its_seal_in_one_transaction(api, firm, pump):
    home, sid, oid, dismissed = _dismissed(api, firm, pump)
    reopened = _reopen(api, firm, oid, dismissed["sealed"])
    assert reopened.status == 200, reopened.text
    assert CALLS.of("dynamodb") == ONE_TRANSACTION
    assert (reopened.json["status"], reopened.json["version"]) == ("open", dismissed["version"] + 1)
    assert [(n["kind"], n["text"]) for n in reopened.json["notes"]] == [("dismissed", "Not now"),
                                                                         ("reopened", "Asked again")]
    stored = api.get(f"/opportunities/{oid}", token=firm.token).json
    assert _without_seal(reopened.json) == _without_seal(stored)  # answered as stored, though nothing was read
    assert reopened.json["sealed"] == stored["sealed"]
    assert board_counts(api, firm, pump)["Tax return"] == 1
    assert [(o["id"], o["status"]) for o in listed(api, firm, sid, "with_active_rooms=false", pump)] == [
        (oid, "open")]
    # The pair is claimed: a second yes opens no second opportunity.
    assert answer(api, home.erika_token, home.client_id, publish(api, firm, [sid]), {0}).status == 201
    assert [o["id"] for o in listed(api, firm, sid, pump=pump)] == [oid]


def test_the_listing_seals_each_opportunity_but_not_a_pairs_copy(api, firm, pump):
    home, sid, oid, dismissed = _dismissed(api, firm, pump)
    [item] = listed(api, firm, sid, "status=dismissed")
    assert item["sealed"] == dismissed["sealed"]
    reopened = _reopen(api, firm, oid, item["sealed"], note=None)
    assert reopened.status == 200 and CALLS.of("dynamodb") == ONE_TRANSACTION
    assert [o.get("sealed") for o in listed(api, firm, sid, "with_active_rooms=false", pump)] == [None]


def test_the_seal_at_the_version_pinned_is_one_transaction_and_an_older_pin_is_412(api, firm, pump):
    home, sid, oid, dismissed = _dismissed(api, firm, pump)
    stale = _reopen(api, firm, oid, dismissed["sealed"], headers={"if-match": f'"{dismissed["version"] - 1}"'})
    assert_problem(stale, 412)
    pinned = _reopen(api, firm, oid, dismissed["sealed"], headers={"if-match": f'"{dismissed["version"]}"'})
    assert pinned.status == 200 and CALLS.of("dynamodb") == ONE_TRANSACTION
    assert api.post(f"/opportunities/{oid}/dismiss", {"reason": "Again"}, token=firm.token).status == 200
    moved_on = _reopen(api, firm, oid, dismissed["sealed"], headers={"if-match": f'"{dismissed["version"]}"'})
    assert assert_problem(moved_on, 412)["detail"].startswith("The opportunity was changed by someone else")
    assert api.get(f"/opportunities/{oid}", token=firm.token).json["status"] == "dismissed"


def test_an_outdated_seal_is_written_again_from_the_opportunity_as_it_stands(api, firm, pump):
    home, sid, oid, dismissed = _dismissed(api, firm, pump)
    url = f"/opportunities/{oid}"
    assert api.post(f"{url}/reopen", {}, token=firm.token).status == 200
    assert api.post(f"{url}/dismiss", {"reason": "Still no"}, token=firm.token).status == 200
    again = _reopen(api, firm, oid, dismissed["sealed"])
    assert again.status == 200, again.text
    # bench/budget.py: the refused transaction returned the opportunity, reclaimed at its version
    assert CALLS.of("dynamodb") == ["BatchGetItem", "TransactWriteItems", "TransactWriteItems"]
    assert (again.json["version"], [n["kind"] for n in again.json["notes"]]) == (
        5, ["dismissed", "reopened", "dismissed", "reopened"])
    assert api.post(f"{url}/contacted", {"note": "Called"}, token=firm.token).status == 200
    contacted = _reopen(api, firm, oid, dismissed["sealed"])  # now contacted: the one UpdateItem reopens it
    assert contacted.status == 200 and contacted.json["status"] == "open"
    assert CALLS.of("dynamodb") == ["BatchGetItem", "TransactWriteItems", "UpdateItem"]
    refused = assert_problem(_reopen(api, firm, oid, dismissed["sealed"]), 409)
    assert refused["detail"] == "The opportunity is open; it cannot be reopened."
    assert board_counts(api, firm, pump)["Tax return"] == 1


def test_a_seal_of_another_opportunity_or_firm_is_422_and_a_malformed_one_400(api, firm, other_firm, pump):
    home, sid, oid, dismissed = _dismissed(api, firm, pump)
    _, _, other = _opportunity(api, firm, pump, home, name="Payroll")
    theirs = api.get(f"/opportunities/{other}", token=firm.token).json["sealed"]
    wrong = assert_problem(_reopen(api, firm, oid, theirs), 422)
    assert wrong["errors"][0]["loc"] == "body.sealed"
    body, signature = dismissed["sealed"].split(".")
    forged = f"{body}.{'A' * len(signature)}"
    assert_problem(_reopen(api, firm, oid, forged), 422)
    assert_problem(_reopen(api, other_firm, oid, dismissed["sealed"]), 422)
    for malformed in ("not sealed", "abc", f"{dismissed['sealed']}x", 42):
        assert_problem(_reopen(api, firm, oid, malformed), 400)
    for token in (home.norbert_token, home.erika_token):
        assert_problem(_reopen(api, firm, oid, dismissed["sealed"], token=token), 403)
    after = api.get(f"/opportunities/{oid}", token=firm.token).json
    assert (after["status"], after["version"]) == ("dismissed", dismissed["version"])


def test_a_sealed_reopen_is_refused_while_a_newer_opportunity_holds_the_pair(api, firm, pump):
    home, sid, oid, dismissed = _dismissed(api, firm, pump)
    pump()  # the dismissal frees the pair
    assert answer(api, home.erika_token, home.client_id, publish(api, firm, [sid]), {0}).status == 201
    assert board_counts(api, firm, pump)["Tax return"] == 1
    assert_problem(_reopen(api, firm, oid, dismissed["sealed"]), 409)
    assert CALLS.of("dynamodb") == ONE_TRANSACTION
    after = api.get(f"/opportunities/{oid}", token=firm.token).json
    assert (after["status"], after["version"]) == ("dismissed", dismissed["version"])
    assert board_counts(api, firm, pump)["Tax return"] == 1


def _convert(api, firm, oid, sealed, name="2025 tax return"):
    return api.post(f"/opportunities/{oid}/room", {"name": name, "sealed": sealed}, token=firm.token)


@pytest.mark.usefixtures("plain_ids")
def test_an_older_id_converts_with_its_seal_in_one_transaction(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    assert len(oid) == 26
    [item] = listed(api, firm, sid)
    made = _convert(api, firm, oid, item["sealed"])
    assert made.status == 201, made.text
    assert CALLS.of("dynamodb") == ONE_TRANSACTION
    room = made.json["room"]
    assert (room["client_id"], room["service_id"], room["client_name"]) == (home.client_id, sid, "Lindqvist Household")
    assert api.get(f"/opportunities/{oid}", token=firm.token).json["room_id"] == room["id"]
    refused = assert_problem(_convert(api, firm, oid, item["sealed"], "Again"), 409)
    assert refused["detail"] == "The opportunity is converted; it cannot be converted into a room."


@pytest.mark.usefixtures("plain_ids")
def test_an_older_id_with_an_outdated_seal_converts_from_the_refusal(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    sealed = api.get(f"/opportunities/{oid}", token=firm.token).json["sealed"]
    assert api.post(f"/opportunities/{oid}/contacted", {"note": "Called"}, token=firm.token).status == 200
    made = _convert(api, firm, oid, sealed)
    assert made.status == 201, made.text
    assert CALLS.of("dynamodb") == ["BatchGetItem", "TransactWriteItems", "TransactWriteItems"]
    after = api.get(f"/opportunities/{oid}", token=firm.token).json
    assert [n["kind"] for n in after["notes"]] == ["contacted", "converted"]


@pytest.mark.usefixtures("plain_ids")
def test_an_older_id_dismissed_since_its_seal_makes_no_room(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    sealed = api.get(f"/opportunities/{oid}", token=firm.token).json["sealed"]
    assert api.post(f"/opportunities/{oid}/dismiss", {"reason": "Not now"}, token=firm.token).status == 200
    assert assert_problem(_convert(api, firm, oid, sealed), 409)["detail"].startswith("The opportunity is dismissed")
    _, _, other = _opportunity(api, firm, pump, home, name="Payroll")
    assert assert_problem(_convert(api, firm, oid, sealed.replace(".", "x.", 1)), 422)
    theirs = api.get(f"/opportunities/{other}", token=firm.token).json["sealed"]
    assert assert_problem(_convert(api, firm, oid, theirs), 422)["errors"][0]["loc"] == "body.sealed"
    assert_problem(_convert(api, firm, oid, "not sealed"), 400)
    pump()
    assert api.get("/rooms", token=firm.token).json["items"] == []


def test_a_named_id_needs_no_seal_but_a_wrong_one_is_still_422(api, firm, pump):
    home, sid, oid = _opportunity(api, firm, pump)
    _, _, other = _opportunity(api, firm, pump, home, name="Payroll")
    theirs = api.get(f"/opportunities/{other}", token=firm.token).json["sealed"]
    assert assert_problem(_convert(api, firm, oid, theirs), 422)["errors"][0]["loc"] == "body.sealed"
    assert api.get(f"/opportunities/{oid}", token=firm.token).json["status"] == "open"
    ours = api.get(f"/opportunities/{oid}", token=firm.token).json["sealed"]
    made = _convert(api, firm, oid, ours)
    assert made.status == 201 and CALLS.of("dynamodb") == ONE_TRANSACTION
