"""Reading, changing and previewing the firm's message wording (one item per firm)."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from chalicelib.core import clock
from chalicelib.core.config import settings

from chalicelib.core.principal import Principal
from chalicelib.outbox.templates import Email, branded_email
from chalicelib.store.batch import Batch
from chalicelib.store import FirmStore, keys
from chalicelib.wording.models import PreviewRequest, PreviewView, WordingsView, WordingUpdate, WordingView
from chalicelib.wording.templates import MESSAGES, SAMPLE, VARIABLES, attributes_of, customised, render, wording_of


def wordings_view(item: dict[str, Any] | None) -> WordingsView:
    return WordingsView(messages={m: WordingView(**wording_of(item, m), customised=customised(item, m))
                                  for m in MESSAGES}, variables=list(VARIABLES))


def read(me: Principal) -> WordingsView:
    return wordings_view(FirmStore.of(me).get(keys.wording()))


def update(me: Principal, body: WordingUpdate) -> WordingsView:
    """One UpdateItem that sets only the parts the change names and returns the item."""
    changes = {m: change.model_dump(exclude_unset=True) for m, change in body.messages.items()}
    work = FirmStore.of(me).work()
    work.upsert(keys.wording(), set={"type": "wording", **attributes_of(changes)})
    return wordings_view(work.commit())


def compose(firm: dict[str, Any], wording: dict[str, str], values: dict[str, str],
            action: tuple[str, str] | None = None, after: tuple[str, ...] = (), footer: str = "") -> Email:
    """An email in the firm's branding from its wording; values are text, escaped in HTML.
    The subject is kept to one line whatever the values hold (a header is one line); a
    blank line in the text starts a new paragraph. `after` is what the app itself adds
    (an expiry, say), which the firm's wording cannot remove."""
    subject = " ".join(render(wording["header"], values).split())
    paragraphs = [p.strip() for p in render(wording["text"], values).split("\n\n") if p.strip()]
    return branded_email(firm, subject, [*paragraphs, *after], action=action, footer=footer)


def one_line(wording: dict[str, str], values: dict[str, str]) -> str:
    """The text of a message as an SMS: rendered, on one line."""
    return " ".join(render(wording["text"], values).split())


INVITATION_FOOTER = "If you were not expecting this, you can ignore this message."


def invitation_email(firm: dict[str, Any], wording: dict[str, str], values: dict[str, str], link: str,
                     expires_on: str) -> Email:
    """The portal invitation as sent (and previewed): the firm's wording, then the app's
    own part, which no wording can drop: how the link works and until when."""
    return compose(firm, wording, values, action=("Open your portal", link), footer=INVITATION_FOOTER,
                   after=(f"Choose your password to get started. This link can be used once and expires on "
                          f"{expires_on}.",))


def invitation_sms(wording: dict[str, str], values: dict[str, str], link: str, expires_on: str) -> str:
    return f"{one_line(wording, values)} {link} (single use, expires {expires_on})."


def preview(me: Principal, body: PreviewRequest) -> PreviewView:
    """The message as a client would receive it, with sample values."""
    found = Batch(FirmStore.of(me), [keys.firm(), keys.wording()])
    firm = found.get(keys.firm()) or {"name": ""}
    wording = wording_of(found.get(keys.wording()), body.message)
    wording.update(body.model_dump(exclude_none=True, include={"header", "text"}))
    values = {**SAMPLE, "firm": firm["name"]}
    if body.message == "timeline_sms":
        text = render(wording["text"], values)
        return PreviewView(subject="", text=text, html="")
    if body.message == "invitation":
        email = invitation_email(firm, wording, values, _sample_link(firm), _sample_expiry(firm))
        return PreviewView(subject=email.subject, text=email.text, html=email.html,
                           sms=invitation_sms(wording, values, _sample_link(firm), _sample_expiry(firm)))
    email = compose(firm, wording, values)
    return PreviewView(subject=email.subject, text=email.text, html=email.html)


def _sample_link(firm: dict[str, Any]) -> str:
    return f"{settings().public_url}/portal/{firm.get('slug', '')}/invitations/…"


def _sample_expiry(firm: dict[str, Any]) -> str:
    days = (firm.get("settings") or {}).get("invitation_days", 7)
    return (clock.now() + timedelta(days=days)).strftime("%d %B %Y")

