"""Demo clients of Northwind Advisory: a household whose co-owners share an email, the
household's company with one of them as an authorised user, and a trust; one portal
user already signed up so the README can print a client login."""
from __future__ import annotations

from chalicelib.clients import service as clients
from chalicelib.clients.models import ClientCreate
from chalicelib.clients import members as contacts
from chalicelib.contacts.models import ClientContactCreate, ContactLink
from chalicelib.core.principal import Principal
from chalicelib.invitations import acceptance
from chalicelib.invitations import service as invitations
from chalicelib.invitations.models import AcceptRequest, InviteRequest

CLIENT_LOGIN = ("norbert@lindqvist.example", "Northwind-Client-2026")
SHARED_HOME = "lindqvist.home@example.com"


def _client(owner: Principal, **fields) -> dict:
    made = clients.create(owner, ClientCreate.model_validate(fields))
    return {"id": made.id, "primary": made.primary_contact_id}


def _invite(owner: Principal, client: dict, contact_id: str, method: str, to: str) -> str:
    body = InviteRequest(method=method, to=to)
    return invitations.invite(owner, client["id"], contact_id, body).token


def seed_clients(owner: Principal, staff_user_id: str) -> tuple[str, str]:
    """Returns the (email, password) of the demo portal user."""
    home = _client(owner, kind="individual", display_name="Norbert & Ériká Lindqvist",
                   professional_id=staff_user_id, tags=["tax", "household"],
                   notes="Joint return; Ériká prefers texts.",
                   primary_contact={"first_name": "Norbert", "last_name": "Lindqvist",
                                    "emails": [{"address": CLIENT_LOGIN[0]},
                                               {"address": SHARED_HOME, "label": "home", "shared": True}],
                                    "phones": [{"number": "+15551230001", "kind": "mobile"}]})
    erika = contacts.add_to_client(owner, home["id"], ClientContactCreate.model_validate({
        "first_name": "Ériká", "last_name": "Lindqvist",
        "emails": [{"address": SHARED_HOME, "label": "home", "shared": True}, {"address": "erika@lindqvist.example"}],
        "phones": [{"number": "+15551230002", "kind": "mobile"}, {"number": "+15551230003", "kind": "home"}]}))
    boats = _client(owner, kind="entity", display_name="Lindqvist Boats", legal_name="Lindqvist Boats Ltd",
                    tags=["payroll"], primary_contact={"first_name": "Cora", "last_name": "Finch",
                                                       "emails": [{"address": "cora@lindqvistboats.example"}],
                                                       "phones": [{"number": "+15551230009", "kind": "work"}]})
    contacts.link_existing(owner, boats["id"], home["primary"], ContactLink())
    _client(owner, kind="entity", display_name="Östberg Family Trust", professional_id=staff_user_id,
            tags=["trust"], primary_contact={"first_name": "Olga", "last_name": "Östberg",
                                             "emails": [{"address": "olga@ostberg.example"}]})
    token = _invite(owner, home, home["primary"], "email", CLIENT_LOGIN[0])
    acceptance.accept(AcceptRequest(token=token, password=CLIENT_LOGIN[1]))
    _invite(owner, home, erika.id, "sms", "+15551230002")
    _invite(owner, boats, boats["primary"], "email", "cora@lindqvistboats.example")
    return CLIENT_LOGIN
