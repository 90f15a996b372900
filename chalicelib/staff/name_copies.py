"""The one-off backfill that gives a firm's portal item the name of every open colleague
(`colleague_<user>`, staff/copies.py) it lacks. Sign-up writes the first owner's name
and the stream each later change's, so a firm stored before then holds only the
colleagues changed since. A staff principal carries the copy, and a room seats a colleague from it with no
read (rooms/members.py), refusing one it does not name; after this step it names every
open colleague, and sign-up and the stream keep it so.

Each missing name is SET on condition it is still missing: one the stream wrote
meanwhile is newer, so the write is refused and the item read again. A colleague closed
after being read here may keep a name the stream has already taken off; a seat also
checks the login itself (rooms/people.colleague_login), so such a name seats nobody.
Names present are left alone, so running it again changes nothing. Part of
`python -m chalicelib.backfill`."""
from __future__ import annotations

from typing import Any

from chalicelib.accounts.users import NAME_COPY
from chalicelib.staff.copies import name_copy
from chalicelib.staff.service import open_colleagues
from chalicelib.store import Attr, FirmStore, keys
from chalicelib.store.conditions import all_of
from chalicelib.store.rereading import until_unmoved

BATCH = 40  # names per write, well inside an expression's size limit


def backfill(firm_id: str) -> int:
    """Names the open colleagues the portal item lacks; returns how many it wrote."""
    db = FirmStore.trusted(firm_id)
    if db.get(keys.firm()) is None:
        return 0
    return until_unmoved(lambda: _name_missing(db), f"the colleagues' names of firm {firm_id}")


def _name_missing(db: FirmStore) -> int:
    portal = db.get(keys.portal_options(), consistent=True) or {}
    missing = [(f"{NAME_COPY}{u['id']}", name_copy(u)) for u in open_colleagues(db)
               if f"{NAME_COPY}{u['id']}" not in portal]
    for start in range(0, len(missing), BATCH):
        _write(db, dict(missing[start:start + BATCH]))
    return len(missing)


def _write(db: FirmStore, names: dict[str, Any]) -> None:
    work = db.work()
    work.upsert(keys.portal_options(), set={"type": "portal_options", **names},
                when=all_of(*(Attr(a).not_exists() for a in names)))
    work.commit()
