from datetime import timedelta

from chalicelib.core import clock
from tests.clients_support import create_client, entity, household, invite, portal_user
from tests.support import invite_staff


def _report(api, token, pump):
    """The report, once the stream has moved the counters."""
    pump()
    resp = api.get("/reports/portal-adoption", token=token)
    assert resp.status == 200, resp.text
    return resp.json


def _row(report, pro):
    return next(r for r in report["by_professional"] if r["professional_id"] == pro)


def test_adoption_per_professional_and_total(api, firm, pump):
    owner_id = api.get("/me", token=firm.token).json["user"]["id"]
    sam_id, sam = invite_staff(api, firm, pump, "sam@northwind.example")
    home = create_client(api, firm.token)                                     # owner's
    boats = create_client(api, sam, entity("Lindqvist Boats"))                # Sam's
    create_client(api, sam, entity("Quiet Co", email="q@quiet.example"))      # Sam's, never invited
    portal_user(api, firm.token, home["id"], home["primary_contact_id"], "norbert@lindqvist.example")
    assert invite(api, sam, boats["id"], boats["primary_contact_id"], "cfo@traders.example").status == 200
    report = _report(api, firm.token, pump)
    assert report["total"] == {"professional_id": None, "clients": 3, "invited": 2, "accepted": 1, "active_30d": 1}
    assert _row(report, owner_id) == {"professional_id": owner_id, "clients": 1, "invited": 1, "accepted": 1,
                                      "active_30d": 1}
    assert _row(report, sam_id) == {"professional_id": sam_id, "clients": 2, "invited": 1, "accepted": 0,
                                    "active_30d": 0}
    api.patch(f"/clients/{home['id']}", {"professional_id": sam_id}, token=firm.token)
    api.post(f"/clients/{boats['id']}/archive", token=firm.token)
    report = _report(api, sam, pump)
    assert _row(report, sam_id) == {"professional_id": sam_id, "clients": 2, "invited": 1, "accepted": 1,
                                    "active_30d": 1}
    assert all(r["professional_id"] != owner_id for r in report["by_professional"])


def test_activity_older_than_30_days_does_not_count(api, firm, pump):
    home = create_client(api, firm.token, household())
    clock.freeze(clock.now() - timedelta(days=40))
    try:
        portal_user(api, firm.token, home["id"], home["primary_contact_id"], "norbert@lindqvist.example")
    finally:
        clock.freeze(None)
    total = _report(api, firm.token, pump)["total"]
    assert total["accepted"] == 1 and total["active_30d"] == 0


def test_a_removed_portal_user_no_longer_makes_their_client_active(api, firm, pump):
    home = create_client(api, firm.token, household())
    portal_user(api, firm.token, home["id"], home["primary_contact_id"], "norbert@lindqvist.example")
    assert _report(api, firm.token, pump)["total"]["active_30d"] == 1
    removed = api.post(f"/clients/{home['id']}/contacts/{home['primary_contact_id']}/remove", token=firm.token)
    assert removed.status == 200, removed.text
    assert _report(api, firm.token, pump)["total"]["active_30d"] == 0


def test_report_roles_and_tenancy(api, firm, other_firm, pump):
    home = create_client(api, firm.token)
    client_token = portal_user(api, firm.token, home["id"], home["primary_contact_id"], "norbert@lindqvist.example")
    assert api.get("/reports/portal-adoption", token=client_token).status == 403
    assert _report(api, other_firm.token, pump)["total"]["clients"] == 0
    assert api.get("/reports/portal-adoption").status == 401
