"""The one-off backfill that gives the survey item a copy of each service made before it
kept one (`offered_<service>`, services/records.py), so publishing a survey that asks
about such a service is one UpdateItem whose condition finds it offered.

Only the missing copies are written, on condition they are all still missing: a rename or
retirement followed from the stream meanwhile wrote a newer copy, which stands, and the
survey is read again. Running it again finds none missing. Part of
`python -m chalicelib.backfill`."""
from __future__ import annotations

from chalicelib.services.records import offered
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.store.conditions import all_of
from chalicelib.store.rereading import until_unmoved


def backfill(firm_id: str) -> int:
    """Copies the services the survey item lacks; returns how many it copied."""
    db = FirmStore.trusted(firm_id)
    return until_unmoved(lambda: _copy_missing(db), f"the survey of firm {firm_id}")


def _copy_missing(db: FirmStore) -> int:
    copies = _missing(db)
    if copies:
        work = db.work()
        work.upsert(keys.survey(), set={"type": "survey", **copies},
                    when=all_of(*(Attr(name).not_exists() for name in copies)))
        work.commit()
    return len(copies)


def _missing(db: FirmStore) -> dict[str, dict[str, str]]:
    survey = db.get(keys.survey(), consistent=True) or {}
    services = list(db.query_all(keys.SERVICES, sk_prefix="SERVICE#", limit=200))
    return {name: copy for name, copy in offered(services).items() if name not in survey}
