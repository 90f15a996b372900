from chalicelib.core.api import Api, Call
from chalicelib.core.principal import FIRM_ROLES
from chalicelib.reports import service
from chalicelib.reports.models import AdoptionReport

api = Api(__name__, "Reports")


@api.route("GET", "/reports/portal-adoption", roles=FIRM_ROLES, response=AdoptionReport,
           summary="Clients invited, accepted and active in the last 30 days, per professional and in total")
def portal_adoption(call: Call):
    return service.portal_adoption(call.me)
