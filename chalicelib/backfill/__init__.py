"""Every one-off backfill an upgrade needs, in order, each in its own domain's module: the
copies later writes are conditioned on, for items stored before they were kept. Run it
for every firm (or the firms named) before deploying code that trusts those copies:

    python -m chalicelib.backfill [<firm_id> ...]

Each backfill is idempotent: it writes only what is still missing, so a rerun (or a run
cut short and started again) changes nothing that is done. This package imports the
domains; none imports it."""
from __future__ import annotations

from typing import Callable, Iterator

from chalicelib.clients import contact_ids, link_people
from chalicelib.documents import kept_versions
from chalicelib.firms import carried
from chalicelib.messages import note_ids
from chalicelib.phases import listed_definitions
from chalicelib.staff import name_copies, whole_roll
from chalicelib.store import platform_keys
from chalicelib.store.wire import ddb, from_ddb, table_name
from chalicelib.surveys import offered

# (what it fills in, the backfill): the roll first, as other copies name colleagues.
STEPS: tuple[tuple[str, Callable[[str], int]], ...] = (
    ("roll of professionals (firm and portal items)", whole_roll.backfill),
    ("colleagues' names (portal item)", name_copies.backfill),
    ("clients' copies of their contacts' ids", contact_ids.backfill),
    ("contact links' copies of their people", link_people.backfill),
    ("survey's copies of the services", offered.backfill),
    ("timeline definitions as entries", listed_definitions.backfill),
    ("documents' copies of their versions", kept_versions.backfill),
    ("notes' marked ids", note_ids.backfill),
    ("firm settings the principal carries (portal item)", carried.backfill),
)


def run(firm_id: str) -> dict[str, int]:
    """Every backfill for one firm; what each changed."""
    return {name: step(firm_id) for name, step in STEPS}


def every_firm() -> Iterator[str]:
    """The firms, from their slug claims (one per firm): a Scan, for one-off jobs only."""
    pages = ddb().get_paginator("scan").paginate(TableName=table_name(), **_slug_claims())
    for page in pages:
        yield from (from_ddb(i)["firm_id"] for i in page["Items"])


def _slug_claims() -> dict[str, object]:
    return {"FilterExpression": "begins_with(PK, :slug) AND SK = :sk",
            "ExpressionAttributeValues": {":slug": {"S": platform_keys.slug("")["PK"]}, ":sk": {"S": "SLUG"}}}
