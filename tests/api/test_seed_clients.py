from chalicelib.core.principal import Principal
from local.seed_clients import seed_clients
from tests.support import login


def test_demo_clients_and_portal_login(api, firm, pump):
    me = api.get("/me", token=firm.token).json
    owner = Principal(firm_id=firm.id, user_id=me["user"]["id"], role="owner")
    email, password = seed_clients(owner, me["user"]["id"])
    token = login(api, firm.slug, email, password)["access_token"]
    names = sorted(c["display_name"] for c in api.get("/clients", token=token).json["items"])
    assert names == ["Lindqvist Boats", "Norbert & Ériká Lindqvist"]
    pump()  # search words and adoption counters follow from the stream
    assert len(api.get("/clients?q=lind", token=firm.token).json["items"]) == 2
    report = api.get("/reports/portal-adoption", token=firm.token).json["total"]
    assert report == {"professional_id": None, "clients": 3, "invited": 2, "accepted": 2, "active_30d": 2}
