"""Clients, contacts, portal invitations and the adoption report. The member's client is
the target of the client routes; the contact routes target a third person (Tess) on that
client, so inviting or removing her locks no persona out."""
from __future__ import annotations

from tests.clients_support import household, invitation_token
from tests.security.world import World, open_to_everyone
from tests.support import PASSWORD

ORDER = 20  # other domains may hang their resources on the world's client and portal users

ANON = 401
STAFF_ONLY = {"anonymous": ANON, "other_owner": 404, "client_outsider": 403, "client_member": 403,
              "staff": 200, "admin": 200, "owner": 200}
EVERY_FIRM = {"anonymous": ANON, "other_owner": 200, "client_outsider": 403, "client_member": 403,
              "staff": 200, "admin": 200, "owner": 200}


def _with(row: dict[str, int], **changes: int) -> dict[str, int]:
    return {**row, **changes}


EXPECTED = {
    ("POST", "/clients"): _with(EVERY_FIRM, other_owner=201, staff=201, admin=201, owner=201),
    ("GET", "/clients"): _with(EVERY_FIRM, client_outsider=200, client_member=200),
    ("GET", "/clients/{client_id}"): _with(STAFF_ONLY, client_outsider=404, client_member=200),
    ("PATCH", "/clients/{client_id}"): dict(STAFF_ONLY),
    ("POST", "/clients/{client_id}/archive"): dict(STAFF_ONLY),
    ("POST", "/clients/{client_id}/restore"): dict(STAFF_ONLY),
    ("GET", "/clients/{client_id}/contacts"): dict(STAFF_ONLY),
    ("POST", "/clients/{client_id}/contacts"): _with(STAFF_ONLY, staff=201, admin=201, owner=201),
    ("PUT", "/clients/{client_id}/contacts/{contact_id}"): dict(STAFF_ONLY),
    ("DELETE", "/clients/{client_id}/contacts/{contact_id}"): _with(STAFF_ONLY, staff=204, admin=204, owner=204),
    ("GET", "/contacts/{contact_id}"): dict(STAFF_ONLY),
    ("PATCH", "/contacts/{contact_id}"): dict(STAFF_ONLY),
    ("POST", "/clients/{client_id}/contacts/{contact_id}/invite"): dict(STAFF_ONLY),
    ("POST", "/clients/{client_id}/contacts/{contact_id}/remove"): dict(STAFF_ONLY),
    ("GET", "/invitations/{token}"): open_to_everyone(),
    ("POST", "/invitations/accept"): open_to_everyone(),
    ("GET", "/reports/portal-adoption"): dict(EVERY_FIRM),
}

TARGET_EMAIL = "tess.target@northwind.example"


def _ok(resp, *statuses: int):
    assert resp.status in (statuses or (200, 201, 204)), resp.text
    return resp.json


def _client(world: World, name: str, first: str, email: str) -> tuple[str, str]:
    made = _ok(world.api.post("/clients", household(display_name=name, primary_contact={
        "first_name": first, "emails": [{"address": email}], "phones": [{"number": "+15551230001"}]}),
        token=world.firm.token))
    return made["id"], made["primary_contact_id"]


def _person(world: World, client_id: str, first: str, email: str) -> str:
    return _ok(world.api.post(f"/clients/{client_id}/contacts", {"first_name": first, "emails": [{"address": email}]},
                              token=world.firm.token))["id"]


def _invite(world: World, client_id: str, contact_id: str, email: str) -> str:
    _ok(world.api.post(f"/clients/{client_id}/contacts/{contact_id}/invite", {"method": "email", "to": email},
                       token=world.firm.token))
    world.pump()
    return invitation_token(email)


def _accept(world: World, token: str) -> str:
    return _ok(world.api.post("/invitations/accept", {"token": token, "password": PASSWORD}))["access_token"]


OWN_WORLDS = (("PUT", "/clients/{client_id}/contacts/{contact_id}"),)


def setup(api, world: World) -> None:
    member_client, member = _client(world, "Lindqvist Household", "Norbert", "member@lindqvist.example")
    outsider_client, outsider = _client(world, "Östberg Family", "Olga", "outsider@ostberg.example")
    world.tokens["client_member"] = _accept(world, _invite(world, member_client, member, "member@lindqvist.example"))
    world.tokens["client_outsider"] = _accept(world, _invite(world, outsider_client, outsider,
                                                             "outsider@ostberg.example"))
    target = _person(world, member_client, "Tess", TARGET_EMAIL)
    world.ids.update(client_id=member_client, contact_id=target, cid=target)
    if world.route in OWN_WORLDS:
        world.ids["contact_id"] = _person(world, outsider_client, "Pia", "pia.spare@ostberg.example")
    world.ids["token"] = _invite(world, member_client, target, TARGET_EMAIL)


def prepare(world: World, method: str, path: str) -> None:
    """Puts back what the previous persona's successful request changed."""
    owner, client_id, contact_id = world.firm.token, world.ids["client_id"], world.ids["contact_id"]
    base = f"/clients/{client_id}"
    undo = {
        "/clients/{client_id}/archive": ("POST", f"{base}/restore", None),
        "/clients/{client_id}/restore": ("POST", f"{base}/archive", None),
        "/clients/{client_id}/contacts/{contact_id}/remove": (
            "POST", f"{base}/contacts/{contact_id}/invite", {"method": "email", "to": TARGET_EMAIL}),
    }.get(path)
    if (method, path) == ("PUT", "/clients/{client_id}/contacts/{contact_id}"):
        undo = ("DELETE", f"{base}/contacts/{contact_id}", None)
    if (method, path) == ("DELETE", "/clients/{client_id}/contacts/{contact_id}"):
        undo = ("PUT", f"{base}/contacts/{contact_id}", {})
    if undo:
        world.api.request(undo[0], undo[1], json=undo[2], token=owner)


def body(world: World, method: str, path: str):
    if (method, path) == ("POST", "/clients"):
        return household(display_name=world.unique("Matrix Client "))
    if (method, path) == ("PATCH", "/clients/{client_id}"):
        return {"tags": ["matrix"]}
    if (method, path) == ("POST", "/clients/{client_id}/contacts"):
        return {"first_name": "Mia", "emails": [{"address": f"{world.unique('mia')}@northwind.example"}]}
    if (method, path) == ("PUT", "/clients/{client_id}/contacts/{contact_id}"):
        return {}
    if (method, path) == ("PATCH", "/contacts/{contact_id}"):
        return {"first_name": "Tessa"}
    if path.endswith("/invite"):
        return {"method": "email", "to": TARGET_EMAIL}
    if (method, path) == ("POST", "/invitations/accept"):
        email = f"{world.unique('newcomer')}@lindqvist.example"
        person = _person(world, world.ids["client_id"], "Nova", email)
        return {"token": _invite(world, world.ids["client_id"], person, email), "password": PASSWORD}
    return None
