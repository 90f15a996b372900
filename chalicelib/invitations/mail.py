"""An invitation's message, sent from the table stream (chalicelib.store.projection): the
invitation's insert is followed by its email or SMS put in the outbox, built from what the
firm, its wording, the client and the client's rooms say then, so the request that
invites reads none of them. The link is made again from the ids and the signing key
(tokens.token_of); only its digest is stored.

The message's outbox id is the invitation's own, created only if absent: a record
delivered twice sends one message. SMS quiet hours are reckoned when the message is put,
a moment after the invitation."""
from __future__ import annotations

import logging
from typing import Any

from chalicelib.core import clock
from chalicelib.invitations import messages, tokens
from chalicelib.invitations.portal import PENDING
from chalicelib.outbox.quiet_hours import sms_not_before
from chalicelib.outbox.service import queue_email, queue_sms
from chalicelib.rooms import board
from chalicelib.store import FirmStore, Work, keys
from chalicelib.store.batch import Batch
from chalicelib.wording.templates import wording_of

log = logging.getLogger(__name__)


def follow_invitation(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    if old is not None or new is None or new.get("status") != PENDING:
        return
    token = tokens.token_of(new["firm_id"], new["id"], new["token_hash"])
    if token is None:
        log.warning("invitation %s: no kept signing key made its link; nothing sent", new["id"])
        return
    found = Batch(FirmStore.trusted(work.firm_id), [keys.firm(), keys.wording(), keys.client(new["client_id"]),
                                                    keys.client_board(new["client_id"])])
    firm, client = found.get(keys.firm()), found.get(keys.client(new["client_id"]))
    if firm is None or client is None:
        log.warning("invitation %s: its firm or client is gone; nothing sent", new["id"])
        return
    rooms = [e["name"] for e in board.entries(found.get(keys.client_board(new["client_id"])))]
    filled = messages.values(firm, client, new, rooms)
    _queue(work, firm, wording_of(found.get(keys.wording()), "invitation"), filled, new, token)


def _queue(work: Work, firm: dict[str, Any], wording: dict[str, str], filled: dict[str, str],
           invitation: dict[str, Any], token: str) -> None:
    to, expires_at, ref = invitation["sent_to"], invitation["expires_at"], invitation["id"]
    if invitation["method"] == "email":
        queue_email(work, to, messages.email(firm, wording, filled, token, expires_at), firm["name"], ref,
                    message_id=ref)
        return
    s = firm.get("settings", {})
    wait = sms_not_before(clock.now(), firm.get("time_zone", "UTC"), s.get("sms_quiet_start", "21:00"),
                          s.get("sms_quiet_end", "08:00"))
    queue_sms(work, to, messages.sms(firm, wording, filled, token, expires_at), ref,
              not_before=clock.iso(wait) if wait else None, message_id=ref)
