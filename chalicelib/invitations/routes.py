from chalicelib.accounts.models import TokenView
from chalicelib.contacts.models import PersonSealed, PortalView
from chalicelib.core.api import Api, Call
from chalicelib.core.principal import FIRM_ROLES
from chalicelib.invitations import acceptance, service
from chalicelib.invitations.models import AcceptRequest, InvitationPreview, InviteRequest

api = Api(__name__, "Portal invitations")


@api.route("POST", "/clients/{client_id}/contacts/{contact_id}/invite", roles=FIRM_ROLES, body=InviteRequest,
           response=PortalView, summary="Invite a contact into the portal, or resend by the same or another method",
           errors=(400, 404, 409, 422), idempotent=True)
def invite(call: Call, client_id: str, contact_id: str):
    return service.invite(call.me, client_id, contact_id, call.body).portal


@api.route("POST", "/clients/{client_id}/contacts/{contact_id}/remove", roles=FIRM_ROLES, response=PortalView,
           body=PersonSealed, optional_body=True,
           summary="Remove a contact from the portal: withdraws the invitation or closes the login",
           errors=(400, 404, 409, 412, 422))
def remove(call: Call, client_id: str, contact_id: str):
    return service.remove(call.me, client_id, contact_id, call.body.sealed)


@api.route("GET", "/invitations/{token}", public=True, response=InvitationPreview,
           summary="What an invitation link is (spends nothing, so mail scanners may open it)",
           errors=(400, 404, 410))
def preview(call: Call, token: str):
    return acceptance.preview(token)


@api.route("POST", "/invitations/accept", public=True, body=AcceptRequest, response=TokenView,
           summary="Accept an invitation: choose a password, get signed in. The link works once",
           errors=(400, 404, 410))
def accept(call: Call):
    return acceptance.accept(call.body)
