"""The portal adoption report: counters read with one Query, plus the clients whose
portal users signed in within the last 30 days, read from an index ordered by last
sign-in (so only recent activity is read, never every user)."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

from chalicelib.accounts.models import ACTIVE
from chalicelib.core import clock
from chalicelib.core.principal import Principal
from chalicelib.reports.counters import COUNTED, UNASSIGNED
from chalicelib.reports.models import AdoptionReport, AdoptionRow
from chalicelib.store import old_keys as keys, table

ACTIVE_DAYS = 30


def _recently_active(firm_id: str) -> Counter:
    since = (clock.now() - timedelta(days=ACTIVE_DAYS)).isoformat(timespec="seconds").replace("+00:00", "Z")
    seen = table.query_pages(keys.portal_seen_partition(firm_id), index="GSI2", limit=200,
                             sk_between=(since, "~"), scope=f"seen:{firm_id}")
    client_ids = {c for user in seen if user.get("status") == ACTIVE for c in user.get("client_ids", [])}
    clients = table.get_many([keys.client(firm_id, c) for c in sorted(client_ids)])
    return Counter(c.get("professional_id") or UNASSIGNED for c in clients if c["status"] == "active")


def portal_adoption(me: Principal) -> AdoptionReport:
    rows = {i["professional_id"]: {k: i.get(k, 0) for k in COUNTED}
            for i in table.query_pages(keys.adoption_partition(me.firm_id), limit=200, scope=f"adoption:{me.firm_id}")}
    for pro, count in _recently_active(me.firm_id).items():
        rows.setdefault(pro, dict.fromkeys(COUNTED, 0))["active_30d"] = count
    by_pro = [AdoptionRow(professional_id=None if pro == UNASSIGNED else pro, **counts)
              for pro, counts in sorted(rows.items()) if any(counts.values())]
    total = AdoptionRow(**{k: sum(getattr(r, k) for r in by_pro) for k in (*COUNTED, "active_30d")})
    return AdoptionReport(as_of=clock.now_iso(), total=total, by_professional=by_pro)
