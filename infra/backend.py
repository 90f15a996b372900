"""The Chalice application, packaged by Chalice's CDK construct, and what CDK
adds around its functions: roles, names, sizes, API shape, event sources."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sqs as sqs
from chalice.cdk import Chalice
from chalicelib.jobs.stream import PROJECTED
from constructs import Construct

import bytecode
import functions as fn
import problems
from settings import Settings

# Pinned here, not left to .chalice/config.json, because the 5xx alarm names it.
API_STAGE = "api"


def chalice_app(scope: Construct, settings: Settings, config: dict) -> Chalice:
    # Chalice builds a botocore client to name service principals; any region
    # gives the same names, and the template itself stays region-agnostic.
    os.environ.setdefault("AWS_DEFAULT_REGION", os.environ.get("CDK_DEFAULT_REGION", "us-east-1"))
    # The construct takes the Chalice stage from its scope's name: the stack
    # id is the stage for that reason.
    return CompiledChalice(scope, "Chalice", source_dir=settings.project_dir, stage_config=config)


class CompiledChalice(Chalice):
    """Chalice's construct, with compiled bytecode added to the package it builds, before
    CDK takes the package as the functions' code asset (infra/bytecode.py)."""

    def _package_app(self) -> None:
        super()._package_app()
        bytecode.add_to(Path(self._sam_package_dir) / "deployment.zip")


def stage_config(env: dict, default_role_arn: str, layer_arn: str) -> dict:
    """Overrides .chalice/config.json for the packaged stage."""
    return {
        "environment_variables": env,
        "api_gateway_stage": API_STAGE,
        # Roles are built here per function; Chalice's one shared role would
        # hold the union of every function's permissions.
        "manage_iam_role": False,
        "iam_role_arn": default_role_arn,
        "xray": True,
        # Powertools' public layer brings aws-xray-sdk for Tracer, which would
        # otherwise make the package 26 MB.
        "layers": [layer_arn],
    }


def log_group(scope: Construct, function: fn.Function, settings: Settings) -> logs.LogGroup:
    # Created here so retention is set and the roles need no CreateLogGroup.
    return logs.LogGroup(
        scope, f"{function.logical_id}Logs",
        log_group_name=f"/aws/lambda/{function.function_name(settings)}",
        retention=logs.RetentionDays[settings.log_retention],
    )


def role(scope: Construct, function: fn.Function, statements: list[iam.PolicyStatement]) -> iam.Role:
    return iam.Role(
        scope, f"{function.logical_id}Role",
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        description=f"Atrium {function.name}: only what it uses",
        inline_policies={"atrium": iam.PolicyDocument(statements=statements)},
    )


def _resource(app: Chalice, function: fn.Function):
    try:
        return app.get_resource(function.logical_id)
    except RuntimeError as exc:  # jsii's wording would not say what is missing
        raise RuntimeError(f"app.py defines no function {function.name!r}; "
                           "infra/functions.py expects it") from exc


def configure(app: Chalice, function: fn.Function, settings: Settings,
              function_role: iam.Role, logs_: logs.LogGroup) -> None:
    resource = _resource(app, function)
    # A fixed name lets roles, alarms and the scheduler name the function
    # before it exists, without a dependency cycle.
    resource.add_property_override("FunctionName", function.function_name(settings))
    resource.add_property_override("Role", function_role.role_arn)
    resource.add_property_override("Timeout", function.timeout)
    resource.add_property_override("MemorySize", function.memory)
    resource.add_resource_dependency(logs_.node.default_child)


def shape_api(app: Chalice, settings: Settings, authorizer: str) -> None:
    api = app.get_resource("RestAPI")
    api.add_property_override("Name", settings.prefix)
    # Traces then start at API Gateway, so its latency shows beside the Lambda's.
    api.add_property_override("TracingEnabled", True)
    api.add_property_override(
        "DefinitionBody.x-amazon-apigateway-gateway-responses", problems.gateway_responses(settings.allowed_origins[0]))
    # A cached allow would let a deactivated user in until the cache expired.
    api.add_property_override(
        f"DefinitionBody.securityDefinitions.{authorizer}"
        ".x-amazon-apigateway-authorizer.authorizerResultTtlInSeconds", 0)
    for path in api_paths():
        api.add_property_override(f"DefinitionBody.paths.{_escaped(path)}.options", preflight_method(path))


def api_paths() -> list[str]:
    """Every path of the API, as app.py registers its routes."""
    from chalicelib.core.route_table import ROUTES
    return sorted({path for _, path, _, _ in ROUTES})


def _escaped(path: str) -> str:
    # A property override splits its path at dots; "/openapi.json" is one key.
    return path.replace(".", "\\.")


def preflight_method(path: str) -> dict:
    """A browser's CORS preflight (OPTIONS, never with the Authorization header) for one
    path: no authorizer, handed to the API function, which answers it for the allowed
    origins only (chalicelib/core/cors.py). A gateway mock response could name one
    origin only, and would answer for routes the app does not know the same way."""
    return {
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "parameters": [{"name": name, "in": "path", "required": True, "type": "string"}
                       for name in re.findall(r"{(\w+)}", path)],
        "responses": {"204": {"description": "The methods and headers a page may use"}},
        "x-amazon-apigateway-integration": {
            "type": "aws_proxy", "httpMethod": "POST", "passthroughBehavior": "when_no_match",
            "contentHandling": "CONVERT_TO_TEXT",
            "uri": {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31"
                               "/functions/${APIHandler.Arn}/invocations"},
        },
    }


def stream_to_dispatch(scope: Construct, app: Chalice, table: dynamodb.Table,
                       dead_letters: sqs.Queue) -> lambda_.CfnEventSourceMapping:
    # Newly written outbox items (marking one sent, a MODIFY, must not dispatch it
    # again) and every change of an item type that has projections.
    outbox = {"eventName": ["INSERT"], "dynamodb": {"NewImage": {"type": {"S": ["outbox"]}}}}
    projected = {"dynamodb": {"NewImage": {"type": {"S": list(PROJECTED)}}}}
    return lambda_.CfnEventSourceMapping(
        scope, "OutboxStreamMapping",
        function_name=_resource(app, fn.OUTBOX_DISPATCH).ref,
        event_source_arn=table.table_stream_arn,
        starting_position="LATEST",
        batch_size=100,
        bisect_batch_on_function_error=True,
        maximum_retry_attempts=5,
        filter_criteria={"filters": [{"pattern": json.dumps(p)} for p in (outbox, projected)]},
        destination_config={"onFailure": {"destination": dead_letters.queue_arn}},
    )


def queue_to_sender(scope: Construct, app: Chalice, queue: sqs.Queue) -> lambda_.CfnEventSourceMapping:
    return lambda_.CfnEventSourceMapping(
        scope, "OutboxQueueMapping",
        function_name=_resource(app, fn.OUTBOX_SEND).ref,
        event_source_arn=queue.queue_arn,
        batch_size=10,
        function_response_types=["ReportBatchItemFailures"],
        # Keeps a burst of mail within SES's per-second sending rate.
        scaling_config={"maximumConcurrency": 5},
    )


def on_failure(scope: Construct, app: Chalice, function: fn.Function, destination: sqs.Queue) -> None:
    """An asynchronous invocation (schedule, scheduler) that fails every retry is kept
    in the queue, with its event, instead of vanishing."""
    lambda_.CfnEventInvokeConfig(
        scope, f"{function.logical_id}OnFailure",
        function_name=_resource(app, function).ref,
        qualifier="$LATEST",
        maximum_retry_attempts=2,
        destination_config={"onFailure": {"destination": destination.queue_arn}},
    )


def objects_to_finaliser(scope: Construct, app: Chalice, bucket: s3.Bucket) -> events.CfnRule:
    """S3 tells EventBridge of each new object and of each scan verdict tag; the rule hands
    those of the documents bucket to the function that finalises uploads."""
    target = _resource(app, fn.DOCUMENT_STORED)
    rule = events.CfnRule(
        scope, "DocumentStoredRule",
        description="Finalise an upload when its object arrives or its malware scan is tagged",
        event_pattern={"source": ["aws.s3"], "detail-type": ["Object Created", "Object Tags Added"],
                       "detail": {"bucket": {"name": [bucket.bucket_name]}}},
        targets=[{"id": "finalise", "arn": target.get_att("Arn").to_string()}],
    )
    lambda_.CfnPermission(
        scope, "DocumentStoredInvoke", action="lambda:InvokeFunction", function_name=target.ref,
        principal="events.amazonaws.com", source_arn=rule.attr_arn)
    return rule
