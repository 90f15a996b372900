"""SMS through SNS, transactional so carriers do not hold it back."""
from __future__ import annotations

from chalicelib.aws.clients import client


def send_sms(phone_e164: str, text: str, sender_id: str = "Atrium") -> str:
    return client("sns").publish(
        PhoneNumber=phone_e164, Message=text,
        MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}},
    )["MessageId"]
