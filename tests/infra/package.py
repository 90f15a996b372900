"""The deployment package as Lambda runs it: unpacked from the cloud assembly `make
synth` writes, each function's Handler imported in a fresh interpreter that sees only
the package and the boto3 the runtime provides, against a moto server on 127.0.0.1."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from tests.infra.conftest import Synthesized

RUNNER = Path(__file__).with_name("lambda_runner.py")
# What the Lambda Python runtime carries besides the standard library.
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "six.py", "urllib3")
FUNCTION = "AWS::Serverless::Function"


def code_asset(synthesized: Synthesized) -> Path:
    """The one code asset every function shares."""
    keys = {f["Properties"]["CodeUri"]["Key"] for f in synthesized.of_type(FUNCTION).values()}
    assert len(keys) == 1, f"functions ship different packages: {keys}"
    return synthesized.assembly / f"asset.{keys.pop()}"


def unpack(synthesized: Synthesized, into: Path) -> Path:
    """The code asset, extracted into an empty directory."""
    with zipfile.ZipFile(code_asset(synthesized)) as archive:
        archive.extractall(into)
    return into


def runtime_dir(into: Path) -> Path:
    """boto3 and its dependencies, linked from this interpreter's site-packages."""
    import boto3 as installed
    site = Path(installed.__file__).parent.parent
    into.mkdir()
    for name in RUNTIME_PROVIDED:
        (into / name).symlink_to(site / name)
    return into


# Modules the test watches: the API function should never pay for them.
WATCHED = ["cryptography", "jwt"]


@dataclass
class Invocation:
    results: list[dict[str, Any]]
    actions: set[str]
    loaded_by_import: list[str]

    def value(self, i: int = 0) -> Any:
        found = self.results[i]
        assert found["ok"], found.get("trace")
        return found["value"]


@dataclass
class Package:
    code: Path
    runtime: Path
    env: dict[str, str]
    workdir: Path
    # Logical id of each function -> every IAM action its invocations needed.
    evidence: dict[str, set[str]] = field(default_factory=dict)

    def invoke(self, synthesized: Synthesized, logical_id: str, events: list[Any]) -> Invocation:
        handler = synthesized.function(logical_id)["Handler"]
        out = self.workdir / f"{logical_id}-{uuid.uuid4().hex}.json"
        job = {"handler": handler, "events": events, "path": [str(self.code), str(self.runtime)], "out": str(out),
               "watch": WATCHED}
        done = subprocess.run([sys.executable, "-I", "-S", str(RUNNER)], input=json.dumps(job), text=True,
                              capture_output=True, env=self.env, cwd=self.workdir, timeout=120)
        assert done.returncode == 0, f"{logical_id} ({handler}) did not run:\n{done.stderr[-4000:]}"
        answer = json.loads(out.read_text())
        self.evidence.setdefault(logical_id, set()).update(answer["actions"])
        return Invocation(answer["results"], set(answer["actions"]), answer["loaded_by_import"])


def lambda_environment(synthesized: Synthesized, local: dict[str, str], endpoint: str) -> dict[str, str]:
    """What a function's environment holds in the template, with the local stack's values;
    a variable the template sets that the local stack cannot fill is a test failure."""
    declared = set(synthesized.function("APIHandler")["Environment"]["Variables"])
    fixed = {"POWERTOOLS_SERVICE_NAME": "atrium", "POWERTOOLS_METRICS_NAMESPACE": "Atrium",
             "ATRIUM_PUBLIC_URL": "http://127.0.0.1:8000", "ATRIUM_EVENT_BUS": "default",
             "ATRIUM_ALLOWED_ORIGINS": "http://127.0.0.1:8000",
             "ATRIUM_MALWARE_SCAN": synthesized.function("APIHandler")["Environment"]["Variables"].get(
                 "ATRIUM_MALWARE_SCAN", "")}
    values = {**fixed, **local}
    missing = declared - set(values)
    assert not missing, f"the local stack has no value for {sorted(missing)}"
    aws = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint,
           "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled", "POWERTOOLS_LOG_LEVEL": "WARNING",
           "POWERTOOLS_METRICS_DISABLED": "true", "LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "")}
    return {**aws, **{k: values[k] for k in declared}}


def proxy_event(method: str, path: str, body: Any = None, resource: str | None = None,
                path_parameters: dict[str, str] | None = None,
                authorizer: dict[str, Any] | None = None) -> dict[str, Any]:
    """An API Gateway REST proxy request, as the deployed API receives it."""
    headers = {"content-type": "application/json", "host": "api.example"}
    return {
        "resource": resource or path, "path": path, "httpMethod": method, "headers": headers,
        "multiValueHeaders": {k: [v] for k, v in headers.items()},
        "queryStringParameters": None, "multiValueQueryStringParameters": None,
        "pathParameters": path_parameters, "stageVariables": None,
        "requestContext": {"resourcePath": resource or path, "httpMethod": method, "path": f"/api{path}",
                           "requestId": str(uuid.uuid4()), "stage": "api", "identity": {"sourceIp": "127.0.0.1"},
                           "authorizer": authorizer},
        "body": None if body is None else json.dumps(body), "isBase64Encoded": False,
    }


def token_event(token: str) -> dict[str, Any]:
    return {"type": "TOKEN", "authorizationToken": f"Bearer {token}",
            "methodArn": "arn:aws:execute-api:us-east-1:123456789012:abc123/api/GET/me"}


def stream_records(stream_arn: str, endpoint: str) -> list[dict[str, Any]]:
    """Everything on the table's stream so far, as Lambda's poller would hand it over."""
    streams = boto3.client("dynamodbstreams", endpoint_url=endpoint, region_name="us-east-1")
    records = []
    for shard in streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(StreamArn=stream_arn, ShardId=shard["ShardId"],
                                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        for record in streams.get_records(ShardIterator=iterator)["Records"]:
            record["dynamodb"]["ApproximateCreationDateTime"] = 0
            record["eventSourceARN"] = stream_arn
            records.append(record)
    return records


def queue_batch(queue_url: str, endpoint: str) -> list[dict[str, Any]]:
    sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1")
    found = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10,
                                MessageSystemAttributeNames=["ApproximateReceiveCount"]).get("Messages", [])
    return [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
             "attributes": m.get("Attributes", {}), "eventSource": "aws:sqs"} for m in found]


SCHEDULED_EVENT = {"version": "0", "id": "tick", "detail-type": "Scheduled Event", "source": "aws.events",
                   "account": "123456789012", "time": "2030-01-01T00:00:00Z", "region": "us-east-1",
                   "resources": ["arn:aws:events:us-east-1:123456789012:rule/atrium-sweep"], "detail": {}}
