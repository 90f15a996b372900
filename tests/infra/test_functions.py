"""The Chalice functions as deployed: configuration, event sources, the API's
own error responses, and the alarms."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from chalicelib.core.gateway_responses import GATEWAY_RESPONSES
from infra import project

pytestmark = pytest.mark.infra

FUNCTIONS = {
    "APIHandler": "atrium-dev-api",
    "JwtAuth": "atrium-dev-jwt_auth",
    "OutboxDispatch": "atrium-dev-outbox_dispatch",
    "OutboxSend": "atrium-dev-outbox_send",
    "Sweep": "atrium-dev-sweep",
    "ScheduledReminder": "atrium-dev-scheduled_reminder",
    "OpportunityDigest": "atrium-dev-opportunity_digest",
    "IdleRooms": "atrium-dev-idle_rooms",
    "DocumentStored": "atrium-dev-document_stored",
}
RUNTIME = "python" + (Path(__file__).parents[2] / ".python-version").read_text().strip()
ENVIRONMENT = {
    "ATRIUM_TABLE", "ATRIUM_BUCKET", "ATRIUM_USER_POOL_ID", "ATRIUM_USER_POOL_CLIENT_ID",
    "ATRIUM_MAIL_FROM", "ATRIUM_PUBLIC_URL", "ATRIUM_ALLOWED_ORIGINS", "ATRIUM_SES_CONFIG_SET", "ATRIUM_OUTBOX_QUEUE_URL", "ATRIUM_SCHEDULE_GROUP",
    "ATRIUM_SCHEDULER_ROLE_ARN", "ATRIUM_SCHEDULER_TARGET_ARN", "ATRIUM_EVENT_BUS", "ATRIUM_SIGNING_SECRET",
    "ATRIUM_PUSH_IOS_ARN", "ATRIUM_PUSH_ANDROID_ARN",
    "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE",
}


def test_every_function_has_its_name_and_its_own_role(dev):
    assert set(dev.of_type("AWS::Serverless::Function")) == set(FUNCTIONS)
    roles = set()
    for logical_id, name in FUNCTIONS.items():
        function = dev.function(logical_id)
        assert function["FunctionName"] == name
        roles.add(function["Role"]["Fn::GetAtt"][0])
    assert len(roles) == len(FUNCTIONS)


def test_functions_get_the_environment_the_app_reads(dev):
    env = dev.function("Sweep")["Environment"]["Variables"]
    assert ENVIRONMENT <= set(env)
    assert env["POWERTOOLS_SERVICE_NAME"] == "atrium"
    assert env["POWERTOOLS_METRICS_NAMESPACE"] == "Atrium"
    assert env["ATRIUM_EVENT_BUS"] == "default"
    assert "@" in env["ATRIUM_MAIL_FROM"]


def test_the_signing_key_is_named_not_given(dev):
    """The functions get the secret's ARN and read the key at run time: a rotation needs no
    deployment, and the key is in no function's configuration."""
    (secret_id,) = dev.of_type("AWS::SecretsManager::Secret")
    assert dev.function("APIHandler")["Environment"]["Variables"]["ATRIUM_SIGNING_SECRET"] == {"Ref": secret_id}
    assert "resolve:secretsmanager" not in json.dumps(dev.json)
    generated = dev.resources[secret_id]["Properties"]["GenerateSecretString"]
    assert generated["GenerateStringKey"] == "current" and json.loads(generated["SecretStringTemplate"]) == {}


def test_scheduler_target_is_the_reminder_function(dev):
    target = dev.function("APIHandler")["Environment"]["Variables"]["ATRIUM_SCHEDULER_TARGET_ARN"]
    assert json.dumps(target).endswith(':function:atrium-dev-scheduled_reminder"]]}')


def test_every_function_runs_on_the_projects_python(dev):
    """One choice of Python (.python-version) decides the runtime, and it is one AWS will
    still support a year from now (python3.11 ends in 2027)."""
    assert RUNTIME == "python3.12"
    assert {dev.function(logical_id)["Runtime"] for logical_id in FUNCTIONS} == {RUNTIME}


def test_a_synth_under_another_python_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "version_info", (3, 11, 7, "final", 0))
    with pytest.raises(RuntimeError, match="run it from the project's virtualenv"):
        project.lambda_python()


def test_functions_trace_with_the_powertools_layer(dev):
    (parameter,) = [p for p in dev.json["Parameters"].values()
                    if p["Default"].startswith("/aws/service/powertools/python/")]
    assert parameter["Default"].endswith(f"/{RUNTIME}/3.37.0")
    for logical_id in FUNCTIONS:
        assert dev.function(logical_id)["Tracing"] == "Active"
        assert len(dev.function(logical_id)["Layers"]) == 1


def test_each_function_logs_to_a_group_with_retention(dev, prod):
    groups = {g["Properties"]["LogGroupName"]: g["Properties"] for g in dev.of_type("AWS::Logs::LogGroup").values()
              if g["Properties"]["LogGroupName"].startswith("/aws/lambda/")}
    assert set(groups) == {f"/aws/lambda/{name}" for name in FUNCTIONS.values()}
    assert {g["RetentionInDays"] for g in groups.values()} == {14}
    assert {g["Properties"]["RetentionInDays"] for g in prod.of_type("AWS::Logs::LogGroup").values()} == {365}


def _mapping(synth, function: str) -> dict:
    mappings = synth.of_type("AWS::Lambda::EventSourceMapping").values()
    (found,) = [m["Properties"] for m in mappings if m["Properties"]["FunctionName"] == {"Ref": function}]
    return found


def test_stream_feeds_new_outbox_items_and_projected_changes_to_the_dispatcher(dev):
    from chalicelib.jobs.stream import PROJECTED
    mapping = _mapping(dev, "OutboxDispatch")
    (table_id,) = dev.of_type("AWS::DynamoDB::Table")
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": [table_id, "StreamArn"]}
    outbox, projected = [json.loads(f["Pattern"]) for f in mapping["FilterCriteria"]["Filters"]]
    # Only new outbox items: marking one sent (a MODIFY) must not dispatch it again.
    assert outbox == {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"type": {"S": ["outbox"]}}}}
    # Every change of a projected type, whatever the event.
    assert projected == {"dynamodb": {"NewImage": {"type": {"S": list(PROJECTED)}}}} and "firm" in PROJECTED
    assert mapping["BisectBatchOnFunctionError"] is True
    assert mapping["MaximumRetryAttempts"] > 0


def test_a_stream_batch_that_keeps_failing_goes_to_the_dead_letter_queue(dev):
    destination = _mapping(dev, "OutboxDispatch")["DestinationConfig"]["OnFailure"]["Destination"]
    outbox = _mapping(dev, "OutboxSend")["EventSourceArn"]
    redrive = dev.resources[outbox["Fn::GetAtt"][0]]["Properties"]["RedrivePolicy"]
    assert destination == redrive["deadLetterTargetArn"]


def test_queue_feeds_the_sender_with_partial_batch_failures(dev):
    mapping = _mapping(dev, "OutboxSend")
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert dev.resources[mapping["EventSourceArn"]["Fn::GetAtt"][0]]["Type"] == "AWS::SQS::Queue"


def _definition(synth) -> dict:
    return synth.resources["RestAPI"]["Properties"]["DefinitionBody"]


def test_authorizer_results_are_never_cached(dev):
    authorizer = _definition(dev)["securityDefinitions"]["jwt_auth"]["x-amazon-apigateway-authorizer"]
    assert authorizer["authorizerResultTtlInSeconds"] == 0


@pytest.mark.parametrize("kind", ["UNAUTHORIZED", "ACCESS_DENIED", "DEFAULT_4XX", "DEFAULT_5XX"])
def test_gateway_errors_answer_problem_json(dev, kind):
    response = _definition(dev)["x-amazon-apigateway-gateway-responses"][kind]
    status, detail = GATEWAY_RESPONSES[kind]
    body = json.loads(response["responseTemplates"]["application/json"])
    assert response["responseParameters"]["gatewayresponse.header.Content-Type"] == "'application/problem+json'"
    assert response["statusCode"] == str(status)
    assert {"type", "title", "status", "detail"} <= set(body)
    assert (body["status"], body["detail"]) == (status, detail)


def test_every_gateway_error_body_states_its_own_status(dev):
    responses = _definition(dev)["x-amazon-apigateway-gateway-responses"]
    assert responses["MISSING_AUTHENTICATION_TOKEN"]["statusCode"] == "404"
    assert responses["THROTTLED"]["statusCode"] == "429"
    for response in responses.values():
        body = json.loads(response["responseTemplates"]["application/json"])
        assert str(body["status"]) == response["statusCode"]


def _alarms(synth) -> dict[str, dict]:
    return {k: v["Properties"] for k, v in synth.of_type("AWS::CloudWatch::Alarm").items()}


def test_alarm_on_any_message_in_the_dead_letter_queue(dev):
    (alarm,) = [a for a in _alarms(dev).values() if a.get("Namespace") == "AWS/SQS"]
    (dlq_id,) = [k for k, v in dev.of_type("AWS::SQS::Queue").items() if "RedrivePolicy" not in v["Properties"]]
    assert alarm["MetricName"] == "ApproximateNumberOfMessagesVisible"
    assert alarm["Dimensions"] == [{"Name": "QueueName", "Value": {"Fn::GetAtt": [dlq_id, "QueueName"]}}]
    assert (alarm["Threshold"], alarm["ComparisonOperator"]) == (1, "GreaterThanOrEqualToThreshold")


def test_alarm_on_api_5xx(dev):
    (alarm,) = [a for a in _alarms(dev).values() if a.get("Namespace") == "AWS/ApiGateway"]
    assert alarm["MetricName"] == "5XXError"
    dimensions = {d["Name"]: d["Value"] for d in alarm["Dimensions"]}
    assert dimensions["ApiName"] == dev.resources["RestAPI"]["Properties"]["Name"] == "atrium-dev"
    assert dimensions["Stage"] == dev.resources["RestAPI"]["Properties"]["StageName"]


def _metrics_of(alarm: dict) -> list[dict]:
    return [m["MetricStat"]["Metric"] for m in alarm.get("Metrics", []) if "MetricStat" in m]


def test_alarms_on_throttling_of_every_function_and_the_table(dev):
    metrics = [m for a in _alarms(dev).values() for m in _metrics_of(a)]
    throttled = {m["Dimensions"][0]["Value"] for m in metrics if m["MetricName"] == "Throttles"}
    assert throttled == set(FUNCTIONS.values())
    assert {"ReadThrottleEvents", "WriteThrottleEvents"} <= {m["MetricName"] for m in metrics}


def test_every_alarm_notifies_the_alarm_topic(dev):
    (topic_id,) = dev.of_type("AWS::SNS::Topic")
    for alarm in _alarms(dev).values():
        assert alarm["AlarmActions"] == [{"Ref": topic_id}]


def test_new_objects_and_scan_verdicts_of_the_bucket_reach_the_finaliser(dev):
    (rule,) = [r["Properties"] for r in dev.of_type("AWS::Events::Rule").values()
               if r["Properties"].get("EventPattern", {}).get("source") == ["aws.s3"]]
    pattern = rule["EventPattern"]
    assert pattern["detail-type"] == ["Object Created", "Object Tags Added"]
    (bucket,) = dev.of_type("AWS::S3::Bucket")
    assert pattern["detail"]["bucket"]["name"] == [{"Ref": bucket}]
    (target,) = rule["Targets"]
    assert target["Arn"] == {"Fn::GetAtt": ["DocumentStored", "Arn"]}
    (permission,) = [p["Properties"] for p in dev.of_type("AWS::Lambda::Permission").values()
                     if p["Properties"]["Principal"] == "events.amazonaws.com"]
    assert permission["FunctionName"] == {"Ref": "DocumentStored"}


def test_cors_preflights_reach_the_api_function_without_the_authorizer(dev, prod):
    """Every path of the API answers OPTIONS through the API function (chalicelib/core/cors.py),
    which knows the stage's allowed origins; no authorizer, since a preflight never carries
    the token. The app's own methods keep theirs."""
    paths = _definition(dev)["paths"]
    assert "/me" in paths and "/openapi.json" in paths
    for path, methods in paths.items():
        options = methods.get("options")
        assert options is not None, f"no preflight for {path}"
        assert "security" not in options, path
        integration = options["x-amazon-apigateway-integration"]
        assert integration["type"] == "aws_proxy" and "${APIHandler.Arn}" in integration["uri"]["Fn::Sub"]
        assert [p["name"] for p in options.get("parameters", [])] == [
            p["name"] for p in next(m for verb, m in methods.items() if verb != "options").get("parameters", [])]
    assert "security" in paths["/me"]["get"]
    for stage, origins in ((dev, "http://localhost:5173,http://127.0.0.1:8000"), (prod, "https://portal.atrium.example")):
        assert stage.function("APIHandler")["Environment"]["Variables"]["ATRIUM_ALLOWED_ORIGINS"] == origins
