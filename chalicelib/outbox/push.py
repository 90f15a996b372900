"""Push notifications through the outbox: one item per event names the people to reach;
the sender finds each person's registered devices and publishes to their endpoints.
A person without devices costs one Query and nothing is sent."""
from __future__ import annotations

from typing import Any

from chalicelib.aws import push
from chalicelib.core import clock
from chalicelib.core.ids import new_id
from chalicelib.store import FirmStore, Work, keys

PUSH = "push"


def queue_push(work: Work, user_ids: list[str], title: str, text: str, data: dict[str, str]) -> None:
    message_id = new_id()
    work.create({**keys.outbox(message_id), "type": "outbox", "id": message_id, "firm_id": work.firm_id,
                 "channel": PUSH, "to": "devices", "ref": data.get("room_id", ""), "status": "pending",
                 "attempts": 0, "created_at": clock.now_iso(),
                 "body": {"user_ids": user_ids, "title": title, "text": text, "data": data}})


def send(db: FirmStore, body: dict[str, Any]) -> str:
    """Publishes to every device of every person named; the provider id says how many."""
    reached = 0
    for user_id in body["user_ids"]:
        for device in db.query_all(keys.device(user_id, "")["PK"], sk_prefix=keys.device(user_id, "")["SK"]):
            # A device since signed into another account is theirs: nothing of this person's goes to it.
            if not push.reaches(device["endpoint_arn"], push.owner(db.firm_id, user_id)):
                continue
            if push.publish(device["endpoint_arn"], device["platform"], body["title"], body["text"], body["data"]):
                reached += 1
    return f"push:{reached}"
