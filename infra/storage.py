"""The single DynamoDB table and the documents bucket."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_s3 as s3
from constructs import Construct

from settings import Settings

# Presigned POSTs carry this tag; finalize removes it. An upload nobody
# finalizes keeps the tag and the lifecycle rule below deletes it.
PENDING_TAG = ("atrium-upload", "pending")
PENDING_UPLOAD_DAYS = 1
# A deleted document stays recoverable (as a noncurrent version) this long.
PURGED_FILE_DAYS = 30


def removal(settings: Settings) -> RemovalPolicy:
    return RemovalPolicy.RETAIN if settings.retain_data else RemovalPolicy.DESTROY


def _key(name: str) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=name, type=dynamodb.AttributeType.STRING)


def table(scope: Construct, settings: Settings) -> dynamodb.Table:
    result = dynamodb.Table(
        scope, "Table",
        partition_key=_key("PK"),
        sort_key=_key("SK"),
        billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
        stream=dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
        time_to_live_attribute="ttl",
        point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
            point_in_time_recovery_enabled=True),
        deletion_protection=settings.retain_data,
        removal_policy=removal(settings),
    )
    for index in ("GSI1", "GSI2"):
        result.add_global_secondary_index(
            index_name=index,
            partition_key=_key(f"{index}PK"),
            sort_key=_key(f"{index}SK"),
            projection_type=dynamodb.ProjectionType.ALL,
        )
    return result


def bucket(scope: Construct, settings: Settings) -> s3.Bucket:
    result = s3.Bucket(
        scope, "Documents",
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        encryption=s3.BucketEncryption.S3_MANAGED,
        enforce_ssl=True,
        minimum_tls_version=1.2,
        object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        versioned=True,
        cors=[_browser_uploads(settings)],
        lifecycle_rules=_lifecycle(),
        removal_policy=removal(settings),
    )
    _send_events_to_eventbridge(result)
    return result


def _browser_uploads(settings: Settings) -> s3.CorsRule:
    return s3.CorsRule(
        allowed_origins=list(settings.allowed_origins),
        # PUT: a large file's parts go to presigned UploadPart URLs; the browser reads
        # each part's ETag to complete.
        allowed_methods=[s3.HttpMethods.POST, s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
        allowed_headers=["*"],
        exposed_headers=["ETag"],
        max_age=3000,
    )


def _lifecycle() -> list[s3.LifecycleRule]:
    key, value = PENDING_TAG
    return [
        s3.LifecycleRule(
            id="pending-uploads",
            tag_filters={key: value},
            expiration=Duration.days(PENDING_UPLOAD_DAYS),
        ),
        s3.LifecycleRule(
            id="purged-files",
            noncurrent_version_expiration=Duration.days(PURGED_FILE_DAYS),
            expired_object_delete_marker=True,
            abort_incomplete_multipart_upload_after=Duration.days(1),
        ),
    ]


def _send_events_to_eventbridge(result: s3.Bucket) -> None:
    # The L2 `event_bridge_enabled` flag goes through a custom-resource Lambda
    # whose role needs s3:PutBucketNotification on "*"; the bucket's own
    # NotificationConfiguration does the same with no extra function or role.
    result.node.default_child.add_property_override(
        "NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled", True)
