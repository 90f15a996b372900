"""Signing a firm up, reading and changing it."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import ACTIVE, user_view
from chalicelib.accounts.users import NAME_COPY, email_claim, not_staff, user_item
from chalicelib.aws import identity
from chalicelib.core import clock
from chalicelib.core.errors import Conflict, NotFound, gone_or_stale
from chalicelib.core.ids import new_id
from chalicelib.core.principal import OWNER, Principal
from chalicelib.firms.carried import carried_copies
from chalicelib.firms.models import FirmSettings, FirmUpdate, FirmView, SignupCreate, firm_view
from chalicelib.firms.public import public_copy
from chalicelib.staff.professionals import on_the_roll, roll_at_signup
from chalicelib.store import FirmStore, at_version, keys, platform_keys
from chalicelib.store.conditions import ConditionBase, all_of


def signup(body: SignupCreate) -> dict[str, Any]:
    """The slug claim, the firm, its owner and the owner's email claim commit together;
    then the Cognito login. If Cognito refuses, the records are rolled back."""
    firm_id, owner_id = new_id(), new_id()
    db = FirmStore.trusted(firm_id)  # a firm being born: its id was made just above
    work = db.work()
    firm = work.create({**keys.firm(), "type": "firm", "id": firm_id, "name": body.firm_name, "slug": body.slug,
                        "time_zone": body.time_zone, "branding": {},
                        "settings": FirmSettings().model_dump(mode="json"), "owner_count": 1,
                        **roll_at_signup(owner_id), "created_at": clock.now_iso()})
    work.platform.create({**platform_keys.slug(body.slug), "type": "slug", "firm_id": firm_id,
                          "public": public_copy(firm)},
                         refused=lambda _: Conflict(f"The address '{body.slug}' is taken; choose another slug."))
    owner = work.create(user_item(firm_id, owner_id, name=body.owner.name, email=body.owner.email, role=OWNER,
                                  status=ACTIVE))
    claim = work.create(email_claim(body.owner.email, owner_id))
    work.count(keys.portal_options(), {}, set={"type": "portal_options", **roll_at_signup(owner_id),
                                               **carried_copies(firm), f"{NAME_COPY}{owner_id}": body.owner.name})
    work.commit()
    try:
        identity.create_login(firm_id, owner_id, body.owner.email, password=body.owner.password)
    except Exception:
        undo = db.work()
        undo.platform.delete(platform_keys.slug(body.slug))
        for item in (firm, owner, claim):
            undo.delete({"PK": item["PK"], "SK": item["SK"]})
        undo.commit()
        raise
    return {"firm": firm_view(firm), "owner": user_view(owner)}


def get_firm_item(db: FirmStore, consistent: bool = False) -> dict[str, Any]:
    found = db.get(keys.firm(), consistent=consistent)
    if found is None:
        raise NotFound("No such firm.")
    return found


def get_firm(me: Principal) -> FirmView:
    return firm_view(get_firm_item(FirmStore.of(me)))


_stale = gone_or_stale("firm")


DEFAULT_LOC = "body.settings.default_professional_id"


def update_firm(me: Principal, body: FirmUpdate, if_match: int | None) -> FirmView:
    """One UpdateItem, which answers with the firm as stored: settings and branding change
    field by field inside their maps, so no read is needed to merge them; If-Match, when
    sent, guards against a stale form, and a default professional must be on the firm's
    roll (staff.professionals), both as conditions on the firm item itself."""
    changes = _changes(body)
    chosen = (body.settings.default_professional_id if body.settings else None) or None
    work = FirmStore.of(me).work()
    work.update(keys.firm(), set=changes, when=_conditions(if_match, chosen), refused=_refused(if_match))
    return firm_view(work.commit())


def _changes(body: FirmUpdate) -> dict[str, Any]:
    changes = {k: v for k, v in body.model_dump(mode="json", exclude_unset=True).items()
               if k not in ("settings", "branding") and v is not None}
    for group in ("settings", "branding"):
        part = getattr(body, group)
        if part is not None:
            changes.update({f"{group}.{k}": v for k, v in part.model_dump(mode="json", exclude_unset=True).items()
                            if v is not None})
    return changes


def _conditions(if_match: int | None, chosen: str | None) -> ConditionBase | None:
    return all_of(None if if_match is None else at_version(if_match), None if chosen is None else on_the_roll(chosen))


def _refused(if_match: int | None):
    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None or (if_match is not None and old["v"] != if_match):
            return _stale(old)
        return not_staff(DEFAULT_LOC)
    return refused
