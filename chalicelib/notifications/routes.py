from chalice import Response

from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.notifications import devices, service
from chalicelib.notifications.models import (DeviceCreate, DeviceView, NotificationQuery, NotificationView,
                                             NotifySettings, NotifySettingsView, UnreadSummary)

api = Api(__name__, "Notifications")


@api.route("GET", "/me/notifications", query=NotificationQuery, response=ListOf[NotificationView],
           summary="Your notifications, newest first", errors=(400,))
def list_notifications(call: Call):
    return service.list_notifications(call.me, call.query)


@api.route("GET", "/me/notifications/summary", response=UnreadSummary,
           summary="Unread counts per room and in total; send If-None-Match with the ETag to get 304 when "
                   "nothing changed")
def summary(call: Call):
    found = service.summary(call.me)
    tag = f'"{found.version}"'
    if (call.request.headers or {}).get("if-none-match", "").strip() in (tag, f"W/{tag}"):
        return Response(body="", status_code=304, headers={"ETag": tag})
    return found


@api.route("POST", "/me/notifications/{notification_id}/read", status=204,
           summary="Mark one notification read", errors=(404,))
def mark_read(call: Call, notification_id: str):
    return service.mark_read(call.me, notification_id)


@api.route("POST", "/me/notifications/read-all", status=204, summary="Mark every notification read",
           errors=(409,))
def mark_all_read(call: Call):
    return service.mark_all_read(call.me)


@api.route("GET", "/me/notification-settings", response=NotifySettingsView,
           summary="How new messages reach you besides the portal")
def read_settings(call: Call):
    return service.read_settings(call.me)


@api.route("PUT", "/me/notification-settings", body=NotifySettings, response=NotifySettingsView,
           summary="Choose email, SMS or no digests", errors=(400,))
def save_settings(call: Call):
    return service.save_settings(call.me, call.body)


@api.route("POST", "/me/devices", body=DeviceCreate, response=DeviceView, status=201,
           summary="Register a phone or tablet for push notifications (iOS or Android)", errors=(400,))
def register_device(call: Call):
    return devices.register(call.me, call.body)


@api.route("GET", "/me/devices", response=ListOf[DeviceView], summary="Your registered devices")
def list_devices(call: Call):
    return devices.list_devices(call.me)


@api.route("DELETE", "/me/devices/{device_id}", status=204, summary="Stop push to a device", errors=(404,))
def forget_device(call: Call, device_id: str):
    return devices.forget(call.me, device_id)
