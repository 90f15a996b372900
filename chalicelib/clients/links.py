"""A client's contact links, each carrying a copy of its person and whether they are the
client's primary contact, so a page of a client's contacts is one Query. The link is
written with its person in one transaction; later changes of the person (names, emails,
portal state, sign-ins) and of the client's primary contact reach the links from the
table stream (chalicelib.store.projection)."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import Conflict
from chalicelib.store import Attr, Work, exists, keys
from chalicelib.store.work import Refusal

# What the contacts page shows of a person (contacts.models.ContactView), with its version,
# and their login, which the person sealed from this copy (contacts/as_read.py) names for
# the writes that change it.
PERSON = ("id", "first_name", "last_name", "emails", "phones", "client_ids", "portal", "created_at", "v", "user_id")


def person_copy(contact: dict[str, Any]) -> dict[str, Any]:
    return {k: contact[k] for k in PERSON if contact.get(k) is not None}


def create_link(work: Work, client_id: str, contact: dict[str, Any], role: str, primary: bool) -> None:
    """The link, with the person as `contact` will be stored."""
    work.create({**keys.client_contact(client_id, contact["id"]), "type": "client_contact", "client_id": client_id,
                 "contact_id": contact["id"], "role": role, "primary": primary, "added_at": clock.now_iso(),
                 "person": person_copy(contact)},
                refused=lambda _: Conflict("That person is already a contact of this client."))


def follow_contact(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    """The person's copy on each link they still have. A sign-in changes the person without
    a version bump, so a copy gives way to one of the same version; a record that arrives
    after a link was written with a newer person is dropped by the condition."""
    if old is None or new is None:
        return  # a new person's links were written with them
    _copy_person(work, new)


def copy_person_now(work: Work, person: dict[str, Any]) -> None:
    """The person's copy on each of their links, in the write that changes the person, for
    a change a screen shows at once (an invitation sent, accepted, revoked). The person is
    written at its version in the same transaction, so its links are exactly its
    `client_ids`; the stream's copy of the same version then changes nothing."""
    _copy_person(work, person, refused=lambda _: Conflict("The person's clients changed meanwhile; try again."))


def _copy_person(work: Work, person: dict[str, Any], refused: Refusal | None = None) -> None:
    copy = person_copy(person)
    newer_or_same = Attr("person.v").not_exists() | Attr("person.v").lte(person["v"])
    for client_id in person.get("client_ids", []):
        work.count(keys.client_contact(client_id, person["id"]), {}, set={"person": copy},
                   when=exists() & newer_or_same, refused=refused)


def follow_primary(old: dict[str, Any] | None, new: dict[str, Any], work: Work) -> None:
    """A new primary contact: the old one's link says it no longer is, the new one's that it is."""
    before, after = (old or {}).get("primary_contact_id"), new.get("primary_contact_id")
    if old is None or before == after:
        return
    for contact_id, primary in ((before, False), (after, True)):
        work.count(keys.client_contact(new["id"], contact_id), {}, set={"primary": primary}, when=exists())
