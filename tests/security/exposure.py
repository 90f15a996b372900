"""What each persona must never find in an answer: the ids, names, emails and canary
values of another firm, and (for a portal user) of the firm's other clients and of the
firm's internal fields.

The values are read back through the API as each firm's owner once the world is built,
so every resource a matrix setup creates is covered without listing it here. A value
the persona may see for another reason (a name two firms share, say) is taken out."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from tests.security.internal_fields import CANARIES, CANARY_VALUES, INTERNAL_FIELDS

# Shorter strings ("Staff", "Tess") turn up inside unrelated words and field names.
MIN_LENGTH = 6
OTHER_FIRM_CANARIES = ("zz-canary-southbank-tag", "zz-canary-southbank-note")
CLIENT_PERSONAS = ("client_member", "client_outsider")


@dataclass
class Scopes:
    firm: set[str] = field(default_factory=set)                    # the world's firm, firm-wide
    clients: dict[str, set[str]] = field(default_factory=dict)     # each of its clients
    other_firm: set[str] = field(default_factory=set)              # everything of the other firm
    own_clients: dict[str, set[str]] = field(default_factory=dict)  # persona -> its client ids


def _values(*found: Any) -> set[str]:
    return {v for v in found if isinstance(v, str) and len(v) >= MIN_LENGTH}


def _get(world, path: str, token: str) -> Any:
    resp = world.api.get(path, token=token)
    assert resp.status == 200, f"reading {path} for the exposure check: {resp.status} {resp.text[:300]}"
    return resp.json


def _client_values(world, token: str, client: dict[str, Any]) -> set[str]:
    values = _values(client["id"], client["display_name"], client.get("legal_name"))
    for contact in _get(world, f"/clients/{client['id']}/contacts", token)["items"]:
        emails = [e["address"] for e in contact.get("emails", [])]
        values |= _values(contact["id"], *emails)
    return values


def _firm_values(world, token: str) -> tuple[set[str], dict[str, set[str]]]:
    firm = _get(world, "/firm", token)
    values = _values(firm["id"], firm["name"], firm["slug"])
    for person in _get(world, "/staff?limit=200", token)["items"]:
        values |= _values(person["id"], person["name"], person["email"])
    clients = {c["id"]: _client_values(world, token, c)
               for c in _get(world, "/clients?limit=200&status=all", token)["items"]}
    return values, clients


def plant(world) -> None:
    """Canaries in the firm's internal fields, on every client, and recognisable values on
    a client of the other firm, so both firms hold something a leak would show."""
    for client_id in [c["id"] for c in _get(world, "/clients?limit=200&status=all", world.firm.token)["items"]]:
        for (method, path), body in CANARIES.items():
            resp = world.api.request(method, path.format(client_id=client_id), json=body, token=world.firm.token)
            assert resp.status < 300, f"planting canaries: {resp.status} {resp.text[:300]}"
    resp = world.api.post("/clients", {
        "kind": "entity", "display_name": "Quillon Rivers Holdings", "legal_name": "Quillon Rivers Holdings Pty",
        "tags": [OTHER_FIRM_CANARIES[0]], "notes": OTHER_FIRM_CANARIES[1],
        "primary_contact": {"first_name": "Quentin", "last_name": "Rivers",
                            "emails": [{"address": "quentin@quillon-rivers.example"}]}},
        token=world.other_firm.token)
    assert resp.status == 201, resp.text


def harvest(world) -> Scopes:
    scopes = Scopes()
    scopes.firm, scopes.clients = _firm_values(world, world.firm.token)
    other, other_clients = _firm_values(world, world.other_firm.token)
    scopes.other_firm = other.union(*other_clients.values(), OTHER_FIRM_CANARIES)
    for persona in CLIENT_PERSONAS:
        if world.token(persona):
            scopes.own_clients[persona] = set(_get(world, "/me", world.token(persona))["client_ids"])
    return scopes


def foreign(scopes: Scopes, persona: str, public: bool) -> set[str]:
    """A public route answers about the world's firm (its slug or token is in the path),
    whoever asks; a protected one about the caller's own firm."""
    firm_wide = scopes.firm.union(*scopes.clients.values(), CANARY_VALUES)
    if persona == "other_owner" and not public:
        return firm_wide - scopes.other_firm
    if persona not in CLIENT_PERSONAS or public:
        return scopes.other_firm - firm_wide
    own = scopes.own_clients.get(persona, set())
    mine = scopes.firm.union(*(v for c, v in scopes.clients.items() if c in own))
    others = set().union(*(v for c, v in scopes.clients.items() if c not in own))
    return (scopes.other_firm | others | set(CANARY_VALUES)) - mine


def leaked_keys(value: Any, where: str = "$") -> Iterable[str]:
    """Internal field names anywhere in a JSON body."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in INTERNAL_FIELDS:
                yield f"{where}.{key}"
            yield from leaked_keys(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from leaked_keys(inner, f"{where}[{n}]")
