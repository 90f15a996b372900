"""A person as the API last answered them, sealed (core.sealed) and handed to staff with
the answer (their own routes, from the stored person; a client's contacts page, from the
link's copy when whole), one seal per person whichever answer gave it, so a later write
that must know the person (their clients, emails and login) takes them from the request
instead of reading them first. The write is conditioned on
the version sealed, so a person changed since is refused, never overwritten, and the
refusal returns them as they now stand."""
from __future__ import annotations

from typing import Any, Callable, TypeVar

from chalicelib.contacts.records import stale_contact
from chalicelib.core import sealed
from chalicelib.core.sealed import Outdated, outdated_or
from chalicelib.store.work import Refusal

T = TypeVar("T")

SEALED_MAX = 8192  # five long emails, five phones, names and the portal state, encoded


def sealed_field(about: str) -> Any:
    return sealed.sealed_field(about, SEALED_MAX)


def _scope(firm_id: str, contact_id: str) -> str:
    return f"person:{firm_id}:{contact_id}"


def seal_person(firm_id: str, contact: dict[str, Any]) -> str:
    return sealed.seal_item(contact, _scope(firm_id, contact["id"]))


def _whole(person: dict[str, Any]) -> bool:
    """Whether a copy of the person names all that a write from it changes: their version,
    and their login once they were ever invited (a link's copy kept before copies named
    the login has none)."""
    never_invited = person.get("portal", {}).get("status", "not_invited") == "not_invited"
    return "v" in person and (never_invited or "user_id" in person)


def seal_copy(firm_id: str, person: dict[str, Any]) -> str | None:
    """The person sealed from a copy of them (a link's), only when the copy is whole."""
    return seal_person(firm_id, person) if _whole(person) else None


def person_as_read(firm_id: str, contact_id: str, value: str | None, loc: str) -> dict[str, Any] | None:
    return sealed.opened_item(value, _scope(firm_id, contact_id), loc, "person")


def written_from(known: dict[str, Any] | None, read: Callable[[], dict[str, Any] | None],
                 write: Callable[[dict[str, Any] | None, Refusal], T],
                 goes_ahead: Callable[[dict[str, Any]], bool] = lambda _: True) -> T:
    """`write(person, refused)`, pinned to the person's version, made from the sealed person
    `known` when it lets the request go ahead; a person changed since is taken from the
    refusal and written once more. What a sealed person says the request cannot do is not
    believed: then, as without one, the person is `read()` (None: there is none) and decides."""
    if known is None or not goes_ahead(known):
        return write(read(), stale_contact)
    return written_as_sealed(known, write)


def written_as_sealed(known: dict[str, Any], write: Callable[[dict[str, Any], Refusal], T]) -> T:
    """`write(person, refused)` from the sealed person, pinned to the version sealed; a
    person changed since is taken from the refusal and written once more."""
    try:
        return write(known, outdated_or(stale_contact))
    except Outdated as outdated:
        return write(outdated.item, stale_contact)
