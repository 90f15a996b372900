"""A firm's public page: its name and branding at its portal address, which anyone may
read before signing in. The slug claim that maps the address to the firm keeps a copy,
so the page is one read. Sign-up writes the copy with the claim; every later change of
the firm's name or branding reaches it from the table stream (a projection), as the
settings the principal carries reach the portal item (firms/carried.py)."""
from __future__ import annotations

from typing import Any

from chalicelib.core.errors import NotFound
from chalicelib.firms.carried import copy_carried_settings
from chalicelib.firms.models import BrandingView, FirmPublicView
from chalicelib.store import Platform, Work, exists, platform_keys


def public_copy(firm: dict[str, Any]) -> dict[str, Any]:
    return {"name": firm["name"], "branding": firm.get("branding") or {}}


def follow_firm(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """The claim's copy follows the firm (sign-up itself wrote the first one)."""
    copy_carried_settings(old, new, work)
    if old is None or new is None or public_copy(old) == public_copy(new):
        return
    work.platform.count(platform_keys.slug(new["slug"]), {}, set={"public": public_copy(new)}, when=exists())


def public_firm(slug: str) -> FirmPublicView:
    claim = Platform().get(platform_keys.slug(slug))
    if claim is None:
        raise NotFound("No firm has that address.")
    copy = claim["public"]
    return FirmPublicView(name=copy["name"], slug=slug, branding=BrandingView(**copy["branding"]))
