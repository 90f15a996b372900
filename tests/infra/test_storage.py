"""The table and the documents bucket, as synthesized."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from aws_cdk.assertions import Match, Template

pytestmark = pytest.mark.infra

TABLE = "AWS::DynamoDB::Table"
BUCKET = "AWS::S3::Bucket"


@pytest.fixture(scope="module")
def template(dev) -> Template:
    return Template.from_json(dev.json)


def _keys(partition: str, sort: str) -> list[dict]:
    return [{"AttributeName": partition, "KeyType": "HASH"}, {"AttributeName": sort, "KeyType": "RANGE"}]


def test_table_keys_indexes_stream_ttl_and_recovery(template):
    assert len(template.find_resources(TABLE)) == 1
    assert template.find_resources(TABLE, {"Properties": {
        "KeySchema": _keys("PK", "SK"),
        "BillingMode": "PAY_PER_REQUEST",
        "GlobalSecondaryIndexes": [
            {"IndexName": "GSI1", "KeySchema": _keys("GSI1PK", "GSI1SK"), "Projection": {"ProjectionType": "ALL"}},
            {"IndexName": "GSI2", "KeySchema": _keys("GSI2PK", "GSI2SK"), "Projection": {"ProjectionType": "ALL"}},
        ],
        "StreamSpecification": {"StreamViewType": "NEW_AND_OLD_IMAGES"},
        "TimeToLiveSpecification": {"AttributeName": "ttl", "Enabled": True},
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
    }})


def test_every_key_attribute_is_a_string(dev):
    definitions = dev.one(TABLE)["AttributeDefinitions"]
    assert {d["AttributeName"]: d["AttributeType"] for d in definitions} == {
        name: "S" for name in ("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK")}


def test_only_prod_protects_its_data_from_deletion(dev, prod):
    assert dev.one(TABLE)["DeletionProtectionEnabled"] is False
    assert prod.one(TABLE)["DeletionProtectionEnabled"] is True
    for type_ in (TABLE, BUCKET, "AWS::Cognito::UserPool"):
        (resource,) = prod.of_type(type_).values()
        assert resource["DeletionPolicy"] == "Retain", type_


def test_bucket_blocks_public_access_and_encrypts(template):
    assert template.find_resources(BUCKET, {"Properties": {
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": True, "BlockPublicPolicy": True,
            "IgnorePublicAcls": True, "RestrictPublicBuckets": True,
        },
        "BucketEncryption": {"ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": Match.any_value()}}]},
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
    }})


def test_bucket_policy_refuses_plain_http(template):
    assert template.find_resources("AWS::S3::BucketPolicy", {"Properties": {"PolicyDocument": {
        "Statement": Match.array_with([Match.object_like({"Effect": "Deny", "Action": "s3:*",
                                                          "Condition": {"Bool": {"aws:SecureTransport": "false"}}})])}}})


def test_bucket_accepts_browser_post_uploads_from_the_portal(dev):
    (rule,) = dev.one(BUCKET)["CorsConfiguration"]["CorsRules"]
    assert {"POST", "PUT"} <= set(rule["AllowedMethods"])  # a form, or a large file's parts
    assert rule["AllowedOrigins"] and "*" not in rule["AllowedOrigins"]


def test_lifecycle_expires_pending_uploads_and_purged_files(dev):
    rules = {r["Id"]: r for r in dev.one(BUCKET)["LifecycleConfiguration"]["Rules"]}
    pending, purged = rules["pending-uploads"], rules["purged-files"]
    assert pending["TagFilters"] == [{"Key": "atrium-upload", "Value": "pending"}]
    assert pending["ExpirationInDays"] == 1
    assert purged["NoncurrentVersionExpiration"]["NoncurrentDays"] > 0
    assert dev.one(BUCKET)["VersioningConfiguration"] == {"Status": "Enabled"}


def test_bucket_events_go_to_eventbridge_without_a_helper_function(dev):
    notifications = dev.one(BUCKET)["NotificationConfiguration"]
    assert notifications == {"EventBridgeConfiguration": {"EventBridgeEnabled": True}}
    assert dev.of_type("Custom::S3BucketNotifications") == {}


def test_the_suites_stage_scans_the_bucket_for_malware_and_tags_the_verdict(dev):
    # tests/infra/conftest.py turns the option on: the suite finalises against verdict tags.
    plan = dev.one("AWS::GuardDuty::MalwareProtectionPlan")
    (bucket_id,) = dev.of_type(BUCKET)
    assert plan["ProtectedResource"]["S3Bucket"]["BucketName"] == {"Ref": bucket_id}
    assert plan["Actions"]["Tagging"]["Status"] == "ENABLED"
    role = dev.resources[plan["Role"]["Fn::GetAtt"][0]]["Properties"]
    (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "malware-protection-plan.guardduty.amazonaws.com"}
    for function in ("APIHandler", "DocumentStored"):
        assert any("s3:GetObjectTagging" in s["Action"] for s in dev.statements_of(function)), function
    variables = dev.function("DocumentStored")["Environment"]["Variables"]
    assert variables["ATRIUM_MALWARE_SCAN"] == "guardduty"


def test_reading_the_verdict_tag_is_granted_only_where_the_stage_scans(monkeypatch):
    # The roles' statements alone, built in-process (no synth, so no CDK tokens leak).
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "infra"))
    import access
    import functions as fn
    arns = access.Arns(table="t", bucket="b", user_pool="u", outbox_queue="q", dead_letters="d", mail_identities=(),
                       mail_from="m@x.example", configuration_set="c", schedules="s", scheduler_role="r",
                       signing_secret="k")

    def actions(scans: bool) -> set[str]:
        found = access.statements(fn.DOCUMENT_STORED, replace(arns, scan_verdicts=scans), "log")
        return {a for s in found for a in s.to_statement_json()["Action"]}
    assert "s3:GetObjectTagging" in actions(True) and "s3:GetObjectTagging" not in actions(False)
