"""One Atrium stage (dev or prod) as one CloudFormation stack."""

from __future__ import annotations

import contextlib
import tempfile

import aws_cdk as cdk
from aws_cdk import ArnFormat, CfnOutput, Stack
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_ssm as ssm
from constructs import Construct

import access
import alarms
import backend
import edge
import functions as fn
import identity
import messaging
import scanning
import storage
import web
from project import lambda_python
from settings import Settings, from_context

# Pinned to the Powertools version in requirements.txt; AWS publishes each
# release's layer ARN, per runtime, under this public parameter.
POWERTOOLS_VERSION = "3.37.0"
DEFAULT_EVENT_BUS = "default"


def powertools_layer_parameter() -> str:
    return f"/aws/service/powertools/python/x86_64/{lambda_python()}/{POWERTOOLS_VERSION}"


class AtriumStack(Stack):
    def __init__(self, scope: Construct, settings: Settings) -> None:
        super().__init__(scope, settings.stage, stack_name=settings.prefix,
                         description=f"Atrium client portal backend ({settings.stage})")
        self.settings = settings
        self._data()
        self._messaging()
        env = self._environment()
        self._functions(env)
        web.portal(self, settings, self.chalice)
        self._alarms()
        self._outputs()

    def _data(self) -> None:
        s = self.settings
        self.table = storage.table(self, s)
        self.bucket = storage.bucket(self, s)
        if s.malware_scan:
            scanning.malware_protection(self, self.bucket)
        self.user_pool = identity.user_pool(self, s)
        self.app_client = identity.app_client(self.user_pool)
        self.secret = secretsmanager.Secret(
            self, "SigningKey",
            description="Atrium: signs pagination cursors and invitation tokens",
            # JSON, as chalicelib/core/signing.py reads it: a rotation writes a new
            # "current" and keeps the old one as "previous" for the grace period.
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template="{}", generate_string_key="current",
                password_length=64, exclude_punctuation=True),
            removal_policy=storage.removal(s),
        )

    def _messaging(self) -> None:
        s = self.settings
        self.dead_letters = messaging.dead_letter_queue(self)
        self.outbox = messaging.outbox_queue(self, self.dead_letters, fn.OUTBOX_SEND.timeout_duration)
        self.configuration_set = messaging.configuration_set(self, s)
        self.schedule_group = messaging.schedule_group(self, s)
        self.reminder_arn = self._function_arn(fn.SCHEDULED_REMINDER)
        self.scheduler_role = messaging.scheduler_role(self, self.schedule_group, self.reminder_arn)

    def _environment(self) -> dict:
        return {
            "ATRIUM_TABLE": self.table.table_name,
            "ATRIUM_BUCKET": self.bucket.bucket_name,
            "ATRIUM_USER_POOL_ID": self.user_pool.user_pool_id,
            "ATRIUM_USER_POOL_CLIENT_ID": self.app_client.user_pool_client_id,
            "ATRIUM_MAIL_FROM": self.settings.mail_from,
            "ATRIUM_PUBLIC_URL": self.settings.public_url,
            # Pages on these origins may read the API's answers (chalicelib/core/cors.py).
            "ATRIUM_ALLOWED_ORIGINS": ",".join(self.settings.allowed_origins),
            "ATRIUM_SES_CONFIG_SET": self.configuration_set.configuration_set_name,
            "ATRIUM_OUTBOX_QUEUE_URL": self.outbox.queue_url,
            "ATRIUM_SCHEDULE_GROUP": self.schedule_group.schedule_group_name,
            "ATRIUM_SCHEDULER_ROLE_ARN": self.scheduler_role.role_arn,
            "ATRIUM_SCHEDULER_TARGET_ARN": self.reminder_arn,
            "ATRIUM_EVENT_BUS": DEFAULT_EVENT_BUS,
            "ATRIUM_PUSH_IOS_ARN": self.settings.push_ios_arn or "",
            "ATRIUM_PUSH_ANDROID_ARN": self.settings.push_android_arn or "",
            # Finalising (the API's complete call, the document_stored function) waits for
            # GuardDuty's verdict tag where the stage scans (chalicelib/aws/files.py).
            "ATRIUM_MALWARE_SCAN": "guardduty" if self.settings.malware_scan else "",
            # The secret's name, not its value: functions read the key at run time.
            "ATRIUM_SIGNING_SECRET": self.secret.secret_arn,
            "POWERTOOLS_SERVICE_NAME": "atrium",
            "POWERTOOLS_METRICS_NAMESPACE": "Atrium",
        }

    def _functions(self, env: dict) -> None:
        s = self.settings
        arns = self._arns()
        roles, log_groups = {}, {}
        for function in fn.ALL:
            log_groups[function] = backend.log_group(self, function, s)
            statements = access.statements(function, arns, log_groups[function].log_group_arn)
            roles[function] = backend.role(self, function, statements)
        layer = ssm.StringParameter.value_for_string_parameter(self, powertools_layer_parameter())
        config = backend.stage_config(env, roles[fn.API].role_arn, layer)
        self.chalice = backend.chalice_app(self, s, config)
        for function in fn.ALL:
            backend.configure(self.chalice, function, s, roles[function], log_groups[function])
        backend.shape_api(self.chalice, s, fn.AUTHORIZER.name)
        self._edge()
        backend.stream_to_dispatch(self, self.chalice, self.table, self.dead_letters)
        backend.queue_to_sender(self, self.chalice, self.outbox)
        backend.objects_to_finaliser(self, self.chalice, self.bucket)
        for function in fn.ASYNC:
            backend.on_failure(self, self.chalice, function, self.dead_letters)

    def _edge(self) -> None:
        s = self.settings
        access_logs = edge.access_log_group(self, s)
        edge.shape_stage(self.chalice, access_logs, edge.logging_role(self, access_logs))
        if s.waf:
            edge.web_acl(self, s)

    def _alarms(self) -> None:
        s = self.settings
        topic = alarms.topic(self, s)
        alarms.dead_letters(self, self.dead_letters, topic)
        alarms.api_errors(self, s.prefix, backend.API_STAGE, topic)
        alarms.function_throttles(self, [f.function_name(s) for f in fn.ALL], topic)
        alarms.table_throttles(self, self.table, topic)
        for function in fn.ALL:
            alarms.function_errors(self, function.logical_id, function.function_name(s), topic)
        alarms.stream_behind(self, fn.OUTBOX_DISPATCH.function_name(s), topic)
        alarms.mail_reputation(self, topic)

    def _outputs(self) -> None:
        outputs = {
            "TableName": self.table.table_name,
            "BucketName": self.bucket.bucket_name,
            "UserPoolId": self.user_pool.user_pool_id,
            "UserPoolClientId": self.app_client.user_pool_client_id,
            "DeadLetterQueueUrl": self.dead_letters.queue_url,
        }
        for name, value in outputs.items():
            CfnOutput(self, name, value=value)

    def _arns(self) -> access.Arns:
        s = self.settings
        return access.Arns(
            table=self.table.table_arn,
            bucket=self.bucket.bucket_arn,
            user_pool=self.user_pool.user_pool_arn,
            outbox_queue=self.outbox.queue_arn,
            dead_letters=self.dead_letters.queue_arn,
            mail_identities=(self._ses_identity(s.mail_from), self._ses_identity(s.mail_domain)),
            mail_from=s.mail_from,
            configuration_set=self.format_arn(
                service="ses", resource="configuration-set",
                resource_name=self.configuration_set.configuration_set_name),
            schedules=self.format_arn(
                service="scheduler", resource="schedule",
                resource_name=f"{self.schedule_group.schedule_group_name}/*"),
            scheduler_role=self.scheduler_role.role_arn,
            signing_secret=self.secret.secret_arn,
            push_apps=tuple(a for a in (s.push_ios_arn, s.push_android_arn) if a),
            scan_verdicts=s.malware_scan,
        )

    def _ses_identity(self, identity_name: str) -> str:
        # Mail is allowed from the address whether SES verified the address
        # itself or its whole domain.
        return self.format_arn(service="ses", resource="identity", resource_name=identity_name)

    def _function_arn(self, function: fn.Function) -> str:
        return self.format_arn(
            service="lambda", resource="function",
            resource_name=function.function_name(self.settings),
            arn_format=ArnFormat.COLON_RESOURCE_NAME)


def build(app: cdk.App) -> AtriumStack:
    """Adds the stage named by the app's context. Run it from infra/app.py or infra/synth.py."""
    # Chalice's construct packages into the working directory; CDK has copied
    # what it needs into the cloud assembly by the time the stack exists.
    with tempfile.TemporaryDirectory(prefix="atrium-chalice-") as scratch, contextlib.chdir(scratch):
        return AtriumStack(app, from_context(app.node))
