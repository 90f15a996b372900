"""Runs one Lambda handler the way the Lambda runtime does, and records what it calls.

    python -I -S lambda_runner.py < job.json

`-I -S` leave only the standard library on sys.path; the job adds the unpacked
deployment package and the directory holding boto3 (which the runtime provides), and
nothing else, so an import that works only because the test suite or app.py made it
work fails here as it would in Lambda. The job names the handler (`module.attribute`,
as the template's Handler does) and the events to invoke it with, one after another in
the same interpreter, as a warm function would. Each AWS call the handler makes is
recorded as the IAM actions it needs (see `iam_actions`, also used by the suite's own
recorder), so roles can be checked against evidence.

This file imports nothing from the project: it runs outside it.
"""
from __future__ import annotations

import importlib
import json
import sys
import traceback
from typing import Any

# A TransactWriteItems/TransactGetItems call is authorised per element, against the
# item action the element performs.
_TRANSACT_ELEMENTS = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                      "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}
# Operations IAM authorises as another action.
_AUTHORISED_AS = {("s3", "HeadObject"): "GetObject", ("s3", "ListObjectsV2"): "ListBucket",
                  ("s3", "ListObjectVersions"): "ListBucketVersions", ("s3", "UploadPart"): "PutObject",
                  ("s3", "CreateMultipartUpload"): "PutObject", ("s3", "CompleteMultipartUpload"): "PutObject",
                  ("s3", "AbortMultipartUpload"): "AbortMultipartUpload",
                  ("s3", "ListParts"): "ListMultipartUploadParts",
                  ("s3", "ListMultipartUploads"): "ListBucketMultipartUploads"}
# Naming one version of an object needs the version's own action.
_PER_VERSION = {"GetObject": "GetObjectVersion", "DeleteObject": "DeleteObjectVersion",
                "GetObjectTagging": "GetObjectVersionTagging", "PutObjectTagging": "PutObjectVersionTagging",
                "DeleteObjectTagging": "DeleteObjectVersionTagging"}
# Operations the caller's Cognito access token authorises: IAM does not evaluate them.
_TOKEN_AUTHORISED = {("cognito-idp", "AssociateSoftwareToken"), ("cognito-idp", "VerifySoftwareToken")}


def iam_actions(prefix: str, operation: str, params: dict[str, Any]) -> set[str]:
    """The IAM actions one API call needs. `prefix` is the service's IAM prefix."""
    if prefix == "dynamodb" and operation in ("TransactWriteItems", "TransactGetItems"):
        return {f"dynamodb:{_TRANSACT_ELEMENTS[kind]}"
                for element in params.get("TransactItems", []) for kind in element}
    if (prefix, operation) in _TOKEN_AUTHORISED:
        return set()
    actions = {f"{prefix}:{_AUTHORISED_AS.get((prefix, operation), operation)}"}
    if prefix == "scheduler" and operation in ("CreateSchedule", "UpdateSchedule"):
        actions.add("iam:PassRole")  # the schedule's target role is passed to the service
    if prefix == "s3" and params.get("VersionId"):
        action = _AUTHORISED_AS.get((prefix, operation), operation)
        actions = {f"s3:{_PER_VERSION.get(action, action)}"}
    if prefix == "s3" and "Tagging" in params:
        actions.add(f"s3:{operation}Tagging")
    return actions


def iam_prefix(service_model: Any) -> str:
    """DynamoDB Streams share DynamoDB's IAM prefix; everything else signs with its own."""
    return service_model.signing_name or service_model.endpoint_prefix


def record_calls(sink: set[str]) -> None:
    """Adds to `sink` the IAM actions of every botocore call this process makes."""
    install_recorder(sink.update)


def install_recorder(add: Any) -> None:
    """Calls `add(actions)` with the IAM actions of every botocore call, and of every
    request presigned for a later holder, that this process makes from now on."""
    from botocore.client import BaseClient

    original = BaseClient._make_api_call

    def recording(self: Any, operation_name: str, api_params: dict[str, Any]) -> Any:
        add(iam_actions(iam_prefix(self.meta.service_model), operation_name, api_params))
        return original(self, operation_name, api_params)
    BaseClient._make_api_call = recording  # type: ignore[method-assign]
    _record_presigning(add)


def _record_presigning(add: Any) -> None:
    """A presigned request is made later by its holder, with the signer's permissions;
    signing it is the evidence. Clients made after this get the recording versions."""
    from botocore import signers

    url, post = signers.generate_presigned_url, signers.generate_presigned_post

    def presigned_url(self: Any, ClientMethod: str, Params: Any = None, **kw: Any) -> Any:  # noqa: N803
        operation = self.meta.method_to_api_mapping.get(ClientMethod, ClientMethod)
        add(iam_actions(iam_prefix(self.meta.service_model), operation, Params or {}))
        return url(self, ClientMethod, Params, **kw)

    def presigned_post(self: Any, Bucket: str, Key: str, Fields: Any = None, **kw: Any) -> Any:  # noqa: N803
        add({"s3:PutObject", "s3:PutObjectTagging"} if "tagging" in (Fields or {}) else {"s3:PutObject"})
        return post(self, Bucket, Key, Fields, **kw)
    signers.generate_presigned_url, signers.generate_presigned_post = presigned_url, presigned_post


def _invoke(handler: Any, event: Any) -> dict[str, Any]:
    try:
        return {"ok": True, "value": handler(event, _Context())}
    except Exception as exc:  # noqa: BLE001 - reported to the test, which decides
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}", "trace": traceback.format_exc()}


class _Context:
    function_name = "atrium-test"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:atrium-test"
    memory_limit_in_mb = 256
    aws_request_id = "00000000-0000-0000-0000-000000000000"
    log_group_name = "/aws/lambda/atrium-test"
    log_stream_name = "test"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def main() -> None:
    job = json.load(sys.stdin)
    sys.path[:0] = job["path"]
    actions: set[str] = set()
    record_calls(actions)
    module_name, _, attribute = job["handler"].rpartition(".")
    handler = getattr(importlib.import_module(module_name), attribute)
    results = [_invoke(handler, event) for event in job["events"]]
    # Routes modules load on their first request: what the calls loaded counts too.
    loaded_by_import = sorted(name for name in job.get("watch", []) if name in sys.modules)
    # Not stdout: the handlers log there.
    with open(job["out"], "w") as out:
        json.dump({"results": results, "actions": sorted(actions), "loaded_by_import": loaded_by_import},
                  out, default=str)


if __name__ == "__main__":
    main()
