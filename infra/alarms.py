"""CloudWatch alarms on what needs a person: parked messages, server and function
errors, a stream falling behind, throttling, mail reputation. Each one notifies the
stage's alarm topic."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from settings import Settings

PERIOD = Duration.minutes(5)
API_5XX_PER_PERIOD = 5
# The outbox is a minute behind: mail that should have left has not.
ITERATOR_AGE_MS = 60_000
# SES reviews an account at 5% bounces or 0.1% complaints; these warn well before.
BOUNCE_RATE = 0.03
COMPLAINT_RATE = 0.0005


def topic(scope: Construct, settings: Settings) -> sns.Topic:
    result = sns.Topic(scope, "Alarms", display_name=f"Atrium {settings.stage} alarms",
                       enforce_ssl=True)
    if settings.alarm_email:
        result.add_subscription(subscriptions.EmailSubscription(settings.alarm_email))
    return result


def _alarm(scope: Construct, id_: str, metric: cloudwatch.IMetric, threshold: float,
           description: str, notify: sns.Topic) -> cloudwatch.Alarm:
    alarm = metric.create_alarm(
        scope, id_,
        threshold=threshold,
        evaluation_periods=1,
        comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        alarm_description=description,
    )
    alarm.add_alarm_action(actions.SnsAction(notify))
    return alarm


def dead_letters(scope: Construct, dlq: sqs.Queue, notify: sns.Topic) -> cloudwatch.Alarm:
    metric = dlq.metric_approximate_number_of_messages_visible(period=PERIOD, statistic="Maximum")
    return _alarm(scope, "DeadLetterAlarm", metric, 1,
                  "Messages are parked in the dead-letter queue: an outbox item or "
                  "stream batch failed every retry.", notify)


def api_errors(scope: Construct, api_name: str, api_stage: str, notify: sns.Topic) -> cloudwatch.Alarm:
    metric = cloudwatch.Metric(
        namespace="AWS/ApiGateway", metric_name="5XXError",
        dimensions_map={"ApiName": api_name, "Stage": api_stage},
        statistic="Sum", period=PERIOD)
    return _alarm(scope, "Api5xxAlarm", metric, API_5XX_PER_PERIOD,
                  f"The API answered {API_5XX_PER_PERIOD} or more 5xx in five minutes.", notify)


def function_throttles(scope: Construct, function_names: list[str], notify: sns.Topic) -> cloudwatch.Alarm:
    metrics = {
        f"t{i}": cloudwatch.Metric(
            namespace="AWS/Lambda", metric_name="Throttles",
            dimensions_map={"FunctionName": name}, statistic="Sum", period=PERIOD)
        for i, name in enumerate(function_names)
    }
    total = cloudwatch.MathExpression(
        expression=f"SUM([{','.join(metrics)}])", using_metrics=metrics, period=PERIOD,
        label="Lambda throttles, all Atrium functions")
    return _alarm(scope, "LambdaThrottleAlarm", total, 1,
                  "Lambda refused invocations of an Atrium function (concurrency limit).", notify)


def table_throttles(scope: Construct, table: dynamodb.Table, notify: sns.Topic) -> cloudwatch.Alarm:
    metrics = {
        name[0].lower(): table.metric(name, statistic="Sum", period=PERIOD)
        for name in ("ReadThrottleEvents", "WriteThrottleEvents")
    }
    total = cloudwatch.MathExpression(
        expression="r + w", using_metrics=metrics, period=PERIOD,
        label="DynamoDB throttled reads and writes")
    return _alarm(scope, "TableThrottleAlarm", total, 1,
                  "DynamoDB throttled reads or writes on the Atrium table.", notify)


def function_errors(scope: Construct, logical_id: str, function_name: str, notify: sns.Topic) -> cloudwatch.Alarm:
    metric = cloudwatch.Metric(namespace="AWS/Lambda", metric_name="Errors",
                               dimensions_map={"FunctionName": function_name}, statistic="Sum", period=PERIOD)
    return _alarm(scope, f"{logical_id}ErrorsAlarm", metric, 1,
                  f"{function_name} failed (an unhandled error or a timeout).", notify)


def stream_behind(scope: Construct, function_name: str, notify: sns.Topic) -> cloudwatch.Alarm:
    metric = cloudwatch.Metric(namespace="AWS/Lambda", metric_name="IteratorAge",
                               dimensions_map={"FunctionName": function_name}, statistic="Maximum", period=PERIOD)
    return _alarm(scope, "StreamIteratorAgeAlarm", metric, ITERATOR_AGE_MS,
                  "The table stream is more than a minute behind: outbox items wait to be sent.", notify)


def mail_reputation(scope: Construct, notify: sns.Topic) -> list[cloudwatch.Alarm]:
    rates = (("Bounce", "Reputation.BounceRate", BOUNCE_RATE), ("Complaint", "Reputation.ComplaintRate",
                                                                  COMPLAINT_RATE))
    return [_alarm(scope, f"Mail{kind}RateAlarm",
                   cloudwatch.Metric(namespace="AWS/SES", metric_name=metric, statistic="Maximum", period=PERIOD),
                   threshold, f"SES {kind.lower()} rate is at {threshold:.2%}: SES pauses sending at a higher one.",
                   notify)
            for kind, metric, threshold in rates]
