from chalicelib.clients.records import portal_status, with_portal
from chalicelib.clients.adoption import Tally


def _client(pro="p1", status="active", portal="none"):
    return {"professional_id": pro, "status": status, "portal_status": portal}


def test_a_new_invited_client_counts_once():
    tally = Tally()
    tally.move(None, _client(portal="invited"))
    assert dict(tally.deltas["p1"]) == {"clients": 1, "invited": 1, "accepted": 0}


def test_changing_professional_moves_the_counts():
    tally = Tally()
    tally.move(_client("p1", portal="active"), _client("p2", portal="active"))
    assert dict(tally.deltas["p1"]) == {"clients": -1, "invited": -1, "accepted": -1}
    assert dict(tally.deltas["p2"]) == {"clients": 1, "invited": 1, "accepted": 1}


def test_archived_clients_are_not_counted_and_one_item_gets_one_write():
    tally = Tally()
    tally.move(_client(portal="invited"), _client(status="archived", portal="invited"))
    tally.move(_client(), _client(portal="invited"))
    assert dict(tally.deltas["p1"]) == {"clients": -1, "invited": 0, "accepted": 0}


def test_portal_status_follows_the_counts():
    assert portal_status(0, 0) == "none" and portal_status(2, 0) == "invited" and portal_status(1, 1) == "active"
    assert with_portal({"portal_pending": 1}, -1, 1)["portal_status"] == "active"
