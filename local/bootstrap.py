"""Creates every AWS resource Atrium uses, against whatever endpoint boto3 is pointed at
(moto's server locally, moto's in-process mock in tests). Returns the ATRIUM_* settings."""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import boto3

from chalicelib.core import password_policy

TABLE = "atrium"
BUCKET = "atrium-files"
MAIL_FROM = "portal@atrium.example"
CONFIG_SET = "atrium"
SCHEDULE_GROUP = "atrium"


@lru_cache(maxsize=None)
def _client(name: str, region: str, endpoint: str | None) -> Any:
    # Made once per process: tests bootstrap a fresh mock for every test.
    return boto3.client(name, region_name=region, endpoint_url=endpoint)


def create_table(ddb: Any) -> str:
    index = lambda n: {"IndexName": n, "Projection": {"ProjectionType": "ALL"},  # noqa: E731
                       "KeySchema": [{"AttributeName": f"{n}PK", "KeyType": "HASH"},
                                     {"AttributeName": f"{n}SK", "KeyType": "RANGE"}]}
    table = ddb.create_table(
        TableName=TABLE, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"}
                              for a in ("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK")],
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[index("GSI1"), index("GSI2")],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    ddb.update_time_to_live(TableName=TABLE, TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"})
    return table["TableDescription"]["LatestStreamArn"]


def create_bucket(s3: Any) -> None:
    s3.create_bucket(Bucket=BUCKET)
    s3.put_public_access_block(Bucket=BUCKET, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True})
    s3.put_bucket_cors(Bucket=BUCKET, CORSConfiguration={"CORSRules": [
        {"AllowedMethods": ["POST", "GET"], "AllowedOrigins": ["*"], "AllowedHeaders": ["*"], "MaxAgeSeconds": 3000}]})


def create_user_pool(idp: Any) -> tuple[str, str]:
    pool = idp.create_user_pool(
        PoolName="atrium", Policies={"PasswordPolicy": password_policy.cognito_policy()}, MfaConfiguration="OPTIONAL",
        Schema=[{"Name": "firm_id", "AttributeDataType": "String", "Mutable": False,
                 "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"}}],
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True})["UserPool"]
    app_client = idp.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="atrium-api", GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ReadAttributes=["email", "custom:firm_id"])["UserPoolClient"]
    return pool["Id"], app_client["ClientId"]


def create_queues(sqs: Any) -> tuple[str, str]:
    dlq = sqs.create_queue(QueueName="atrium-outbox-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    queue = sqs.create_queue(QueueName="atrium-outbox", Attributes={
        "VisibilityTimeout": "60",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "5"})})["QueueUrl"]
    return queue, dlq


def create_push_apps(sns: Any) -> tuple[str, str]:
    """SNS platform applications for the mobile apps; moto records what is sent to them."""
    made = [sns.create_platform_application(Name=f"atrium-{name}", Platform=platform, Attributes={
        "PlatformCredential": "local", "PlatformPrincipal": "local"})["PlatformApplicationArn"]
        for name, platform in (("ios", "APNS"), ("android", "GCM"))]
    return made[0], made[1]


def bootstrap(region: str = "us-east-1", endpoint: str | None = None) -> dict[str, str]:
    c = lambda name: _client(name, region, endpoint)  # noqa: E731
    stream_arn = create_table(c("dynamodb"))
    create_bucket(c("s3"))
    pool_id, client_id = create_user_pool(c("cognito-idp"))
    c("ses").verify_email_identity(EmailAddress=MAIL_FROM)
    c("ses").create_configuration_set(ConfigurationSet={"Name": CONFIG_SET})
    queue_url, dlq_url = create_queues(c("sqs"))
    c("scheduler").create_schedule_group(Name=SCHEDULE_GROUP)
    ios_arn, android_arn = create_push_apps(c("sns"))
    return {
        "ATRIUM_PUSH_IOS_ARN": ios_arn, "ATRIUM_PUSH_ANDROID_ARN": android_arn,
        "ATRIUM_TABLE": TABLE, "ATRIUM_BUCKET": BUCKET, "ATRIUM_USER_POOL_ID": pool_id,
        "ATRIUM_USER_POOL_CLIENT_ID": client_id, "ATRIUM_MAIL_FROM": MAIL_FROM,
        "ATRIUM_SES_CONFIG_SET": CONFIG_SET, "ATRIUM_OUTBOX_QUEUE_URL": queue_url,
        "ATRIUM_OUTBOX_DLQ_URL": dlq_url, "ATRIUM_SCHEDULE_GROUP": SCHEDULE_GROUP,
        "ATRIUM_TABLE_STREAM_ARN": stream_arn,
        # moto stores schedules but never fires them; local/schedules.py does.
        "ATRIUM_SCHEDULER_TARGET_ARN": "arn:aws:lambda:us-east-1:123456789012:function:atrium-local-scheduled_reminder",
        "ATRIUM_SCHEDULER_ROLE_ARN": "arn:aws:iam::123456789012:role/atrium-local-scheduler",
    }
