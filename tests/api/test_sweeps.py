from datetime import timedelta

from app import sweep
from chalicelib.core import clock
from tests.clients_support import create_client, invitation_token, invite, pump_now
from tests.support import PASSWORD

EMAIL = "norbert@lindqvist.example"
TICK = {"version": "0", "id": "tick", "detail-type": "Scheduled Event", "source": "aws.events",
        "account": "123456789012", "time": "2030-01-01T00:00:00Z", "region": "us-east-1",
        "resources": [], "detail": {}}


def test_sweep_marks_due_invitations_expired(api, firm, other_firm):
    due = create_client(api, firm.token)
    fresh = create_client(api, other_firm.token)
    assert invite(api, firm.token, due["id"], due["primary_contact_id"], EMAIL).status == 200
    assert sweep(TICK, None) == {"expired": 0, "purged": 0, "abandoned": 0}
    clock.freeze(clock.now() + timedelta(days=8))
    try:
        assert invite(api, other_firm.token, fresh["id"], fresh["primary_contact_id"], EMAIL).status == 200
        assert sweep(TICK, None) == {"expired": 1, "purged": 0, "abandoned": 0}
        assert sweep(TICK, None) == {"expired": 0, "purged": 0, "abandoned": 0}
    finally:
        clock.freeze(None)
    pump_now()
    assert api.get(f"/clients/{due['id']}", token=firm.token).json["portal_status"] == "none"
    contact = api.get(f"/contacts/{due['primary_contact_id']}", token=firm.token).json
    assert contact["portal"]["status"] == "expired"
    pump_now()
    assert api.post("/invitations/accept", {"token": invitation_token(EMAIL), "password": PASSWORD}).status == 200


def test_an_expired_contact_can_be_invited_again(api, firm):
    made = create_client(api, firm.token)
    invite(api, firm.token, made["id"], made["primary_contact_id"], EMAIL)
    clock.freeze(clock.now() + timedelta(days=8))
    try:
        sweep(TICK, None)
        again = invite(api, firm.token, made["id"], made["primary_contact_id"], EMAIL)
        assert again.status == 200 and again.json["status"] == "pending"
    finally:
        clock.freeze(None)
    pump_now()
    assert api.get(f"/clients/{made['id']}", token=firm.token).json["portal_status"] == "invited"
