"""`python -m chalicelib.backfill`: items stored before their copies (written here in their
old shape) get them, after which the routes that trust the copies answer within their
budget; a rerun changes nothing, and one firm's run leaves another firm alone."""
import boto3
import pytest

from chalicelib.backfill import STEPS, every_firm, run
from chalicelib.backfill.__main__ import main
from chalicelib.clients import contact_ids
from chalicelib.store import FirmStore, keys
from chalicelib.store.work import Refused
from tests.api.test_errors import assert_problem
from tests.clients_support import create_client, last_calls
from tests.rooms_support import add_service
from tests.support import invite_staff
from tests.survey_support import publish

NOTHING = {name: 0 for name, _ in STEPS}


@pytest.fixture
def table(aws):
    return boto3.resource("dynamodb").Table(aws["ATRIUM_TABLE"])


def _as_before(table, firm_id, key, *attributes):
    """The item as it was stored before it kept `attributes`."""
    table.update_item(Key=FirmStore.trusted(firm_id).place(key),
                      UpdateExpression="REMOVE " + ", ".join(f"#a{n}" for n in range(len(attributes))),
                      ExpressionAttributeNames={f"#a{n}": a for n, a in enumerate(attributes)})


def _stored(firm_id, key):
    return FirmStore.trusted(firm_id).get(key, consistent=True)


def _old_firm(api, firm, pump, table):
    """A firm whose firm item, portal item, client and survey predate their copies: the
    roll, the client's contacts' ids and the survey's copy of a service."""
    made = create_client(api, firm.token)
    erika = api.post(f"/clients/{made['id']}/contacts", {"first_name": "Erika"}, token=firm.token).json["id"]
    sam, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    service = api.post("/services", {"name": "Payroll"}, token=firm.token).json["id"]
    pump()
    for key in (keys.firm(), keys.portal_options()):
        _as_before(table, firm.id, key, "professionals", "professionals_whole")
    _as_before(table, firm.id, keys.client(made["id"]), "contact_ids")
    _as_before(table, firm.id, keys.survey(), f"offered_{service}")
    return made, erika, sam, service


def _patch(api, firm, client_id, body):
    return api.patch(f"/clients/{client_id}", body, token=firm.token)


def test_old_items_are_refused_safely_before_the_backfill_and_fit_the_budget_after(api, firm, pump, table):
    made, erika, sam, service = _old_firm(api, firm, pump, table)
    owner = api.get("/me", token=firm.token).json["user"]["id"]
    # Before: a copy that is missing never lets a write through; it refuses it.
    assert_problem(_patch(api, firm, made["id"], {"primary_contact_id": erika}), 404)
    assert last_calls() == 2
    assert_problem(_patch(api, firm, made["id"], {"professional_id": sam}), 422)
    assert last_calls() == 1  # refused on the roll the principal carries, before any write
    changed = run(firm.id)
    assert changed == {**NOTHING, "roll of professionals (firm and portal items)": 2,
                       "clients' copies of their contacts' ids": 1, "survey's copies of the services": 1}
    for key in (keys.firm(), keys.portal_options()):
        stored = _stored(firm.id, key)
        assert (set(stored["professionals"]), stored["professionals_whole"]) == ({owner, sam}, True)
    assert _stored(firm.id, keys.client(made["id"]))["contact_ids"] == sorted([made["primary_contact_id"], erika])
    moved = _patch(api, firm, made["id"], {"primary_contact_id": erika, "professional_id": sam})
    assert (moved.status, moved.json["primary_contact_id"], moved.json["professional_id"]) == (200, erika, sam)
    assert last_calls() == 2
    named = api.patch("/firm", {"settings": {"default_professional_id": sam}}, token=firm.token)
    assert (named.status, last_calls()) == (200, 2), named.text
    assert publish(api, firm, [service])["questions"][0]["service_id"] == service
    assert last_calls() == 2


def test_a_rerun_changes_nothing(api, firm, pump, table):
    made, *_ = _old_firm(api, firm, pump, table)
    run(firm.id)
    before = [_stored(firm.id, k) for k in (keys.firm(), keys.portal_options(), keys.client(made["id"]))]
    assert run(firm.id) == NOTHING
    assert [_stored(firm.id, k) for k in (keys.firm(), keys.portal_options(), keys.client(made["id"]))] == before


def test_a_closed_colleague_stays_off_the_roll_and_a_client_keeps_only_its_links(api, firm, pump, table):
    made, erika, sam, _ = _old_firm(api, firm, pump, table)
    assert api.post(f"/staff/{sam}/deactivate", token=firm.token).status == 200
    assert api.delete(f"/clients/{made['id']}/contacts/{erika}", token=firm.token).status == 204
    pump()
    owner = api.get("/me", token=firm.token).json["user"]["id"]
    gathered = FirmStore.trusted(firm.id).work()  # a roll the stream gathered since it was kept: not whole
    gathered.count(keys.firm(), {"professionals": {owner}})
    gathered.commit()
    assert run(firm.id)["roll of professionals (firm and portal items)"] == 2
    assert _stored(firm.id, keys.firm())["professionals"] == [owner]
    assert_problem(_patch(api, firm, made["id"], {"professional_id": sam}), 422)
    assert_problem(_patch(api, firm, made["id"], {"primary_contact_id": erika}), 404)
    assert _stored(firm.id, keys.client(made["id"]))["contact_ids"] == [made["primary_contact_id"]]


def test_a_link_gone_meanwhile_is_not_copied(api, firm, pump, table):
    """The copy commits with a check that each link it copies still exists."""
    made, erika, *_ = _old_firm(api, firm, pump, table)
    with pytest.raises(Refused):
        contact_ids._copy(FirmStore.trusted(firm.id), made["id"], [erika, "01GONE"])
    assert "contact_ids" not in _stored(firm.id, keys.client(made["id"]))


def test_one_firms_run_leaves_another_firm_alone(api, firm, other_firm, pump, table):
    made, erika, *_ = _old_firm(api, firm, pump, table)
    assert run(other_firm.id) == NOTHING
    assert "contact_ids" not in _stored(firm.id, keys.client(made["id"]))
    assert "professionals_whole" not in _stored(firm.id, keys.firm())
    run(firm.id)
    assert_problem(_patch(api, other_firm, made["id"], {"primary_contact_id": erika}), 404)


def test_the_command_runs_every_firm_when_none_is_named(api, firm, other_firm, capsys):
    assert set(every_firm()) == {firm.id, other_firm.id}
    main([])
    printed = capsys.readouterr().out.splitlines()
    assert {line.split("\t")[0] for line in printed} == {firm.id, other_firm.id}
    assert all(line.endswith("\t0") for line in printed)  # sign-up writes every copy


def _listed_definition(table, firm_id, service_id):
    """A definition as edits stored it before each entry was its own attribute."""
    place = FirmStore.trusted(firm_id).place
    table.put_item(Item={**place(keys.service_timeline(service_id)), "type": "service_timeline",
                         "service_id": service_id, "v": 2,
                         "steps": [{"id": "S1", "name": "Gathering", "retired": False},
                                   {"id": "S0", "name": "Paperwork", "retired": True}],
                         "phases": [{"id": "P1", "name": "Intake", "step_id": "S1", "retired": False},
                                    {"id": "P0", "name": "Chasing", "step_id": "S0", "retired": True}]})


def test_timeline_definitions_become_entries_and_an_edit_fits_the_budget(api, firm, pump, table):
    listed, never_edited = add_service(api, firm), add_service(api, firm, "Payroll")
    _listed_definition(table, firm.id, listed)
    table.delete_item(Key=FirmStore.trusted(firm.id).place(keys.service_timeline(never_edited)))
    assert run(firm.id)["timeline definitions as entries"] == 2
    shown = api.get(f"/services/{listed}/timeline", token=firm.token).json
    assert [(s["id"], s["name"], s["retired"]) for s in shown["steps"]] == [("S1", "Gathering", False),
                                                                          ("S0", "Paperwork", True)]
    assert [(p["id"], p["step_id"], p["retired"]) for p in shown["phases"]] == [("P1", "S1", False),
                                                                              ("P0", "S0", True)]
    assert shown["version"] == 3 and "steps" not in _stored(firm.id, keys.service_timeline(listed))
    pump()  # the phase items a move reads follow the new version
    assert _stored(firm.id, keys.phase("P1"))["steps"] == [{"id": "S1", "name": "Gathering"}]
    edited = api.request("PUT", f"/services/{listed}/timeline", token=firm.token, headers={"If-Match": '"3"'},
                         json={"steps": [{"id": "S1", "name": "Gathering"}], "phases": [
                             {"id": "P1", "name": "Intake", "step_id": "S1"}, {"name": "Review"}]})
    assert (edited.status, last_calls()) == (200, 2), edited.text
    made = api.request("PUT", f"/services/{never_edited}/timeline", token=firm.token,
                       json={"steps": [{"name": "Start"}], "phases": [{"name": "Begin", "step": 0}]})
    assert (made.status, last_calls()) == (200, 2), made.text
    assert run(firm.id)["timeline definitions as entries"] == 0


def test_links_get_their_people_and_the_contacts_page_is_one_query(api, firm, pump, table):
    made, erika, *_ = _old_firm(api, firm, pump, table)
    _as_before(table, firm.id, keys.client_contact(made["id"], erika), "person")
    before = api.get(f"/clients/{made['id']}/contacts", token=firm.token).json["items"]
    assert [c["id"] for c in before] == [made["primary_contact_id"]]  # left out until it has its copy
    assert run(firm.id)["contact links' copies of their people"] == 1
    page = api.get(f"/clients/{made['id']}/contacts", token=firm.token)
    assert (page.status, last_calls()) == (200, 2), page.text
    assert {(c["id"], c["first_name"]) for c in page.json["items"]} == {(made["primary_contact_id"], "Norbert"),
                                                                         (erika, "Erika")}
    assert run(firm.id)["contact links' copies of their people"] == 0
