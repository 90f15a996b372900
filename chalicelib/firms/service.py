"""Signing a firm up, reading and changing it."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.models import ACTIVE, user_view
from chalicelib.accounts.users import email_claim, require_staff_member, user_item
from chalicelib.aws import identity
from chalicelib.core import clock
from chalicelib.core.errors import NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.principal import OWNER, Principal
from chalicelib.firms.models import BrandingView, FirmPublicView, FirmSettings, FirmUpdate, FirmView, SignupCreate, firm_view
from chalicelib.store import keys, table


def signup(body: SignupCreate) -> dict[str, Any]:
    """The slug claim, the firm, its owner and the owner's email claim commit together;
    then the Cognito login. If Cognito refuses, the records are rolled back."""
    firm_id, owner_id = new_id(), new_id()
    firm = {**keys.firm(firm_id), "type": "firm", "id": firm_id, "name": body.firm_name, "slug": body.slug,
            "time_zone": body.time_zone, "branding": {}, "settings": FirmSettings().model_dump(mode="json"),
            "owner_count": 1, "created_at": clock.now_iso()}
    owner = user_item(firm_id, owner_id, name=body.owner.name, email=body.owner.email, role=OWNER, status=ACTIVE)
    claims = [{**keys.slug(body.slug), "type": "slug", "firm_id": firm_id}, email_claim(firm_id, body.owner.email, owner_id)]
    table.transact([table.put_op(i) for i in (claims[0], firm, owner, claims[1])],
                   conflict=f"The address '{body.slug}' is taken; choose another slug.")
    try:
        identity.create_login(firm_id, owner_id, body.owner.email, password=body.owner.password)
    except Exception:
        table.transact_many([table.delete_op({"PK": i["PK"], "SK": i["SK"]}) for i in (*claims, firm, owner)])
        raise
    return {"firm": firm_view({**firm, "v": 1}), "owner": user_view({**owner, "v": 1})}


def firm_id_by_slug(slug: str) -> str:
    claim = table.get(keys.slug(slug))
    if claim is None:
        raise NotFound("No firm has that address.")
    return claim["firm_id"]


def firm_by_slug(slug: str) -> dict[str, Any]:
    return table.require(keys.firm(firm_id_by_slug(slug)), "firm")


def get_firm_item(firm_id: str) -> dict[str, Any]:
    return table.require(keys.firm(firm_id), "firm")


def get_firm(me: Principal) -> FirmView:
    return firm_view(get_firm_item(me.firm_id))


def public_firm(slug: str) -> FirmPublicView:
    item = firm_by_slug(slug)
    return FirmPublicView(name=item["name"], slug=item["slug"], branding=BrandingView(**item.get("branding", {})))


def update_firm(me: Principal, body: FirmUpdate, if_match: int | None) -> FirmView:
    """One UpdateItem: settings and branding change field by field inside their maps, so
    no read is needed to merge them; If-Match, when sent, guards against a stale form."""
    if body.settings and body.settings.default_professional_id:
        require_staff_member(me.firm_id, body.settings.default_professional_id, "body.settings.default_professional_id")
    changes = {k: v for k, v in body.model_dump(mode="json", exclude_unset=True).items()
               if k not in ("settings", "branding") and v is not None}
    for group in ("settings", "branding"):
        part = getattr(body, group)
        if part is not None:
            changes.update({f"{group}.{k}": v for k, v in part.model_dump(mode="json", exclude_unset=True).items()
                            if v is not None})
    return firm_view(table.update(keys.firm(me.firm_id), changes, if_match))
