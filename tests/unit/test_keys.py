"""Sort-key ranges that one Query reads across more than one kind of item hold only the
kinds meant: a new item kind in the same partition must not land inside them."""
import inspect

from chalicelib.store import keys

FILLERS = ("", "0", "zz", "~", "\uffff")


def _sort_keys_in(partition: str) -> list[tuple[str, str]]:
    """(function, sort key) for every key function of `keys` that places an item in
    `partition`, tried with ids from the lowest to the highest string."""
    found = []
    for name, fn in vars(keys).items():
        if not inspect.isfunction(fn) or fn.__module__ != keys.__name__:
            continue
        params = list(inspect.signature(fn).parameters.values())
        if not params or any(p.annotation not in ("str", str) for p in params):
            continue
        for filler in FILLERS:
            key = fn("r1", *[filler] * (len(params) - 1))
            if isinstance(key, dict) and key.get("PK") == partition:
                found.append((name, key["SK"]))
    return found


def test_only_the_room_and_its_status_changes_lie_in_their_range():
    lo, hi = keys.room_and_status_changes()
    inside = {name for name, sk in _sort_keys_in(keys.room_partition("r1")) if lo <= sk <= hi}
    assert inside == {"room", "status_change"}
    kinds = {name for name, _ in _sort_keys_in(keys.room_partition("r1"))}
    assert {"room_member", "feed_item", "room_word", "done_uploading"} <= kinds, "the check sees the partition"
