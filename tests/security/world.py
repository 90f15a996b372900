"""The world every security check runs in: two firms signed up through the API, and a
signed-in login for each persona the matrix names. Domain modules in matrix/ add their
own resources, ids and personas (clients) through their `setup`."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Callable

from tests.support import ApiClient, Firm, sent_emails, sign_up, temporary_password_in

PERSONAS = ("anonymous", "other_owner", "client_outsider", "client_member", "staff", "admin", "owner")


def open_to_everyone(status: int = 200) -> dict[str, int]:
    """The row of a public route: every persona gets the same answer."""
    return dict.fromkeys(PERSONAS, status)
NEW_PASSWORD = "Fresh-Start-2468"


@dataclass
class World:
    api: ApiClient
    firm: Firm
    other_firm: Firm
    pump: Callable[[], int]
    route: tuple[str, str] | None = None
    tokens: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    users: dict[str, str] = field(default_factory=dict)
    scopes: Any = None  # exposure.Scopes: what each persona must not find in an answer
    _serial: Any = field(default_factory=lambda: itertools.count(1))

    def unique(self, stem: str) -> str:
        """Names that never repeat within a world: bodies of creates run once per persona."""
        return f"{stem}{next(self._serial)}"

    def token(self, persona: str) -> str | None:
        return self.tokens.get(persona)


def temporary_password(email: str) -> str:
    """The password the newest invitation to `email` carries (after the outbox ran)."""
    for message in reversed(sent_emails()):
        if email in message.destinations.get("ToAddresses", []):
            return temporary_password_in(message)
    raise AssertionError(f"no invitation was sent to {email}")


def invite_staff(world: World, name: str, email: str, role: str = "staff") -> str:
    resp = world.api.post("/staff", {"name": name, "email": email, "role": role}, token=world.firm.token)
    assert resp.status == 201, resp.text
    return resp.json["id"]


def challenge_session(world: World, email: str) -> str:
    """Signs in an invited login with its emailed password; returns the challenge session."""
    world.pump()
    resp = world.api.post("/auth/login", {"slug": world.firm.slug, "email": email,
                                          "password": temporary_password(email)})
    assert resp.status == 200 and resp.json["kind"] == "challenge", resp.text
    return resp.json["session"]


def answer_challenge(world: World, email: str, session: str) -> str:
    resp = world.api.post("/auth/challenge", {"slug": world.firm.slug, "email": email, "session": session,
                                              "new_password": NEW_PASSWORD})
    assert resp.status == 200 and resp.json["kind"] == "tokens", resp.text
    return resp.json["access_token"]


def sign_in_invited(world: World, email: str) -> str:
    return answer_challenge(world, email, challenge_session(world, email))


def base_world(api: ApiClient, pump: Callable[[], int], route: tuple[str, str] | None = None) -> World:
    firm = sign_up(api, "northwind", "Northwind Advisory")
    other = sign_up(api, "southbank", "Southbank Partners")
    world = World(api, firm, other, pump, route)
    world.tokens.update(owner=firm.token, other_owner=other.token)
    people = {"admin": "ada.admin@northwind.example", "staff": "stan.staff@northwind.example"}
    for role, email in people.items():
        world.users[role] = invite_staff(world, role.title(), email, role)
    for role, email in people.items():
        world.tokens[role] = sign_in_invited(world, email)
    return world
