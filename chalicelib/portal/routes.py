from chalicelib.core.api import Api, Call
from chalicelib.core.principal import CLIENT, FIRM_ROLES, MANAGERS
from chalicelib.portal import events, home, service
from chalicelib.portal.models import ClientOptionsUpdate, ClientOptionsView, PortalOptionsUpdate, PortalOptionsView
from chalicelib.portal.home import HomeView
from chalicelib.portal.events import ClientEventDateView, EventDate, EventDateView

api = Api(__name__, "Portal")


@api.route("GET", "/firm/portal-options", roles=FIRM_ROLES, response=PortalOptionsView,
           summary="The firm's portal options, visible tools and lock-out days")
def read_options(call: Call):
    return service.read_options(call.me)


@api.route("PATCH", "/firm/portal-options", roles=MANAGERS, body=PortalOptionsUpdate, response=PortalOptionsView,
           summary="Turn portal features on or off, show or hide tools, set the lock-out", errors=(400,))
def update_options(call: Call):
    return service.update_options(call.me, call.body)


@api.route("GET", "/clients/{client_id}/portal-options", roles=FIRM_ROLES, response=ClientOptionsView,
           summary="One client's portal options: the firm's with this client's overrides", errors=(404,))
def read_client_options(call: Call, client_id: str):
    return service.read_client_options(call.me, client_id)


@api.route("PATCH", "/clients/{client_id}/portal-options", roles=MANAGERS, body=ClientOptionsUpdate,
           response=ClientOptionsView, summary="Override portal features for one client (null follows the firm)",
           errors=(400, 404))
def update_client_options(call: Call, client_id: str):
    return service.update_client_options(call.me, client_id, call.body)


@api.route("PUT", "/rooms/{room_id}/event-date", roles=FIRM_ROLES, body=EventDate, response=EventDateView,
           summary="Set or clear the room's event date (the lock-out counts back from it)", errors=(400, 404, 409, 412))
def set_event_date(call: Call, room_id: str):
    return events.set_event_date(call.me, room_id, call.body)


@api.route("PUT", "/clients/{client_id}/event-date", roles=FIRM_ROLES, body=EventDate, response=ClientEventDateView,
           summary="Set or clear the client's event date: each of its rooms locks for clients N days before it",
           errors=(400, 404, 409, 422))
def set_client_event_date(call: Call, client_id: str):
    return events.set_client_event_date(call.me, client_id, call.body)


@api.route("GET", "/me/portal", roles=(CLIENT,), response=HomeView,
           summary="Everything a client's home screen needs, in one call")
def my_portal(call: Call):
    return home.read_home(call.me)
