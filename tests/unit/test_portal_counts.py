"""A client's portal status follows its counts from the stream, only while the counts
are still those the record saw."""
from chalicelib.clients.portal_counts import follow_portal_counts
from chalicelib.store import FirmStore


def _writes(client):
    work = FirmStore("F1").work()
    follow_portal_counts(client, work)
    return [op.args for op in work.ops]


def test_the_status_the_counts_say_is_set_on_condition_they_are_unchanged():
    [write] = _writes({"id": "C1", "portal_pending": 1, "portal_accepted": 0, "portal_status": "none"})
    assert write["ExpressionAttributeValues"][":us0"] == {"S": "invited"}
    condition = write["ConditionExpression"]
    assert condition.count("=") == 2 and {"N": "1"} in write["ExpressionAttributeValues"].values()


def test_counts_never_moved_are_read_as_absent_and_a_right_status_writes_nothing():
    [write] = _writes({"id": "C1", "portal_accepted": 1, "portal_status": "invited"})
    assert "attribute_not_exists" in write["ConditionExpression"]
    assert write["ExpressionAttributeValues"][":us0"] == {"S": "active"}
    assert _writes({"id": "C1", "portal_pending": 2, "portal_accepted": 0, "portal_status": "invited"}) == []
