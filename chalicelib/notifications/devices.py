"""A person's phones and tablets: each device token becomes an SNS platform endpoint,
kept under the person so the push sender finds it. The same token registered twice is
the same device; registered by someone else, the device is theirs from then on."""
from __future__ import annotations

import hashlib

from chalicelib.aws import push
from chalicelib.core import clock
from chalicelib.core.errors import BusinessRule, NotFound
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.notifications.models import DeviceCreate, DeviceView
from chalicelib.store import FirmStore, exists, keys


def _device_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32]


def register(me: Principal, body: DeviceCreate) -> DeviceView:
    if not push.application(body.platform):
        raise BusinessRule("Push notifications to this kind of device are not set up for this portal.")
    device_id = _device_id(body.token)
    endpoint = push.register(body.platform, body.token, push.owner(me.firm_id, me.user_id))
    work = FirmStore.of(me).work()
    stored = work.put({**keys.device(me.user_id, device_id), "type": "device", "id": device_id,
                       "platform": body.platform, "endpoint_arn": endpoint, "created_at": clock.now_iso()})
    work.commit()
    return DeviceView(**stored)


def list_devices(me: Principal) -> ListOf[DeviceView]:
    prefix = keys.device(me.user_id, "")
    page = FirmStore.of(me).query(prefix["PK"], sk_prefix=prefix["SK"], limit=50)
    return ListOf[DeviceView](items=[DeviceView(**d) for d in page.items])


def forget(me: Principal, device_id: str) -> None:
    work = FirmStore.of(me).work()
    work.delete(keys.device(me.user_id, device_id), when=exists(),
                refused=lambda _old: NotFound("No such device."))
    gone = work.commit()
    if gone:  # always, given the condition: the removed item names its endpoint
        push.forget(gone["endpoint_arn"], push.owner(me.firm_id, me.user_id))
