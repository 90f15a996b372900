"""Least privilege: each role names its resources. Which actions each function's role
holds is checked against the calls the suite records (tests/infra/evidence.py)."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.infra

# The only statements that may name Resource "*": neither service offers a
# narrower resource (SMS goes to a phone number, not a topic; X-Ray has no
# resource-level permissions) and neither holds Atrium's data.
STAR_ALLOWED = {
    ("sns:Publish",),
    ("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
}


def _all_statements(synth) -> list[dict]:
    found = []
    for resource in synth.of_type("AWS::IAM::Role").values():
        for policy in resource["Properties"].get("Policies", []):
            found.extend(policy["PolicyDocument"]["Statement"])
    for resource in synth.of_type("AWS::IAM::Policy").values():
        found.extend(resource["Properties"]["PolicyDocument"]["Statement"])
    return found


def _actions(statement: dict) -> tuple[str, ...]:
    action = statement["Action"]
    return tuple(action) if isinstance(action, list) else (action,)


def _resources(statement: dict) -> list:
    resource = statement["Resource"]
    return resource if isinstance(resource, list) else [resource]


def test_no_statement_uses_a_wildcard_resource_but_the_documented_ones(dev):
    starred = {_actions(s) for s in _all_statements(dev) if "*" in _resources(s)}
    assert starred <= STAR_ALLOWED


def test_no_statement_allows_a_wildcard_action(dev):
    for statement in _all_statements(dev):
        assert not any("*" in action for action in _actions(statement)), statement


def test_roles_are_inline_so_they_exist_before_event_sources_check_them(dev):
    assert dev.of_type("AWS::IAM::Policy") == {}
    assert dev.of_type("AWS::IAM::ManagedPolicy") == {}
    for role in dev.of_type("AWS::IAM::Role").values():
        assert "ManagedPolicyArns" not in role["Properties"]


TABLE_SUFFIXES = ("/index/*", "/stream/*")


def _within(resource, arn: dict) -> bool:
    """The ARN itself, or the ARN joined with an index or stream suffix."""
    if resource == arn:
        return True
    parts = resource.get("Fn::Join", ["", []])[1] if isinstance(resource, dict) else []
    return len(parts) == 2 and parts[0] == arn and parts[1] in TABLE_SUFFIXES


def test_table_access_is_on_the_table_its_indexes_and_its_stream_only(dev):
    (table_id,) = dev.of_type("AWS::DynamoDB::Table")
    table_arn = {"Fn::GetAtt": [table_id, "Arn"]}
    for statement in _all_statements(dev):
        if any(a.startswith("dynamodb:") for a in _actions(statement)):
            assert all(_within(r, table_arn) for r in _resources(statement)), statement


# The API schedules reminders and digests; the stream's reader, the digests of the
# notifications a new message's projection writes.
SCHEDULING = ("APIHandler", "OutboxDispatch")


def test_only_the_api_and_the_stream_reader_create_schedules_and_pass_only_the_scheduler_role(dev):
    creating = {name for name in dev.of_type("AWS::Serverless::Function") if any(
        "scheduler:CreateSchedule" in s["Action"] for s in dev.statements_of(name))}
    assert creating == set(SCHEDULING)
    for name in SCHEDULING:
        statements = dev.statements_of(name)
        (schedules,) = [s for s in statements if "scheduler:CreateSchedule" in s["Action"]]
        assert json.dumps(schedules["Resource"]).endswith(':schedule/atrium-dev-reminders/*"]]}'), name
        (passing,) = [s for s in statements if s["Action"] == ["iam:PassRole"]]
        assert passing["Condition"] == {"StringEquals": {"iam:PassedToService": "scheduler.amazonaws.com"}}
        scheduler_role = passing["Resource"]["Fn::GetAtt"][0]
        trusted = dev.resources[scheduler_role]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
        assert trusted["Principal"] == {"Service": "scheduler.amazonaws.com"}, name


def test_mail_is_sent_only_from_the_configured_address(dev):
    (statement,) = [s for s in dev.statements_of("OutboxSend") if "ses:SendEmail" in s["Action"]]
    mail_from = dev.function("OutboxSend")["Environment"]["Variables"]["ATRIUM_MAIL_FROM"]
    assert statement["Condition"] == {"StringEquals": {"ses:FromAddress": mail_from}}
    assert "*" not in statement["Resource"]


def test_each_function_writes_only_its_own_logs(dev):
    for function in dev.of_type("AWS::Serverless::Function"):
        (statement,) = [s for s in dev.statements_of(function) if "logs:PutLogEvents" in s["Action"]]
        group = dev.resources[statement["Resource"]["Fn::GetAtt"][0]]["Properties"]
        assert group["LogGroupName"] == f"/aws/lambda/{dev.function(function)['FunctionName']}"
