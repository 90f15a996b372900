"""What an owner's principal carries of the firm's owners, and how a colleague's change
moves the firm's roll of professionals."""
from chalicelib.accounts.users import owners_known
from chalicelib.core.principal import Principal
from chalicelib.staff.professionals import roll_moves

OTTO = {"id": "U2", "name": "Otto", "email": "otto@x.example", "role": "owner", "status": "active",
        "created_at": "2026-01-01T00:00:00Z", "v": 4}


def _login(role, **more):
    return {"id": "U1", "name": "Olive", "email": "olive@x.example", "role": role, "status": "active",
            "created_at": "2026-01-01T00:00:00Z", "v": 2, "client_ids": [], "mfa_pending": True, **more}


def test_an_owner_carries_the_copies_and_their_own_login_as_read():
    portal = {"owner_U2": OTTO, "owner_U1": {**_login("owner"), "v": 1}, "option_prepayment": True}
    carried = owners_known(portal, _login("owner"))
    assert carried == {"U2": OTTO, "U1": {k: v for k, v in _login("owner").items()
                                          if k not in ("client_ids", "mfa_pending")}}
    assert owners_known(portal, _login("admin")) == {}


def test_the_owners_cross_the_gateway_as_carried():
    ctx = Principal("F1", "U1", "owner", owners={"U2": OTTO}).to_context()
    assert Principal.from_context(ctx).owners == {"U2": OTTO}
    assert Principal.from_context({**ctx, "owners": ""}).owners == {}


def test_a_colleague_joins_the_roll_when_their_login_opens_and_leaves_when_it_closes():
    invited, closed = {**OTTO, "status": "invited"}, {**OTTO, "status": "deactivated"}
    assert roll_moves(None, invited) == ({"professionals": {"U2"}}, {})
    assert roll_moves(invited, OTTO) == ({}, {})
    assert roll_moves(OTTO, closed) == ({}, {"professionals": {"U2"}})
    assert roll_moves(None, {**OTTO, "role": "client"}) == ({}, {})
