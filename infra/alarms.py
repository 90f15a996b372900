"""CloudWatch alarms on what needs a person: parked messages, server errors,
throttling. Each one notifies the stage's alarm topic."""

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
