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
    event_bus: str


ITEM_READ = ["dynamodb:GetItem"]
# A TransactWriteItems call is authorised per element against these item
# actions; there is no separate IAM action for the transaction itself.
ITEM_WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"]
COGNITO_ADMIN = [
    "cognito-idp:AdminCreateUser",
    "cognito-idp:AdminSetUserPassword",
    "cognito-idp:AdminInitiateAuth",
    "cognito-idp:AdminRespondToAuthChallenge",
    "cognito-idp:AdminGetUser",
    "cognito-idp:AdminUpdateUserAttributes",
    "cognito-idp:AdminDisableUser",
    "cognito-idp:AdminEnableUser",
    "cognito-idp:AdminUserGlobalSignOut",
    "cognito-idp:AdminDeleteUser",
    "cognito-idp:InitiateAuth",
    "cognito-idp:RespondToAuthChallenge",
]
# HeadObject is authorised as GetObject; the tagging actions let the API sign
# uploads tagged "pending" and clear the tag when it finalizes them.
DOCUMENT_OBJECTS = [
    "s3:GetObject",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:PutObjectTagging",
    "s3:DeleteObjectTagging",
]
STREAM_READ = [
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
    "dynamodb:ListStreams",
]
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
        # BatchGetItem: list screens fetch the items a page of links points to.
        _items(ITEM_READ + ["dynamodb:BatchGetItem"] + ITEM_WRITE + ["dynamodb:DeleteItem"], arns),
        _query(arns),
        _allow(COGNITO_ADMIN, [arns.user_pool]),
        _allow(DOCUMENT_OBJECTS, [f"{arns.bucket}/*"]),
        _allow(["scheduler:CreateSchedule", "scheduler:DeleteSchedule"], [arns.schedules]),
        _allow(["iam:PassRole"], [arns.scheduler_role],
               {"StringEquals": {"iam:PassedToService": "scheduler.amazonaws.com"}}),
        _allow(["events:PutEvents"], [arns.event_bus]),
    ]


def authorizer(arns: Arns) -> list[iam.PolicyStatement]:
    return [_items(ITEM_READ, arns), _query(arns)]


def outbox_dispatch(arns: Arns) -> list[iam.PolicyStatement]:
    return [
        _allow(STREAM_READ, [f"{arns.table}/stream/*"]),
        _items(ITEM_READ, arns),
        # The dead-letter queue too: Lambda sends failed stream batches there
        # with this function's role.
        _allow(["sqs:SendMessage"], [arns.outbox_queue, arns.dead_letters]),
    ]


def outbox_send(arns: Arns) -> list[iam.PolicyStatement]:
    return [
        _items(ITEM_READ + ["dynamodb:UpdateItem"], arns),
        _allow(QUEUE_CONSUME, [arns.outbox_queue]),
        _allow(["ses:SendEmail", "ses:SendRawEmail"],
               [*arns.mail_identities, arns.configuration_set],
               {"StringEquals": {"ses:FromAddress": arns.mail_from}}),
        _allow(["sns:Publish"], ["*"]),
    ]


def housekeeping(arns: Arns) -> list[iam.PolicyStatement]:
    return [_items(ITEM_READ + ITEM_WRITE, arns), _query(arns)]


def reminders(arns: Arns) -> list[iam.PolicyStatement]:
    # A staff invitation reminder mails a fresh temporary password.
    return [*housekeeping(arns), _allow(["cognito-idp:AdminSetUserPassword"], [arns.user_pool])]


BY_FUNCTION = {
    fn.API: api,
    fn.AUTHORIZER: authorizer,
    fn.OUTBOX_DISPATCH: outbox_dispatch,
    fn.OUTBOX_SEND: outbox_send,
    fn.SWEEP: housekeeping,
    fn.SCHEDULED_REMINDER: reminders,
    fn.OPPORTUNITY_DIGEST: housekeeping,  # reads items and queries, writes outbox items
}


def common(log_group_arn: str) -> list[iam.PolicyStatement]:
    return [
        _allow(["logs:CreateLogStream", "logs:PutLogEvents"], [log_group_arn]),
        _allow(["xray:PutTraceSegments", "xray:PutTelemetryRecords"], ["*"]),
    ]


def statements(function: fn.Function, arns: Arns, log_group_arn: str) -> list[iam.PolicyStatement]:
    return BY_FUNCTION[function](arns) + common(log_group_arn)
