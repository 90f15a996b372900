from chalicelib.core.api import Api, Call
from chalicelib.core.principal import FIRM_ROLES, MANAGERS
from chalicelib.firms import public, service
from chalicelib.firms.models import FirmPublicView, FirmUpdate, FirmView, SignupCreate, SignupView

api = Api(__name__, "Firms")


@api.route("POST", "/signup", public=True, body=SignupCreate, response=SignupView, status=201,
           summary="Create a firm and its first owner", errors=(400, 409))
def signup(call: Call):
    result = service.signup(call.body)
    return SignupView(**result)


@api.route("GET", "/firms/{slug}/public", public=True, response=FirmPublicView,
           summary="A firm's name and branding, for its sign-in page", errors=(404,))
def public_firm(call: Call, slug: str):
    return public.public_firm(slug)


@api.route("GET", "/firm", roles=FIRM_ROLES, response=FirmView, summary="The caller's firm", errors=(404,))
def get_firm(call: Call):
    return service.get_firm(call.me)


@api.route("PATCH", "/firm", roles=MANAGERS, body=FirmUpdate, response=FirmView,
           summary="Change the firm's name, branding, time zone or settings", errors=(400, 412, 422))
def update_firm(call: Call):
    return service.update_firm(call.me, call.body, call.if_match)
