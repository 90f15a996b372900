"""The one-off backfill that gives every note written before note ids carried their mark
(`service.NOTE_MARK`) a marked id, so a reply's visibility follows from the thread id it
names and a reply is always one write (seed data never held such notes).

Each note moves to its own id plus the mark, which sorts where it did, in the room's feed
and ahead of its replies in its thread; its replies name the new id. The moved note says
where it came from (`REMARKED_FROM`), so the stream tells nobody of it again. The old id
then names nothing: a reply to it, or a link to it in a notification kept from before,
is a 404. Run it for every firm before deploying the replies that stopped guessing:

    python -m chalicelib.messages.note_ids <firm_id> [<firm_id> ...]
"""
from __future__ import annotations

import sys
from typing import Any, Iterator

from chalicelib.messages.service import NOTE, NOTE_MARK, is_note_id
from chalicelib.rooms.records import ACTIVE, ARCHIVED
from chalicelib.store import Attr, FirmStore, keys, missing
from chalicelib.store.work import Refused

REMARKED_FROM = "remarked_from"


def backfill(firm_id: str) -> int:
    """Moves the firm's unmarked notes; returns how many. Running it again moves none."""
    db = FirmStore.trusted(firm_id)
    unmarked = [n for room_id in _room_ids(db) for n in _notes(db, room_id) if not is_note_id(n["id"])]
    for note in unmarked:
        _remark(db, note)
    return len(unmarked)


def _room_ids(db: FirmStore) -> Iterator[str]:
    for status in (ACTIVE, ARCHIVED):
        yield from (e["id"] for e in db.query_all(keys.rooms_list(status), index="GSI1", limit=100))


def _notes(db: FirmStore, room_id: str) -> list[dict[str, Any]]:
    return list(db.query_all(keys.room_partition(room_id), sk_prefix=keys.FEED, where=Attr("kind").eq(NOTE),
                             limit=100))


def _remark(db: FirmStore, note: dict[str, Any]) -> None:
    """The note under its marked id, then its replies renamed to it, then the old note gone:
    an interrupted run leaves the old note in place, and the next run finishes it without
    writing the moved note again (replies may have reached it meanwhile)."""
    old_id, new_id = note["id"], note["id"] + NOTE_MARK
    work = db.work()
    work.put({**note, **keys.feed_item(note["room_id"], new_id), "id": new_id, "thread_id": new_id,
              "GSI2PK": keys.thread(new_id), "GSI2SK": new_id, REMARKED_FROM: old_id}, when=missing())
    try:
        work.commit()
    except Refused:
        pass  # moved by an earlier run
    for reply in db.query_all(keys.thread(old_id), index="GSI2", limit=100):
        if reply["id"] != old_id:
            one = db.work()
            one.count(keys.feed_item(reply["room_id"], reply["id"]), {},
                      set={"thread_id": new_id, "GSI2PK": keys.thread(new_id)})
            one.commit()
    gone = db.work()
    gone.delete(keys.feed_item(note["room_id"], old_id))
    gone.commit()


if __name__ == "__main__":
    for firm in sys.argv[1:]:
        print(firm, backfill(firm))
