"""Push to the mobile apps through SNS platform endpoints: one endpoint per device token,
under the platform application of its operating system."""
from __future__ import annotations

import json

from botocore.exceptions import ClientError

from chalicelib.aws.clients import client
from chalicelib.core.config import settings


def application(platform: str) -> str:
    s = settings()
    return s.push_ios_arn if platform == "ios" else s.push_android_arn


def register(platform: str, token: str, user_data: str) -> str:
    """The endpoint ARN for a device token (SNS returns the same one for the same token)."""
    made = client("sns").create_platform_endpoint(PlatformApplicationArn=application(platform), Token=token,
                                                  CustomUserData=user_data)
    return made["EndpointArn"]


def forget(endpoint_arn: str) -> None:
    try:
        client("sns").delete_endpoint(EndpointArn=endpoint_arn)
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "NotFound":
            raise


def publish(endpoint_arn: str, platform: str, title: str, text: str, data: dict[str, str]) -> str | None:
    """Sends one notification; a disabled or deleted endpoint is skipped (returns None)."""
    apns = {"aps": {"alert": {"title": title, "body": text}, "sound": "default"}, **data}
    fcm = {"notification": {"title": title, "body": text}, "data": data}
    message = {"default": text, "APNS": json.dumps(apns), "GCM": json.dumps(fcm)}
    try:
        sent = client("sns").publish(TargetArn=endpoint_arn, Message=json.dumps(message), MessageStructure="json")
    except ClientError as exc:
        if exc.response["Error"]["Code"] in ("EndpointDisabled", "NotFound", "InvalidParameter"):
            return None
        raise
    return sent["MessageId"]
