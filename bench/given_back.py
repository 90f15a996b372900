"""What the tour's caller gives back from an earlier answer, as the web portal does: a
write that would otherwise read what only the stored item holds takes it from the
`sealed` value its item's last answer carried (or, for a staff upload into a room, the
room's client). The earlier answer is read before the counted request, as the page that
offers the action has read it; the routes' budget entries keep the path without it."""
from __future__ import annotations

from typing import Any, Callable

from chalicelib.contacts.records import ROLE_FOR_KIND

Request = tuple[str, Any]  # (url, body)


def _answer(world: Any, token: str | None, url: str) -> dict[str, Any]:
    resp = world.api.get(url, token=token)
    assert resp.status == 200, f"GET {url}: {resp.status} {resp.text}"
    return resp.json


def _person(world: Any, token: str | None) -> str:
    return _answer(world, token, f"/contacts/{world.ids['contact_id']}")["sealed"]


def _link(world: Any, token: str | None, url: str, body: Any) -> Request:
    kind = _answer(world, token, f"/clients/{world.ids['client_id']}")["kind"]
    return url, {**(body or {}), "role": ROLE_FOR_KIND[kind], "sealed": _person(world, token)}


def _unlink(world: Any, token: str | None, url: str, body: Any) -> Request:
    return f"{url}?sealed={_person(world, token)}", body


def _with_person(world: Any, token: str | None, url: str, body: Any) -> Request:
    return url, {**(body or {}), "sealed": _person(world, token)}


def _room_upload(world: Any, token: str | None, url: str, body: Any) -> Request:
    room = _answer(world, token, f"/rooms/{world.ids['room_id']}")
    return url, {**(body or {}), "client_id": room["client_id"]}


def _new_version(world: Any, token: str | None, url: str, body: Any) -> Request:
    document = _answer(world, token, f"/documents/{world.ids['document_id']}")
    return url, {**(body or {}), "sealed": document["sealed"]}


def _reopen(world: Any, token: str | None, url: str, body: Any) -> Request:
    opportunity = _answer(world, token, f"/opportunities/{world.ids['opportunity_id']}")
    return url, {**(body or {}), "sealed": opportunity["sealed"]}


def _phase_move(world: Any, token: str | None, url: str, body: Any) -> Request:
    """The room's timeline and its service's definition, as the room page holds them."""
    room = _answer(world, token, f"/rooms/{world.ids['room_id']}")
    timeline = _answer(world, token, f"/rooms/{world.ids['room_id']}/timeline")
    definition = _answer(world, token, f"/services/{room['service_id']}/timeline")
    phase = next(p for p in definition["phases"] if p["id"] == body["phase_id"])
    return url, {**body, "sealed": timeline["sealed"], "phase_sealed": phase["sealed"]}


GIVEN_BACK: dict[tuple[str, str], Callable[[Any, str | None, str, Any], Request]] = {
    ("PUT", "/clients/{client_id}/contacts/{contact_id}"): _link,
    ("DELETE", "/clients/{client_id}/contacts/{contact_id}"): _unlink,
    ("POST", "/clients/{client_id}/contacts/{contact_id}/invite"): _with_person,
    ("POST", "/clients/{client_id}/contacts/{contact_id}/remove"): _with_person,
    ("POST", "/rooms/{room_id}/documents"): _room_upload,
    ("POST", "/documents/{document_id}/versions"): _new_version,
    ("POST", "/opportunities/{opportunity_id}/reopen"): _reopen,
    ("POST", "/rooms/{room_id}/phase"): _phase_move,
}


def request(world: Any, route: tuple[str, str], token: str | None, url: str, body: Any) -> Request:
    """The route's url and body as its caller sends them, with what it gives back."""
    give = GIVEN_BACK.get(route)
    return (url, body) if give is None else give(world, token, url, body)
