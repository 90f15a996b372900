from chalicelib.clients import members, service
from chalicelib.clients.models import (ClientClientView, ClientCreate, ClientListQuery, ClientStaffView,
                                       ClientSummaryView, ClientUpdate)
from chalicelib.contacts.models import (ClientContactCreate, ClientContactView, PersonSealed, SealedClientContact,
                                        SealedLink)
from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import FIRM_ROLES

api = Api(__name__, "Clients")
# A client's contacts: documented with the people they are, served with the client they join.
contacts_api = Api(__name__, "Contacts")


@api.route("POST", "/clients", roles=FIRM_ROLES, body=ClientCreate, response=ClientStaffView, status=201,
           summary="Create a client with its primary contact", errors=(400, 409, 422), idempotent=True)
def create(call: Call):
    return service.create(call.me, call.body)


@api.route("GET", "/clients", query=ClientListQuery,
           response=ListOf[ClientSummaryView], client_response=ListOf[ClientClientView],
           summary="Staff: list or search clients (q = prefix of any word). Portal user: their own clients",
           errors=(400,))
def list_clients(call: Call):
    return service.list_clients(call.me, call.query)


@api.route("GET", "/clients/{client_id}", response=ClientStaffView, client_response=ClientClientView,
           summary="A client (portal users see no internal fields)", errors=(404,))
def read(call: Call, client_id: str):
    return service.read(call.me, client_id)


@api.route("PATCH", "/clients/{client_id}", roles=FIRM_ROLES, body=ClientUpdate, response=ClientStaffView,
           summary="Change a client (If-Match: the version from its ETag)", errors=(400, 404, 412, 422))
def update(call: Call, client_id: str):
    return service.update(call.me, client_id, call.body, call.if_match)


@api.route("POST", "/clients/{client_id}/archive", roles=FIRM_ROLES, response=ClientStaffView,
           summary="Archive a client: hidden from lists and from its portal users", errors=(404, 409, 412))
def archive(call: Call, client_id: str):
    return service.set_status(call.me, client_id, "archived", call.if_match)


@api.route("POST", "/clients/{client_id}/restore", roles=FIRM_ROLES, response=ClientStaffView,
           summary="Restore an archived client", errors=(404, 409, 412))
def restore(call: Call, client_id: str):
    return service.set_status(call.me, client_id, "active", call.if_match)


@contacts_api.route("GET", "/clients/{client_id}/contacts", roles=FIRM_ROLES, query=PageQuery,
                    response=ListOf[SealedClientContact], summary="A client's contacts with their portal access",
                    errors=(400, 404))
def list_for_client(call: Call, client_id: str):
    return members.list_for_client(call.me, client_id, call.query.limit, call.query.cursor)


@contacts_api.route("POST", "/clients/{client_id}/contacts", roles=FIRM_ROLES, body=ClientContactCreate,
                    response=ClientContactView, status=201, summary="Add a new person to a client",
                    errors=(400, 404, 409, 422), idempotent=True)
def add(call: Call, client_id: str):
    return members.add_to_client(call.me, client_id, call.body)


@contacts_api.route("PUT", "/clients/{client_id}/contacts/{contact_id}", roles=FIRM_ROLES, body=SealedLink,
                    response=ClientContactView, summary="Make an existing person a contact of this client too",
                    errors=(400, 404, 409, 412, 422))
def link(call: Call, client_id: str, contact_id: str):
    return members.link_existing(call.me, client_id, contact_id, call.body, call.body.sealed)


@contacts_api.route("DELETE", "/clients/{client_id}/contacts/{contact_id}", roles=FIRM_ROLES, status=204,
                    query=PersonSealed, summary="Remove a person from a client (not the primary contact)",
                    errors=(400, 404, 409, 412, 422))
def unlink(call: Call, client_id: str, contact_id: str):
    return members.unlink(call.me, client_id, contact_id, call.query.sealed)
