"""The demo firm every fresh local stack starts with, made through the same use cases
the API runs, so the demo shows real behaviour."""
from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.accounts import service as accounts
from chalicelib.accounts.models import ACTIVE, LoginRequest
from chalicelib.aws import identity
from chalicelib.core.principal import OWNER, Principal
from chalicelib.firms import service as firms
from chalicelib.firms.models import SignupCreate
from chalicelib.staff import invitations as staff
from chalicelib.staff.models import StaffInvite
from chalicelib.store import FirmStore, keys
from local.seed_clients import seed_clients
from local.seed_documents import seed_documents
from local.seed_rooms import seed_rooms
from local.seed_status import seed_status
from local.seed_survey import seed_survey

SLUG = "northwind"
OWNER_LOGIN = ("olivia@northwind.example", "Northwind-Owner-2026")
STAFF_LOGIN = ("sam@northwind.example", "Northwind-Staff-2026")


@dataclass
class Demo:
    firm_id: str
    owner: Principal
    staff_user_id: str
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (role, email, password)


def _activate_staff(firm_id: str, user_id: str, password: str) -> None:
    """The demo skips the first-sign-in challenge so the printed password works at once."""
    identity.set_password(firm_id, user_id, password)
    work = FirmStore.trusted(firm_id).work()
    work.update(keys.user(user_id), set={"status": ACTIVE})
    work.commit()


def seed_demo() -> Demo:
    made = firms.signup(SignupCreate.model_validate({
        "firm_name": "Northwind Advisory", "slug": SLUG, "time_zone": "America/New_York",
        "owner": {"name": "Olivia Northwind", "email": OWNER_LOGIN[0], "password": OWNER_LOGIN[1]}}))
    firm_id = made["firm"].id
    owner = Principal(firm_id=firm_id, user_id=made["owner"].id, role=OWNER)
    member = staff.invite(owner, StaffInvite(name="Sam Staff", email=STAFF_LOGIN[0], role="staff"))
    _activate_staff(firm_id, member.id, STAFF_LOGIN[1])
    client_login = seed_clients(owner, member.id)
    room_id = seed_rooms(owner, member.id)
    seed_documents(owner, room_id)
    seed_survey(owner, client_login[0])
    seed_status(owner, room_id)
    return Demo(firm_id, owner, member.id,
                [("owner", *OWNER_LOGIN), ("staff", *STAFF_LOGIN), ("client", *client_login)])


def bearer_token(email: str, password: str) -> str:
    result = accounts.login(LoginRequest(slug=SLUG, email=email, password=password))
    return getattr(result, "access_token")
