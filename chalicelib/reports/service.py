"""The portal adoption report, from one Query of the ADOPTION partition: the counters,
one item per professional, and beside them one item per client with its portal users'
latest sign-ins (reports/activity.py), both kept by the table stream."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from chalicelib.core import clock
from chalicelib.core.principal import Principal
from chalicelib.reports import activity
from chalicelib.reports.models import AdoptionReport, AdoptionRow
from chalicelib.store import FirmStore, keys

ACTIVE_DAYS = 30
COUNTED = tuple(f for f in AdoptionRow.model_fields if f not in ("professional_id", "active_30d"))
PARTITION_PAGE = 1000  # one Query holds a firm's professionals and signed-in clients


def _recently_active(items: list[dict[str, Any]]) -> Counter:
    since = clock.iso(clock.now() - timedelta(days=ACTIVE_DAYS))
    return Counter(i.get("professional_id") or keys.NO_PROFESSIONAL for i in items if activity.active_since(i, since))


def portal_adoption(me: Principal) -> AdoptionReport:
    items = list(FirmStore.of(me).query_all(keys.ADOPTION, limit=PARTITION_PAGE))
    rows = {i["professional_id"]: {k: i.get(k, 0) for k in COUNTED} for i in items if i.get("type") == "adoption"}
    for pro, count in _recently_active(items).items():
        rows.setdefault(pro, dict.fromkeys(COUNTED, 0))["active_30d"] = count
    by_pro = [AdoptionRow(professional_id=None if pro == keys.NO_PROFESSIONAL else pro, **counts)
              for pro, counts in sorted(rows.items()) if any(counts.values())]
    total = AdoptionRow(**{k: sum(getattr(r, k) for r in by_pro) for k in (*COUNTED, "active_30d")})
    return AdoptionReport(as_of=clock.now_iso(), total=total, by_professional=by_pro)
