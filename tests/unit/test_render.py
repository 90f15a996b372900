"""Responses pass through the route's model for the caller's audience: a portal user
never receives a field the client view lacks, whatever the service returned."""
import json
from typing import Union

from chalicelib.clients.models import ClientClientView, ClientStaffView
from chalicelib.core.api import Operation
from chalicelib.core.http import render
from chalicelib.core.principal import Principal

STAFF_ITEM = {"id": "C1", "kind": "individual", "display_name": "Ada", "status": "active", "tags": ["vip"],
              "portal_status": "none", "primary_contact_id": "P1", "created_at": "2026-01-01T00:00:00Z",
              "notes": "internal", "version": 3}
OP = Operation("GET", "/clients/{client_id}", "A client", "Clients", ("owner", "client"), False, 200, None, None,
               Union[ClientStaffView, ClientClientView], (), "clients_read", client_response=ClientClientView)


def _sent(principal: Principal, result) -> dict:
    return json.loads(render(result, 200, OP.view_for(principal)).body)


def test_a_portal_user_gets_the_client_view_of_a_staff_result():
    client = Principal("F1", "U2", "client", ("C1",))
    body = _sent(client, ClientStaffView(**STAFF_ITEM))
    assert set(body) == set(ClientClientView.model_fields)
    assert "notes" not in body and "tags" not in body


def test_a_plain_dict_is_filtered_too():
    body = _sent(Principal("F1", "U2", "client", ("C1",)), {**STAFF_ITEM, "PK": "CLIENT#C1", "secret": 1})
    assert "PK" not in body and "secret" not in body and "notes" not in body


def test_staff_get_the_staff_view():
    body = _sent(Principal("F1", "U1", "owner"), ClientStaffView(**STAFF_ITEM))
    assert body["notes"] == "internal" and body["tags"] == ["vip"]
