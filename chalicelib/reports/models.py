from __future__ import annotations

from chalicelib.core.models import View


class AdoptionRow(View):
    professional_id: str | None = None
    clients: int = 0
    invited: int = 0
    accepted: int = 0
    active_30d: int = 0


class AdoptionReport(View):
    """Clients, not people: a client counts as invited, accepted or active when at least
    one of its contacts is."""
    as_of: str
    total: AdoptionRow
    by_professional: list[AdoptionRow]
