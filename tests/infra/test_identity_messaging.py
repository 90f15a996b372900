"""User pool and app client; outbox queues; SES; the scheduler group and role."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.infra


def test_firm_id_is_an_immutable_custom_attribute(dev):
    schema = {a["Name"]: a for a in dev.one("AWS::Cognito::UserPool")["Schema"]}
    assert schema["firm_id"]["Mutable"] is False
    assert schema["firm_id"]["AttributeDataType"] == "String"


def test_mfa_is_optional_and_passwords_are_strong(dev):
    pool = dev.one("AWS::Cognito::UserPool")
    assert pool["MfaConfiguration"] == "OPTIONAL"
    assert pool["EnabledMfas"] == ["SOFTWARE_TOKEN_MFA"]
    policy = pool["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] >= 12
    assert all(policy[k] for k in ("RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols"))


def test_only_atrium_creates_logins(dev):
    pool = dev.one("AWS::Cognito::UserPool")
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert pool["AccountRecoverySetting"]["RecoveryMechanisms"] == [{"Name": "admin_only", "Priority": 1}]


def test_app_client_signs_in_server_side_only(dev):
    client = dev.one("AWS::Cognito::UserPoolClient")
    assert client["GenerateSecret"] is False
    assert sorted(client["ExplicitAuthFlows"]) == ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert "AllowedOAuthFlows" not in client
    assert client["PreventUserExistenceErrors"] == "ENABLED"


def _queues(synth) -> tuple[dict, dict]:
    queues = synth.of_type("AWS::SQS::Queue")
    (outbox_id,) = [k for k, v in queues.items() if "RedrivePolicy" in v["Properties"]]
    (dlq_id,) = [k for k in queues if k != outbox_id]
    return queues[outbox_id]["Properties"], {"id": dlq_id, **queues[dlq_id]["Properties"]}


def test_outbox_queue_parks_a_message_after_five_receives(dev):
    outbox, dlq = _queues(dev)
    assert outbox["RedrivePolicy"] == {"deadLetterTargetArn": {"Fn::GetAtt": [dlq["id"], "Arn"]},
                                       "maxReceiveCount": 5}
    assert dlq["MessageRetentionPeriod"] == 14 * 24 * 3600


def test_outbox_visibility_outlasts_the_sender(dev):
    outbox, _ = _queues(dev)
    assert outbox["VisibilityTimeout"] >= 6 * dev.function("OutboxSend")["Timeout"]


def test_queues_are_encrypted_and_refuse_plain_http(dev):
    for queue in dev.of_type("AWS::SQS::Queue").values():
        assert queue["Properties"]["SqsManagedSseEnabled"] is True
    policies = dev.of_type("AWS::SQS::QueuePolicy").values()
    assert len(policies) == 2
    for policy in policies:
        (deny,) = policy["Properties"]["PolicyDocument"]["Statement"]
        assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_ses_configuration_set_is_the_one_the_app_uses(dev):
    config_set = dev.one("AWS::SES::ConfigurationSet")
    assert config_set["Name"] == "atrium-dev"
    env = dev.function("APIHandler")["Environment"]["Variables"]
    (config_set_id,) = dev.of_type("AWS::SES::ConfigurationSet")
    assert env["ATRIUM_SES_CONFIG_SET"] == {"Ref": config_set_id}


def _scheduler_role(synth) -> dict:
    roles = synth.of_type("AWS::IAM::Role").values()
    (role,) = [r["Properties"] for r in roles
               if r["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]
               == {"Service": "scheduler.amazonaws.com"}]
    return role


def test_scheduler_role_only_invokes_the_reminder_function(dev):
    role = _scheduler_role(dev)
    (statement,) = [s for p in role["Policies"] for s in p["PolicyDocument"]["Statement"]]
    assert statement["Action"] == "lambda:InvokeFunction"
    assert json.dumps(statement["Resource"]).endswith(':function:atrium-dev-scheduled_reminder"]]}')
    assert dev.function("ScheduledReminder")["FunctionName"] == "atrium-dev-scheduled_reminder"


def test_only_schedules_of_atrium_group_may_assume_the_scheduler_role(dev):
    (trust,) = _scheduler_role(dev)["AssumeRolePolicyDocument"]["Statement"]
    (group_id,) = dev.of_type("AWS::Scheduler::ScheduleGroup")
    assert trust["Condition"]["ArnEquals"] == {"aws:SourceArn": {"Fn::GetAtt": [group_id, "Arn"]}}
    assert trust["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    assert dev.one("AWS::Scheduler::ScheduleGroup")["Name"] == "atrium-dev-reminders"


def test_sweep_runs_every_fifteen_minutes(dev):
    events = dev.function("Sweep")["Events"].values()
    assert [e["Properties"]["Schedule"] for e in events if e["Type"] == "Schedule"] == ["rate(15 minutes)"]
