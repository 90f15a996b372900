"""Email through SES: one message with an HTML and a text part."""
from __future__ import annotations

from chalicelib.aws.clients import client
from chalicelib.core.config import settings


def send_email(to: str, subject: str, text: str, html: str, from_name: str) -> str:
    s = settings()
    args = {
        "Source": f"{from_name} <{s.mail_from}>",
        "Destination": {"ToAddresses": [to]},
        "Message": {"Subject": {"Data": subject, "Charset": "UTF-8"},
                    "Body": {"Text": {"Data": text, "Charset": "UTF-8"},
                             "Html": {"Data": html, "Charset": "UTF-8"}}},
    }
    if s.ses_config_set:
        args["ConfigurationSetName"] = s.ses_config_set
    return client("ses").send_email(**args)["MessageId"]
