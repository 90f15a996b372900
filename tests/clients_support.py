"""Helpers for the client, contact and invitation tests: realistic bodies, and a portal
user made the way a real one is (invited, the message delivered, the link accepted)."""
from __future__ import annotations

import os
import re
from typing import Any

from tests.support import PASSWORD, ApiClient, sent_emails, sent_sms

_LINK = re.compile(r"/invitations/([A-Za-z0-9._~-]+)")


def household(**extra: Any) -> dict[str, Any]:
    return {"kind": "individual", "display_name": "Norbert & Ériká Lindqvist", "tags": ["tax", "vip"],
            "notes": "Prefers calls after 5pm.",
            "primary_contact": {"first_name": "Norbert", "last_name": "Lindqvist",
                                "emails": [{"address": "norbert@lindqvist.example"}],
                                "phones": [{"number": "+15551230001", "kind": "mobile"}]}, **extra}


def entity(name: str = "Northwind Traders Ltd", email: str = "cfo@traders.example", **extra: Any) -> dict[str, Any]:
    return {"kind": "entity", "display_name": name, "legal_name": f"{name} Pty",
            "primary_contact": {"first_name": "Cora", "last_name": "Finch", "emails": [{"address": email}],
                                "phones": [{"number": "+15551230009", "kind": "work"}]}, **extra}


def create_client(api: ApiClient, token: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    resp = api.post("/clients", body or household(), token=token)
    assert resp.status == 201, resp.text
    return resp.json


def listed_seal(api: ApiClient, token: str, client_id: str, contact_id: str) -> str:
    """The person's `sealed` value as the client's contacts page lists them."""
    listed = api.get(f"/clients/{client_id}/contacts", token=token).json["items"]
    return next(c["sealed"] for c in listed if c["id"] == contact_id)


def last_calls() -> int:
    """The DynamoDB calls of the API suite's last request, the principal lookup included."""
    from tests.api.conftest import CALLS
    return len(CALLS.of("dynamodb"))


def pump_now() -> None:
    """Delivers the outbox without the pytest fixture (the security matrix needs it too)."""
    from local.pump import OutboxPump
    pump = OutboxPump(os.environ["ATRIUM_TABLE_STREAM_ARN"], os.environ["ATRIUM_OUTBOX_QUEUE_URL"])
    while pump.run_once():
        pass


def token_in(text: str) -> str:
    found = _LINK.findall(text)
    assert found, text
    return found[-1]


def last_email_to(address: str) -> Any:
    mails = [m for m in sent_emails() if address in m.destinations["ToAddresses"]]
    assert mails, f"no email to {address}"
    return mails[-1]


def invitation_token(address: str) -> str:
    """The token in the newest invitation sent to an email address or a phone number."""
    if address.startswith("+"):
        texts = [m[1] for m in sent_sms() if m[0] == address]
        assert texts, f"no SMS to {address}"
        return token_in(texts[-1])
    return token_in(last_email_to(address).body)


def invite(api: ApiClient, token: str, client_id: str, contact_id: str, to: str,
           method: str = "email", **extra: Any) -> Any:
    return api.post(f"/clients/{client_id}/contacts/{contact_id}/invite", {"method": method, "to": to, **extra},
                    token=token)


def portal_user(api: ApiClient, token: str, client_id: str, contact_id: str, email: str,
                password: str = PASSWORD) -> str:
    """Invites a contact by email, delivers it, accepts it; returns the access token."""
    resp = invite(api, token, client_id, contact_id, email)
    assert resp.status == 200, resp.text
    pump_now()
    accepted = api.post("/invitations/accept", {"token": invitation_token(email), "password": password})
    assert accepted.status == 200, accepted.text
    return accepted.json["access_token"]
