from chalicelib.contacts import service
from chalicelib.contacts.models import ClientContactCreate, ClientContactView, ContactLink, ContactUpdate, ContactView
from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import FIRM_ROLES

api = Api(__name__, "Contacts")


@api.route("GET", "/clients/{client_id}/contacts", roles=FIRM_ROLES, query=PageQuery,
           response=ListOf[ClientContactView], summary="A client's contacts with their portal access",
           errors=(400, 404))
def list_for_client(call: Call, client_id: str):
    return service.list_for_client(call.me, client_id, call.query.limit, call.query.cursor)


@api.route("POST", "/clients/{client_id}/contacts", roles=FIRM_ROLES, body=ClientContactCreate,
           response=ClientContactView, status=201, summary="Add a new person to a client",
           errors=(400, 404, 409, 422), idempotent=True)
def add(call: Call, client_id: str):
    return service.add_to_client(call.me, client_id, call.body)


@api.route("PUT", "/clients/{client_id}/contacts/{contact_id}", roles=FIRM_ROLES, body=ContactLink,
           response=ClientContactView, summary="Make an existing person a contact of this client too",
           errors=(400, 404, 409, 422))
def link(call: Call, client_id: str, contact_id: str):
    return service.link_existing(call.me, client_id, contact_id, call.body)


@api.route("DELETE", "/clients/{client_id}/contacts/{contact_id}", roles=FIRM_ROLES, status=204,
           summary="Remove a person from a client (not the primary contact)", errors=(404, 409))
def unlink(call: Call, client_id: str, contact_id: str):
    return service.unlink(call.me, client_id, contact_id)


@api.route("GET", "/contacts/{contact_id}", roles=FIRM_ROLES, response=ContactView,
           summary="A person, the clients they belong to and their portal access", errors=(404,))
def read(call: Call, contact_id: str):
    return service.read(call.me, contact_id)


@api.route("PATCH", "/contacts/{contact_id}", roles=FIRM_ROLES, body=ContactUpdate, response=ContactView,
           summary="Change a person's name, emails or phones (If-Match)", errors=(400, 404, 409, 412))
def update(call: Call, contact_id: str):
    return service.update(call.me, contact_id, call.body, call.if_match)
