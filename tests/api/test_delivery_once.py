"""Exactly once under concurrency: two deliveries of one outbox message send it once,
and an Idempotency-Key left claimed by a request that died frees itself once the
function's timeout has passed."""
from __future__ import annotations

from datetime import timedelta

import pytest

from chalicelib.core import clock
from chalicelib.outbox import service
from chalicelib.store import idempotency
from tests.clients_support import create_client, invite

EMAIL = "norbert@lindqvist.example"


def _to(address: str, sent: list[str]) -> list[str]:
    return [to for to in sent if to == address]


def test_a_second_delivery_during_the_first_sends_nothing(api, firm, pump, monkeypatch):
    """SQS delivers at least once: the second delivery starts while the first is sending."""
    made = create_client(api, firm.token)
    refs, sent, second = [], [], []
    real_deliver = service.deliver

    def recording_deliver(firm_id, message_id):
        refs.append((firm_id, message_id))
        return real_deliver(firm_id, message_id)

    def slow_send(to, *args):
        if not second:
            second.append(real_deliver(*refs[0]))
        sent.append(to)
        return f"provider-{len(sent)}"
    monkeypatch.setattr(service, "deliver", recording_deliver)
    monkeypatch.setattr("chalicelib.aws.mail.send_email", slow_send)
    assert invite(api, firm.token, made["id"], made["primary_contact_id"], EMAIL).status == 200
    pump()
    assert second == [False], "the second delivery found the message claimed and stood back"
    assert _to(EMAIL, sent) == [EMAIL]


class FunctionTimedOut(BaseException):
    """What the runtime does to a function past its timeout: nothing below it runs on."""


def test_a_key_left_in_progress_by_a_dead_request_frees_after_the_timeout(api, firm, pump, monkeypatch):
    made = create_client(api, firm.token)
    path = f"/clients/{made['id']}/contacts/{made['primary_contact_id']}/invite"
    body, key = {"method": "email", "to": EMAIL}, {"Idempotency-Key": "dies-mid-way"}

    def dies(*args, **kwargs):
        raise FunctionTimedOut()
    with monkeypatch.context() as patch:
        patch.setattr("chalicelib.invitations.service.invite", dies)
        with pytest.raises(FunctionTimedOut):
            api.post(path, body, token=firm.token, headers=key)
    assert api.post(path, body, token=firm.token, headers=key).status == 409, "still within the timeout"
    clock.freeze(clock.now() + timedelta(seconds=idempotency.IN_PROGRESS_SECONDS + 1))
    try:
        retried = api.post(path, body, token=firm.token, headers=key)
        assert retried.status == 200, retried.text
        replayed = api.post(path, body, token=firm.token, headers=key)
        assert replayed.status == 200 and replayed.headers.get("Idempotent-Replayed") == "true"
    finally:
        clock.freeze(None)


def test_mail_still_goes_out_after_a_refused_transaction(api, firm, pump):
    """The emulator replaces the table when a transaction fails; the pump must follow."""
    from tests.support import sent_emails
    first = create_client(api, firm.token)
    assert invite(api, firm.token, first["id"], first["primary_contact_id"], EMAIL).status == 200
    pump()
    taken = api.post("/signup", {"firm_name": "Again", "slug": "northwind",
                                 "owner": {"name": "Dup Owner", "email": "dup@again.example",
                                           "password": "Correct-Horse-42"}})
    assert taken.status == 409, taken.text
    resp = api.post("/staff", {"name": "Late Arrival", "email": "late@northwind.example"}, token=firm.token)
    assert resp.status == 201, resp.text
    pump()
    assert [m for m in sent_emails() if "late@northwind.example" in m.destinations["ToAddresses"]]
