"""A firm's own people: owners, admins and staff."""
from __future__ import annotations

from typing import Literal

from chalicelib.core.models import Email, Input, Name

StaffRole = Literal["owner", "admin", "staff"]


class StaffInvite(Input):
    name: Name
    email: Email
    role: StaffRole = "staff"


class StaffUpdate(Input):
    name: Name | None = None
    role: StaffRole | None = None
