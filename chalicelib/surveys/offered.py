"""The one-off backfill that gives the survey item a copy of each service made before it
kept one (`offered_<service>`, services/records.py), so publishing a survey that asks
about such a service is one UpdateItem whose condition finds it offered.

Only the missing copies are written, on condition they are all still missing: a rename or
retirement followed from the stream meanwhile wrote a newer copy, which stands, and the
survey is read again. Running it again finds none missing. Part of
`python -m chalicelib.backfill`."""
from __future__ import annotations

from chalicelib.services.records import OFFERED, offered
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.store.conditions import all_of
from chalicelib.store.work import Refused

_ATTEMPTS = 5


def backfill(firm_id: str) -> int:
    """Copies the services the survey item lacks; returns how many it copied."""
    db = FirmStore.trusted(firm_id)
    for _ in range(_ATTEMPTS):
        copies = _missing(db)
        if not copies:
            return 0
        work = db.work()
        work.upsert(keys.survey(), set={"type": "survey", **copies},
                    when=all_of(*(Attr(name).not_exists() for name in copies)))
        try:
            work.commit()
            return len(copies)
        except Refused:
            continue  # a service's copy followed from the stream meanwhile
    raise RuntimeError(f"the survey of firm {firm_id} kept moving; run the backfill again")


def _missing(db: FirmStore) -> dict[str, dict[str, str]]:
    survey = db.get(keys.survey(), consistent=True) or {}
    services = list(db.query_all(keys.SERVICES, sk_prefix="SERVICE#", limit=200))
    return {name: copy for name, copy in offered(services).items() if name not in survey}
