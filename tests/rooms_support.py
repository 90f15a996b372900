"""Helpers for the room tests: services, a household whose two co-owners use the portal,
an entity with an authorised user, and rooms made through the API."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.clients_support import create_client, entity, household, portal_user, pump_now
from tests.support import ApiClient, Firm


@dataclass
class Household:
    client_id: str
    norbert: str            # contact ids
    erika: str
    norbert_token: str      # portal logins
    erika_token: str


def add_service(api: ApiClient, firm: Firm, name: str = "Tax return") -> str:
    resp = api.post("/services", {"name": name}, token=firm.token)
    assert resp.status == 201, resp.text
    return resp.json["id"]


def add_contact(api: ApiClient, token: str, client_id: str, first: str, email: str) -> str:
    resp = api.post(f"/clients/{client_id}/contacts", {"first_name": first, "emails": [{"address": email}]},
                    token=token)
    assert resp.status == 201, resp.text
    return resp.json["id"]


def portal_household(api: ApiClient, firm: Firm, name: str = "Lindqvist Household",
                     domain: str = "lindqvist.example") -> Household:
    made = create_client(api, firm.token, household(display_name=name, primary_contact={
        "first_name": "Norbert", "last_name": "Lindqvist", "emails": [{"address": f"norbert@{domain}"}],
        "phones": [{"number": "+15551230001", "kind": "mobile"}]}))
    erika = add_contact(api, firm.token, made["id"], "Erika", f"erika@{domain}")
    norbert_token = portal_user(api, firm.token, made["id"], made["primary_contact_id"], f"norbert@{domain}")
    erika_token = portal_user(api, firm.token, made["id"], erika, f"erika@{domain}")
    return Household(made["id"], made["primary_contact_id"], erika, norbert_token, erika_token)


def portal_entity(api: ApiClient, firm: Firm) -> dict[str, Any]:
    made = create_client(api, firm.token, entity())
    cfo = portal_user(api, firm.token, made["id"], made["primary_contact_id"], "cfo@traders.example")
    clerk = add_contact(api, firm.token, made["id"], "Clark", "clerk@traders.example")
    clerk_token = portal_user(api, firm.token, made["id"], clerk, "clerk@traders.example")
    return {"client_id": made["id"], "primary": made["primary_contact_id"], "primary_token": cfo,
            "clerk": clerk, "clerk_token": clerk_token}


def create_room(api: ApiClient, firm: Firm, client_id: str, service_id: str, name: str = "2025 tax return",
                token: str | None = None) -> dict[str, Any]:
    """The room as it stands once its names, members and copies have followed."""
    resp = api.post("/rooms", {"client_id": client_id, "service_id": service_id, "name": name,
                               "description": "Everything for this year's return"}, token=token or firm.token)
    assert resp.status == 201, resp.text
    return furnished(api, resp.json["id"], token or firm.token)


def furnished(api: ApiClient, room_id: str, token: str) -> dict[str, Any]:
    """Follows the stream, then reads the room: what a new room gains after it is made."""
    pump_now()
    room = api.get(f"/rooms/{room_id}", token=token)
    assert room.status == 200 and room.json["client_name"], room.text
    return room.json


def seats_and_members(firm_id: str) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """(user, room, client) as the logins' seats record them, and as the rooms' member
    maps say: the two copies of portal membership, which must always agree."""
    from chalicelib.core.room_seats import PREFIX
    from chalicelib.store.wire import ddb, from_ddb, table_name
    pages = ddb().get_paginator("scan").paginate(TableName=table_name())
    items = [i for page in pages for i in map(from_ddb, page["Items"]) if i["PK"].startswith(f"F#{firm_id}#")]
    seats = {(i["id"], attr[len(PREFIX):], client) for i in items if i.get("type") == "user"
             for attr, client in i.items() if attr.startswith(PREFIX)}
    members = {(uid, i["id"], i["client_id"]) for i in items if i.get("type") == "room"
               for uid, seat in i["members"].items() if seat["side"] == "client"}
    return seats, members
