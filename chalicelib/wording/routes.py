from chalicelib.core.api import Api, Call
from chalicelib.core.principal import FIRM_ROLES, MANAGERS
from chalicelib.wording import service
from chalicelib.wording.models import PreviewRequest, PreviewView, WordingsView, WordingUpdate

api = Api(__name__, "Wording")


@api.route("GET", "/firm/wording", roles=FIRM_ROLES, response=WordingsView,
           summary="The wording of the invitation and notification messages, with the variables they may use")
def read(call: Call):
    return service.read(call.me)


@api.route("PATCH", "/firm/wording", roles=MANAGERS, body=WordingUpdate, response=WordingsView,
           summary="Change the header or text of messages (null: back to the default)", errors=(400,))
def update(call: Call):
    return service.update(call.me, call.body)


@api.route("POST", "/firm/wording/preview", roles=FIRM_ROLES, body=PreviewRequest, response=PreviewView,
           summary="A message as a client would receive it, with sample values", errors=(400,))
def preview(call: Call):
    return service.preview(call.me, call.body)
