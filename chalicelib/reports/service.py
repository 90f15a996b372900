"""The portal adoption report: counters read with one Query, plus the clients whose
portal users signed in within the last 30 days, read from an index ordered by last
sign-in (so only recent activity is read, never every user)."""
from __future__ import annotations

from collections import Counter
from datetime import timedelta

from chalicelib.accounts.models import ACTIVE
from chalicelib.core import clock
from chalicelib.core.principal import Principal
from chalicelib.clients.adoption import COUNTED, UNASSIGNED
from chalicelib.reports.models import AdoptionReport, AdoptionRow
from chalicelib.store import FirmStore, keys

ACTIVE_DAYS = 30


def _recently_active(db: FirmStore) -> Counter:
    since = (clock.now() - timedelta(days=ACTIVE_DAYS)).isoformat(timespec="seconds").replace("+00:00", "Z")
    seen = db.query_all(keys.PORTAL_SEEN, index="GSI2", limit=200, sk_between=(since, "~"))
    client_ids = {c for user in seen if user.get("status") == ACTIVE for c in user.get("client_ids", [])}
    clients = db.get_many([keys.client(c) for c in sorted(client_ids)])
    return Counter(c.get("professional_id") or UNASSIGNED for c in clients if c["status"] == "active")


def portal_adoption(me: Principal) -> AdoptionReport:
    db = FirmStore.of(me)
    rows = {i["professional_id"]: {k: i.get(k, 0) for k in COUNTED} for i in db.query_all(keys.ADOPTION, limit=200)}
    for pro, count in _recently_active(db).items():
        rows.setdefault(pro, dict.fromkeys(COUNTED, 0))["active_30d"] = count
    by_pro = [AdoptionRow(professional_id=None if pro == UNASSIGNED else pro, **counts)
              for pro, counts in sorted(rows.items()) if any(counts.values())]
    total = AdoptionRow(**{k: sum(getattr(r, k) for r in by_pro) for k in (*COUNTED, "active_30d")})
    return AdoptionReport(as_of=clock.now_iso(), total=total, by_professional=by_pro)
