import pytest

from chalicelib.store.rereading import ATTEMPTS, until_unmoved
from chalicelib.store.work import Refused


def test_a_refused_write_is_read_and_written_again_until_it_holds():
    tries = []

    def attempt():
        tries.append(1)
        if len(tries) < 3:
            raise Refused([])
        return "written"
    assert (until_unmoved(attempt, "the item"), len(tries)) == ("written", 3)


def test_an_item_that_keeps_moving_stops_the_job_and_says_which():
    tries = []

    def attempt():
        tries.append(1)
        raise Refused([])
    with pytest.raises(RuntimeError, match="the item kept moving"):
        until_unmoved(attempt, "the item")
    assert len(tries) == ATTEMPTS
