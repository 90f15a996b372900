"""Helpers the API tests share: an HTTP-shaped client over the in-process gateway,
firms signed up through the API, and what moto recorded as sent."""
from __future__ import annotations

import json as jsonlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chalice.cli.factory import CLIFactory

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Correct-Horse-42"


@dataclass
class Resp:
    status: int
    headers: dict[str, str]
    text: str

    @property
    def json(self) -> Any:
        return jsonlib.loads(self.text) if self.text else None

    @property
    def content_type(self) -> str:
        return next((v for k, v in self.headers.items() if k.lower() == "content-type"), "")


class ApiClient:
    def __init__(self, app: Any) -> None:
        from local.gateway import ProblemGateway
        config = CLIFactory(str(ROOT)).create_config_obj(chalice_stage_name="dev")
        self.gateway = ProblemGateway(app, config)

    def request(self, method: str, path: str, json: Any = None, token: str | None = None,
                headers: dict[str, str] | None = None, body: bytes | None = None) -> Resp:
        hdrs = {"content-type": "application/json", **(headers or {})}
        if token:
            hdrs["authorization"] = f"Bearer {token}"
        if json is not None:
            body = jsonlib.dumps(json).encode()
        raw = self.gateway.handle_request(method=method, path=path, headers=hdrs, body=body or b"")
        out = raw.get("body") or ""
        return Resp(raw["statusCode"], {**raw.get("headers", {})}, out if isinstance(out, str) else out.decode())

    def get(self, path: str, **kw: Any) -> Resp:
        return self.request("GET", path, **kw)

    def post(self, path: str, json: Any = None, **kw: Any) -> Resp:
        return self.request("POST", path, json=json, **kw)

    def patch(self, path: str, json: Any = None, **kw: Any) -> Resp:
        return self.request("PATCH", path, json=json, **kw)

    def delete(self, path: str, **kw: Any) -> Resp:
        return self.request("DELETE", path, **kw)


@dataclass
class Firm:
    id: str
    slug: str
    owner_email: str
    token: str
    tokens: dict[str, Any] = field(default_factory=dict)


def sign_up(api: ApiClient, slug: str, name: str = "Firm") -> Firm:
    email = f"owner@{slug}.example"
    resp = api.post("/signup", {"firm_name": name, "slug": slug,
                                "owner": {"name": "Olive Owner", "email": email, "password": PASSWORD}})
    assert resp.status == 201, resp.text
    tokens = login(api, slug, email, PASSWORD)
    return Firm(resp.json["firm"]["id"], slug, email, tokens["access_token"], tokens)


def login(api: ApiClient, slug: str, email: str, password: str) -> dict[str, Any]:
    resp = api.post("/auth/login", {"slug": slug, "email": email, "password": password})
    assert resp.status == 200, resp.text
    return resp.json


def sent_emails() -> list[Any]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends
    return list(ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sent_messages)


def sent_sms() -> list[Any]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sns.models import sns_backends
    return list(sns_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sms_messages.values())


def temporary_password_in(message: Any) -> str:
    import re
    return re.search(r"temporary password: ([A-Za-z0-9!]+)", message.body).group(1)


def invite_staff(api: ApiClient, firm: Firm, pump: Any, email: str, role: str = "staff",
                 name: str = "Sam Staff") -> tuple[str, str]:
    """Invites through the API, delivers the email, answers the first-sign-in challenge.
    Returns (user_id, access_token)."""
    resp = api.post("/staff", {"name": name, "email": email, "role": role}, token=firm.token)
    assert resp.status == 201, resp.text
    pump()
    mail = [m for m in sent_emails() if email in m.destinations["ToAddresses"]][-1]
    first = api.post("/auth/login", {"slug": firm.slug, "email": email, "password": temporary_password_in(mail)})
    assert first.json["kind"] == "challenge", first.text
    done = api.post("/auth/challenge", {"slug": firm.slug, "email": email, "session": first.json["session"],
                                        "new_password": PASSWORD})
    assert done.status == 200 and done.json["kind"] == "tokens", done.text
    return resp.json["id"], done.json["access_token"]
