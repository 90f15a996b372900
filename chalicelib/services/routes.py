from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.principal import FIRM_ROLES, MANAGERS
from chalicelib.services import service
from chalicelib.services.models import ServiceCreate, ServiceQuery, ServiceUpdate, ServiceView
from chalicelib.services.records import ACTIVE, RETIRED

api = Api(__name__, "Services")


@api.route("GET", "/services", roles=FIRM_ROLES, query=ServiceQuery, response=ListOf[ServiceView],
           summary="The firm's services (room types)", errors=(400,))
def list_services(call: Call):
    return service.list_services(call.me, call.query)


@api.route("POST", "/services", roles=MANAGERS, body=ServiceCreate, response=ServiceView, status=201,
           summary="Offer a new service", errors=(400,))
def create(call: Call):
    return service.create(call.me, call.body)


@api.route("PATCH", "/services/{service_id}", roles=MANAGERS, body=ServiceUpdate, response=ServiceView,
           summary="Rename or describe a service", errors=(400, 404, 409, 412))
def update(call: Call, service_id: str):
    return service.update(call.me, service_id, call.body, call.if_match)


@api.route("POST", "/services/{service_id}/retire", roles=MANAGERS, response=ServiceView,
           summary="Stop offering a service; its rooms keep it", errors=(404, 409))
def retire(call: Call, service_id: str):
    return service.set_status(call.me, service_id, RETIRED)


@api.route("POST", "/services/{service_id}/restore", roles=MANAGERS, response=ServiceView,
           summary="Offer a retired service again", errors=(404, 409))
def restore(call: Call, service_id: str):
    return service.set_status(call.me, service_id, ACTIVE)
