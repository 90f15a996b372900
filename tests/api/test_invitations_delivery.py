"""Invitations go through the outbox: a failing SES loses nothing and sends once; an
SMS asked for in quiet hours waits for the morning."""
import os
from datetime import datetime, timezone

from chalicelib.aws import queue
from chalicelib.core import clock
from chalicelib.core.clock import freeze
from local.pump import OutboxPump
from tests.clients_support import create_client, household, invitation_token, invite
from tests.support import PASSWORD, sent_emails, sent_sms

EMAIL = "norbert@lindqvist.example"
MOBILE = "+15551230001"


def _pump() -> OutboxPump:
    return OutboxPump(os.environ["ATRIUM_TABLE_STREAM_ARN"], os.environ["ATRIUM_OUTBOX_QUEUE_URL"])


def _to(address):
    return [m for m in sent_emails() if address in m.destinations["ToAddresses"]]


def test_ses_outage_then_recovery_sends_exactly_once(api, firm, monkeypatch):
    made = create_client(api, firm.token)
    monkeypatch.setattr("chalicelib.outbox.service.backoff_seconds", lambda receives: 0)

    def outage(*args, **kwargs):
        raise ConnectionError("SES is unavailable")
    monkeypatch.setattr("chalicelib.aws.mail.send_email", outage)
    assert invite(api, firm.token, made["id"], made["primary_contact_id"], EMAIL).status == 200
    pump = _pump()
    for _ in range(3):
        assert pump.run_once() == 1
    assert _to(EMAIL) == []
    monkeypatch.undo()
    while pump.run_once():
        pass
    assert len(_to(EMAIL)) == 1
    for _ in range(2):  # redelivery of the stream or queue sends nothing twice
        _pump().run_once()
    assert len(_to(EMAIL)) == 1
    token = invitation_token(EMAIL)
    assert api.post("/invitations/accept", {"token": token, "password": PASSWORD}).status == 200


def test_sms_in_quiet_hours_waits_for_the_morning(api, firm, monkeypatch):
    assert api.patch("/firm", {"time_zone": "Europe/Stockholm"}, token=firm.token).status == 200
    made = create_client(api, firm.token)
    hidden = []
    monkeypatch.setattr(queue, "delay", lambda handle, seconds: hidden.append((handle, seconds)))
    late_evening = datetime(2030, 1, 15, 21, 30, tzinfo=timezone.utc)  # 22:30 in Stockholm
    freeze(late_evening)
    try:
        resp = invite(api, firm.token, made["id"], made["primary_contact_id"], MOBILE, method="sms")
        assert resp.status == 200, resp.text
        pump = _pump()
        while pump.run_once():
            pass
        assert sent_sms() == []
        assert hidden and hidden[-1][1] == 9 * 3600 + 30 * 60  # until 08:00 Stockholm
        freeze(datetime(2030, 1, 16, 7, 1, tzinfo=timezone.utc))
        monkeypatch.undo()
        queue.delay(hidden[-1][0], 0)
        while pump.run_once():
            pass
    finally:
        freeze(None)
    texts = [t for number, t in sent_sms() if number == MOBILE]
    assert len(texts) == 1 and "Northwind Advisory" in texts[0]
    assert clock.now().year < 2030


def test_daytime_sms_goes_at_once(api, firm):
    made = create_client(api, firm.token, household())
    freeze(datetime(2030, 1, 15, 12, 0, tzinfo=timezone.utc))
    try:
        invite(api, firm.token, made["id"], made["primary_contact_id"], MOBILE, method="sms")
        pump = _pump()
        while pump.run_once():
            pass
    finally:
        freeze(None)
    assert [n for n, _ in sent_sms()] == [MOBILE]
