from chalicelib.contacts import service
from chalicelib.contacts.models import ContactUpdate, SealedContactView
from chalicelib.core.api import Api, Call
from chalicelib.core.principal import FIRM_ROLES

api = Api(__name__, "Contacts")


@api.route("GET", "/contacts/{contact_id}", roles=FIRM_ROLES, response=SealedContactView,
           summary="A person, the clients they belong to and their portal access", errors=(404,))
def read(call: Call, contact_id: str):
    return service.read(call.me, contact_id)


@api.route("PATCH", "/contacts/{contact_id}", roles=FIRM_ROLES, body=ContactUpdate, response=SealedContactView,
           summary="Change a person's name, emails or phones (If-Match)", errors=(400, 404, 409, 412, 422))
def update(call: Call, contact_id: str):
    return service.update(call.me, contact_id, call.body, call.if_match)
