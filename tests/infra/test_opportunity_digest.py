"""The weekly opportunities digest runs from an EventBridge schedule."""
import pytest

pytestmark = pytest.mark.infra


def test_digest_runs_every_monday_morning(dev):
    events = dev.function("OpportunityDigest")["Events"].values()
    assert [e["Properties"]["Schedule"] for e in events if e["Type"] == "Schedule"] == ["cron(0 7 ? * MON *)"]
