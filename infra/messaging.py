"""What carries messages and time: outbox queues, SES configuration set,
the EventBridge Scheduler group and the role its schedules run as."""

from __future__ import annotations

from aws_cdk import Duration, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_scheduler as scheduler
from aws_cdk import aws_ses as ses
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from settings import Settings
from storage import removal

# A message is retried this many times before it is parked in the DLQ.
MAX_RECEIVES = 5


def dead_letter_queue(scope: Construct) -> sqs.Queue:
    return sqs.Queue(
        scope, "DeadLetters",
        retention_period=Duration.days(14),
        encryption=sqs.QueueEncryption.SQS_MANAGED,
        enforce_ssl=True,
    )


def outbox_queue(scope: Construct, dlq: sqs.Queue, consumer_timeout: Duration) -> sqs.Queue:
    return sqs.Queue(
        scope, "Outbox",
        # Lambda's guidance: six times the consumer's timeout, so a batch being
        # retried inside the poller does not reappear to another consumer.
        visibility_timeout=Duration.seconds(consumer_timeout.to_seconds() * 6),
        retention_period=Duration.days(4),
        encryption=sqs.QueueEncryption.SQS_MANAGED,
        enforce_ssl=True,
        dead_letter_queue=sqs.DeadLetterQueue(queue=dlq, max_receive_count=MAX_RECEIVES),
    )


def configuration_set(scope: Construct, settings: Settings) -> ses.ConfigurationSet:
    result = ses.ConfigurationSet(
        scope, "MailConfigurationSet",
        configuration_set_name=settings.prefix,
        reputation_metrics=True,
        sending_enabled=True,
        suppression_reasons=ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    )
    # Bounces and complaints counted per configuration set, beside the account-wide
    # reputation rates the alarms watch.
    result.add_event_destination(
        "BouncesAndComplaints",
        destination=ses.EventDestination.cloud_watch_dimensions([ses.CloudWatchDimension(
            name="configuration-set", source=ses.CloudWatchDimensionSource.MESSAGE_TAG,
            default_value=settings.prefix)]),
        events=[ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
    )
    return result


def schedule_group(scope: Construct, settings: Settings) -> scheduler.ScheduleGroup:
    return scheduler.ScheduleGroup(
        scope, "Reminders",
        schedule_group_name=f"{settings.prefix}-reminders",
        removal_policy=removal(settings),
    )


def scheduler_role(scope: Construct, group: scheduler.ScheduleGroup, target_arn: str) -> iam.Role:
    stack = Stack.of(scope)
    # Only schedules in Atrium's own group, in this account, may assume it.
    principal = iam.ServicePrincipal("scheduler.amazonaws.com").with_conditions({
        "StringEquals": {"aws:SourceAccount": stack.account},
        "ArnEquals": {"aws:SourceArn": group.schedule_group_arn},
    })
    invoke = iam.PolicyStatement(actions=["lambda:InvokeFunction"], resources=[target_arn])
    return iam.Role(
        scope, "SchedulerRole",
        assumed_by=principal,
        description="EventBridge Scheduler: invokes the scheduled_reminder function only",
        inline_policies={"invoke-reminder": iam.PolicyDocument(statements=[invoke])},
    )
