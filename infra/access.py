"""Least-privilege IAM: what each function may do, and on which resources.

Each function gets its own role holding exactly the statements below, inline
(so a role and its permissions are created together, before any event source
mapping checks them). Two statements must use Resource "*" because the
services offer nothing narrower; neither touches Atrium's data:
- sns:Publish for SMS to a phone number (there is no topic to name);
- X-Ray PutTraceSegments/PutTelemetryRecords (no resource-level permissions).
"""

from __future__ import annotations

from dataclasses import dataclass

from aws_cdk import aws_iam as iam

import functions as fn


@dataclass(frozen=True)
class Arns:
    table: str
    bucket: str
    user_pool: str
    outbox_queue: str
    dead_letters: str
    mail_identities: tuple[str, ...]
    mail_from: str
    configuration_set: str
    schedules: str
    scheduler_role: str
    signing_secret: str
    push_apps: tuple[str, ...] = ()
    scan_verdicts: bool = False  # the stage runs GuardDuty Malware Protection on the bucket


# Each function's list is what the suite saw it call (tests/infra/evidence.py fails the
# run when a call is not granted here, or a data-service grant here is never used).
# A TransactWriteItems call is authorised per element against the item actions; there
# is no separate IAM action for the transaction itself.
ITEM_READ = ["dynamodb:GetItem"]
ITEM_WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem"]
# BatchGetItem: list screens, and expiring invitations, fetch the items a page of links names.
BATCH_READ = ["dynamodb:BatchGetItem"]
COGNITO_ADMIN = [
    "cognito-idp:AdminCreateUser",
    "cognito-idp:AdminSetUserPassword",
    "cognito-idp:AdminInitiateAuth",
    "cognito-idp:AdminRespondToAuthChallenge",
    "cognito-idp:AdminUserGlobalSignOut",
    "cognito-idp:AdminDeleteUser",
    "cognito-idp:AdminSetUserMFAPreference",
]
# Finalising reads the object's head and first bytes; a rejected upload goes,
# every version of it.
DOCUMENT_READ = ["s3:GetObject"]
# Every delete names the version it removes (the bucket is versioned).
DOCUMENT_DELETE = ["s3:DeleteObjectVersion"]
# A multipart upload's parts are listed before they are joined (CreateMultipartUpload,
# UploadPart and CompleteMultipartUpload are PutObject); an unfinished one is aborted.
MULTIPART_CHECK = ["s3:ListMultipartUploadParts"]
MULTIPART_ABORT = ["s3:AbortMultipartUpload"]
STREAM_READ = [
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
]
# Lambda's poller receives and deletes; the sender itself hides a message it holds back.
QUEUE_CONSUME = [
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:ChangeMessageVisibility",
]


def _allow(actions: list[str], resources: list[str], conditions: dict | None = None) -> iam.PolicyStatement:
    return iam.PolicyStatement(actions=actions, resources=resources, conditions=conditions)


def _items(actions: list[str], arns: Arns) -> iam.PolicyStatement:
    return _allow(actions, [arns.table])


def _query(arns: Arns) -> iam.PolicyStatement:
    return _allow(["dynamodb:Query"], [arns.table, f"{arns.table}/index/*"])


def api(arns: Arns) -> list[iam.PolicyStatement]:
    return [
        # ConditionCheckItem: existence and permission checks ride in the write's transaction.
        _items(ITEM_READ + BATCH_READ + ITEM_WRITE + ["dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"], arns),
        _query(arns),
        _allow(COGNITO_ADMIN, [arns.user_pool]),
        *_scheduling(["scheduler:CreateSchedule", "scheduler:DeleteSchedule"], arns),
        # Signing an upload form, a part's URL or a download link: S3 checks the signer's
        # role when the holder uses it. HeadObject and ranged reads (finalising on complete)
        # are GetObject; a rejected or purged file is deleted with every version.
        _objects(_finalising(arns) + ["s3:PutObject"] + DOCUMENT_DELETE + MULTIPART_CHECK + MULTIPART_ABORT, arns),
        _allow(["s3:ListBucketVersions"], [arns.bucket]),
        _read_signing_key(arns),
        *_device_endpoints(arns),
    ]


def _scheduling(actions: list[str], arns: Arns) -> list[iam.PolicyStatement]:
    """Schedules in the group, run as the scheduler's role (handed to the scheduler only)."""
    return [_allow(actions, [arns.schedules]),
            _allow(["iam:PassRole"], [arns.scheduler_role],
                   {"StringEquals": {"iam:PassedToService": "scheduler.amazonaws.com"}})]


def _endpoints(arns: Arns) -> list[str]:
    return [app.replace(":app/", ":endpoint/", 1) + "/*" for app in arns.push_apps]


def _device_endpoints(arns: Arns) -> list[iam.PolicyStatement]:
    """A device signs up as an endpoint of its platform application (or is handed over
    from its former owner), and leaves again."""
    if not arns.push_apps:
        return []
    endpoints = _endpoints(arns)
    return [_allow(["sns:CreatePlatformEndpoint"], list(arns.push_apps)),
            _allow(["sns:GetEndpointAttributes", "sns:SetEndpointAttributes", "sns:DeleteEndpoint"], endpoints)]


def _finalising(arns: Arns) -> list[str]:
    """What finalising reads of an object: its head and first bytes, and where the stage
    scans for malware (settings.malware_scan), GuardDuty's verdict tag."""
    return DOCUMENT_READ + (["s3:GetObjectTagging"] if arns.scan_verdicts else [])


def _objects(actions: list[str], arns: Arns) -> iam.PolicyStatement:
    return _allow(actions, [f"{arns.bucket}/*"])


def _read_signing_key(arns: Arns) -> iam.PolicyStatement:
    # Only functions that sign or verify cursors and invitation links read the key.
    return _allow(["secretsmanager:GetSecretValue"], [arns.signing_secret])


def authorizer(arns: Arns) -> list[iam.PolicyStatement]:
    # The login, the firm's portal options and job statuses, and the login's unread summary,
    # in one batch.
    return [_items(BATCH_READ, arns)]


def outbox_dispatch(arns: Arns) -> list[iam.PolicyStatement]:
    return [
        _allow(STREAM_READ, [f"{arns.table}/stream/*"]),
        # Projections: the copies a change moves (words that no longer fit are deleted),
        # with the marker that makes them once; a client's professional's name (GetItem),
        # a renamed colleague's clients (Query), what a new room copies, a new message's
        # room and attached documents (GetItem, BatchGetItem), a client's board for its event
        # date (GetItem), what an invitation's message says (BatchGetItem).
        _items(ITEM_READ + BATCH_READ + ITEM_WRITE + ["dynamodb:DeleteItem"], arns), _query(arns),
        # A new message's recipients get their digest scheduled.
        *_scheduling(["scheduler:CreateSchedule"], arns),
        # A contact's invitation is sent from here: its link is made again with the key.
        _read_signing_key(arns),
        # The dead-letter queue too: Lambda sends failed stream batches there
        # with this function's role.
        _allow(["sqs:SendMessage"], [arns.outbox_queue, arns.dead_letters]),
    ]


def outbox_send(arns: Arns) -> list[iam.PolicyStatement]:
    return [
        # Query: a push goes to each device the recipient signed up.
        _items(ITEM_READ + ["dynamodb:UpdateItem"], arns), _query(arns),
        _allow(QUEUE_CONSUME, [arns.outbox_queue]),
        _allow(["ses:SendEmail"],
               [*arns.mail_identities, arns.configuration_set],
               {"StringEquals": {"ses:FromAddress": arns.mail_from}}),
        _allow(["sns:Publish"], ["*"]),
        # Before a push: does the device still reach the person (not signed into another account)?
        *([_allow(["sns:GetEndpointAttributes"], _endpoints(arns))] if arns.push_apps else []),
    ]


def _failures_kept(arns: Arns) -> iam.PolicyStatement:
    # Lambda sends a failed asynchronous event to its on-failure destination with the
    # function's own role.
    return _allow(["sqs:SendMessage"], [arns.dead_letters])


def sweep(arns: Arns) -> list[iam.PolicyStatement]:
    # Expires invitations, purges documents whose time in the trash is over, and rejects
    # and aborts the multipart uploads nobody finished (an object joined at that moment
    # is looked at and deleted).
    return [_items(ITEM_READ + BATCH_READ + ITEM_WRITE, arns), _query(arns),
            _objects(DOCUMENT_READ + DOCUMENT_DELETE + MULTIPART_ABORT, arns),
            _allow(["s3:ListBucketVersions", "s3:ListBucketMultipartUploads"], [arns.bucket]),
            _failures_kept(arns)]


def reminders(arns: Arns) -> list[iam.PolicyStatement]:
    # A staff invitation reminder mails a fresh temporary password; a message digest reads
    # the recipient's unread notifications and their rooms.
    return [_items(ITEM_READ + BATCH_READ + ITEM_WRITE, arns), _query(arns),
            _allow(["cognito-idp:AdminSetUserPassword"], [arns.user_pool]), _failures_kept(arns)]


def opportunity_digest(arns: Arns) -> list[iam.PolicyStatement]:
    # Reads each firm's open opportunities and staff, writes one outbox mail per professional.
    return [_items(ITEM_READ + ["dynamodb:PutItem"], arns), _query(arns), _failures_kept(arns)]


def idle_rooms(arns: Arns) -> list[iam.PolicyStatement]:
    # Lists each firm's quiet rooms and gives them the idle job status in a transaction.
    return [_items(ITEM_READ + BATCH_READ + ITEM_WRITE, arns), _query(arns), _failures_kept(arns)]


def document_stored(arns: Arns) -> list[iam.PolicyStatement]:
    # Finalises the upload an S3 event names, exactly as the complete call does: the
    # document and the upload in one batch read, then one transaction. A threat's alert to
    # the room's staff follows from the table stream (the stream function reads the room).
    return [_items(BATCH_READ + ITEM_WRITE, arns),
            _objects(_finalising(arns) + DOCUMENT_DELETE, arns), _allow(["s3:ListBucketVersions"], [arns.bucket]),
            _failures_kept(arns)]


BY_FUNCTION = {
    fn.API: api,
    fn.AUTHORIZER: authorizer,
    fn.OUTBOX_DISPATCH: outbox_dispatch,
    fn.OUTBOX_SEND: outbox_send,
    fn.SWEEP: sweep,
    fn.SCHEDULED_REMINDER: reminders,
    fn.OPPORTUNITY_DIGEST: opportunity_digest,
    fn.IDLE_ROOMS: idle_rooms,
    fn.DOCUMENT_STORED: document_stored,
}


def common(log_group_arn: str) -> list[iam.PolicyStatement]:
    return [
        _allow(["logs:CreateLogStream", "logs:PutLogEvents"], [log_group_arn]),
        _allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], ["*"]),
    ]


def statements(function: fn.Function, arns: Arns, log_group_arn: str) -> list[iam.PolicyStatement]:
    return BY_FUNCTION[function](arns) + common(log_group_arn)
