"""The IAM evidence check itself: it sees the calls, names their function, and flags
both a call the role refuses and a grant nothing uses."""
from __future__ import annotations

import copy

import pytest

from tests.infra import evidence
from tests.infra.lambda_runner import iam_actions

pytestmark = pytest.mark.infra


def _without(template: dict, function: str, action: str) -> dict:
    changed = copy.deepcopy(template)
    role = changed["Resources"][function]["Properties"]["Role"]["Fn::GetAtt"][0]
    for policy in changed["Resources"][role]["Properties"]["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            if isinstance(statement["Action"], list) and action in statement["Action"]:
                statement["Action"].remove(action)
    return changed


def test_a_call_the_role_does_not_grant_is_a_finding(dev):
    template = _without(dev.json, "Sweep", "dynamodb:BatchGetItem")
    found = evidence.findings(template, {"Sweep": {"dynamodb:BatchGetItem"}}, complete=False)
    assert found == ["Sweep calls dynamodb:BatchGetItem, which its role does not grant"]


def test_a_grant_no_call_uses_is_a_finding_once_the_whole_suite_ran(dev):
    recorded = {f: evidence.granted(dev.json, f) for f in evidence.functions(dev.json)}
    recorded["JwtAuth"] = set()
    assert evidence.findings(dev.json, recorded, complete=False) == []
    assert evidence.findings(dev.json, recorded, complete=True) == [
        f"JwtAuth's role grants {action}, which no recorded call uses"
        for action in sorted(evidence.granted(dev.json, "JwtAuth")) if action.startswith("dynamodb:")]


def test_pollers_earn_their_grants_from_the_event_source_mappings(dev):
    assert "dynamodb:GetRecords" in evidence.used_by_lambda(dev.json, "OutboxDispatch")
    assert "sqs:SendMessage" in evidence.used_by_lambda(dev.json, "OutboxDispatch")
    assert "sqs:ReceiveMessage" in evidence.used_by_lambda(dev.json, "OutboxSend")
    assert evidence.used_by_lambda(dev.json, "APIHandler") == set()


def test_transactions_are_authorised_per_element():
    items = [{"Put": {}}, {"Update": {}}, {"ConditionCheck": {}}]
    assert iam_actions("dynamodb", "TransactWriteItems", {"TransactItems": items}) == {
        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"}
    assert iam_actions("s3", "HeadObject", {}) == {"s3:GetObject"}
    assert iam_actions("scheduler", "CreateSchedule", {}) == {"scheduler:CreateSchedule", "iam:PassRole"}


def test_the_recorder_names_the_function_a_call_runs_in():
    from chalicelib.jobs import sweeps
    from tests.moto_stack import moto_stack
    before = set(evidence.RECORDED.get("Sweep", set()))
    evidence.RECORDED.pop("Sweep", None)
    try:
        with moto_stack():
            sweeps.run()
        # The firms with work to do, and the multipart uploads nobody finished.
        assert evidence.RECORDED["Sweep"] == {"dynamodb:Query", "s3:ListBucketMultipartUploads"}
    finally:
        evidence.record("Sweep", before)
