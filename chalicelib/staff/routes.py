from chalicelib.accounts.models import UserView
from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import FIRM_ROLES, MANAGERS
from chalicelib.staff import invitations, service
from chalicelib.staff.models import StaffInvite, StaffUpdate

api = Api(__name__, "Staff")


@api.route("POST", "/staff", roles=MANAGERS, body=StaffInvite, response=UserView, status=201, idempotent=True,
           summary="Invite a colleague (emails a temporary password)", errors=(400, 409, 422))
def invite(call: Call):
    return invitations.invite(call.me, call.body)


@api.route("GET", "/staff", roles=FIRM_ROLES, query=PageQuery, response=ListOf[UserView],
           summary="The firm's staff", errors=(400,))
def list_staff(call: Call):
    return service.list_staff(call.me, call.query.limit, call.query.cursor)


@api.route("PATCH", "/staff/{user_id}", roles=MANAGERS, body=StaffUpdate, response=UserView,
           summary="Change a colleague's name or role", errors=(400, 404, 409, 412))
def update(call: Call, user_id: str):
    return service.update(call.me, user_id, call.body, call.if_match)


@api.route("POST", "/staff/{user_id}/deactivate", roles=MANAGERS, response=UserView,
           summary="Close a colleague's login; refused from the next request on", errors=(404, 409))
def deactivate(call: Call, user_id: str):
    return service.deactivate(call.me, user_id)


@api.route("POST", "/staff/{user_id}/reactivate", roles=MANAGERS, response=UserView,
           summary="Open a closed login again", errors=(404, 409))
def reactivate(call: Call, user_id: str):
    return service.reactivate(call.me, user_id)



@api.route("POST", "/staff/{user_id}/resend-invitation", roles=MANAGERS, response=UserView,
           summary="Mail a colleague who has not signed in yet a new temporary password", errors=(404, 409))
def resend_invitation(call: Call, user_id: str):
    return invitations.resend(call.me, user_id)
