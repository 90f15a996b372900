"""Push to the mobile apps through SNS platform endpoints: one endpoint per device token,
under the platform application of its operating system. An endpoint's CustomUserData
names the one person it reaches now: a phone signed out of one account and into another
keeps its token, so SNS keeps its endpoint, and the endpoint changes owner."""
from __future__ import annotations

import json
import re

from botocore.exceptions import ClientError

from chalicelib.aws.clients import client
from chalicelib.core.config import settings


def application(platform: str) -> str:
    s = settings()
    return s.push_ios_arn if platform == "ios" else s.push_android_arn


def owner(firm_id: str, user_id: str) -> str:
    """How an endpoint names the person it reaches."""
    return f"{firm_id}.{user_id}"


# How SNS refuses a second endpoint for a token it already holds under other user data.
_HELD = re.compile(r"Endpoint (arn:\S+:endpoint/\S+) already exists with the same Token")


def register(platform: str, token: str, owner: str) -> str:
    """The endpoint ARN for a device token, now reaching `owner` (SNS returns the same
    endpoint for the same token; one held for someone else is handed over)."""
    try:
        return client("sns").create_platform_endpoint(PlatformApplicationArn=application(platform), Token=token,
                                                      CustomUserData=owner)["EndpointArn"]
    except ClientError as exc:
        held = _HELD.search(exc.response["Error"].get("Message", ""))
        if exc.response["Error"]["Code"] != "InvalidParameter" or held is None:
            raise
    client("sns").set_endpoint_attributes(EndpointArn=held.group(1), Attributes={
        "CustomUserData": owner, "Token": token, "Enabled": "true"})
    return held.group(1)


def reaches(endpoint_arn: str, owner: str) -> bool:
    """Whether the endpoint still reaches `owner` (not gone, not handed to someone else)."""
    try:
        attributes = client("sns").get_endpoint_attributes(EndpointArn=endpoint_arn)["Attributes"]
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "NotFound":
            return False
        raise
    return attributes.get("CustomUserData") == owner


def forget(endpoint_arn: str, owner: str) -> None:
    """Deletes the endpoint unless it has since been handed to someone else."""
    if not reaches(endpoint_arn, owner):
        return
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
