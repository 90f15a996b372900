"""GuardDuty Malware Protection for S3, a stage option (`-c malware_scan=on`; cdk.json
turns it on in prod). GuardDuty scans each new object of the documents bucket and tags
it with its verdict (GuardDutyMalwareScanStatus); the tag's "Object Tags Added" event
reaches the finaliser (backend.objects_to_finaliser), which reads the tag. The plan acts
with a role of its own, holding what GuardDuty documents it needs for an S3-managed-key
bucket: its own EventBridge rule, reading and tagging the objects, the bucket's
notification set-up, and a validation object it writes to check its access."""

from __future__ import annotations

from aws_cdk import Stack
from aws_cdk import aws_guardduty as guardduty
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from constructs import Construct

SERVICE = "malware-protection-plan.guardduty.amazonaws.com"
RULE_PREFIX = "DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3"
VALIDATION_OBJECT = "malware-protection-resource-validation-object"


def malware_protection(scope: Construct, bucket: s3.Bucket) -> guardduty.CfnMalwareProtectionPlan:
    role = iam.Role(scope, "MalwareScanRole", assumed_by=iam.ServicePrincipal(SERVICE),
                    description="GuardDuty Malware Protection: scans and tags the documents bucket",
                    inline_policies={"scan": iam.PolicyDocument(statements=_statements(scope, bucket))})
    return guardduty.CfnMalwareProtectionPlan(
        scope, "MalwareScan", role=role.role_arn,
        protected_resource=guardduty.CfnMalwareProtectionPlan.CFNProtectedResourceProperty(
            s3_bucket=guardduty.CfnMalwareProtectionPlan.S3BucketProperty(bucket_name=bucket.bucket_name)),
        # The verdict tag is what the finaliser waits for.
        actions=guardduty.CfnMalwareProtectionPlan.CFNActionsProperty(
            tagging=guardduty.CfnMalwareProtectionPlan.CFNTaggingProperty(status="ENABLED")))


def _statements(scope: Construct, bucket: s3.Bucket) -> list[iam.PolicyStatement]:
    rule = Stack.of(scope).format_arn(service="events", resource="rule", resource_name=f"{RULE_PREFIX}*")
    managed = {"StringLike": {"events:ManagedBy": SERVICE}}
    return [
        iam.PolicyStatement(actions=["events:PutRule", "events:DeleteRule", "events:PutTargets",
                                     "events:RemoveTargets"], resources=[rule], conditions=managed),
        iam.PolicyStatement(actions=["events:DescribeRule", "events:ListTargetsByRule"], resources=[rule]),
        iam.PolicyStatement(actions=["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging",
                                     "s3:GetObjectVersionTagging", "s3:PutObjectTagging",
                                     "s3:PutObjectVersionTagging"], resources=[bucket.arn_for_objects("*")]),
        iam.PolicyStatement(actions=["s3:PutObject"], resources=[bucket.arn_for_objects(VALIDATION_OBJECT)]),
        iam.PolicyStatement(actions=["s3:ListBucket", "s3:GetBucketNotification", "s3:PutBucketNotification"],
                            resources=[bucket.bucket_arn]),
    ]
