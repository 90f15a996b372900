"""A client's contacts: people added to a client, linked to one more client, unlinked. A
link, the person's email claims within that client and the client's portal counts (ADD,
no read of the client for them) move in one unit of work."""
from __future__ import annotations

from typing import Any

from chalicelib.clients.links import create_link
from chalicelib.clients.portal_counts import count_portal
from chalicelib.clients.records import Changes
from chalicelib.contacts import records as contacts
from chalicelib.contacts.as_read import person_as_read, seal_copy, written_as_sealed, written_from
from chalicelib.contacts.models import ClientContactCreate, ContactLink, SealedClientContact, client_contact_view
from chalicelib.core.errors import BusinessRule, Conflict, NotFound
from chalicelib.core.ids import new_id
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.store import Attr, FirmStore, Work, exists, keys
from chalicelib.store.batch import Batch
from chalicelib.store.work import Refusal


def check_role(client: dict[str, Any], role: str | None) -> str:
    expected = contacts.ROLE_FOR_KIND[client["kind"]]
    if role not in (None, expected):
        raise _wrong_role(client)
    return expected


def _wrong_role(client: dict[str, Any]) -> BusinessRule:
    expected = contacts.ROLE_FOR_KIND[client["kind"]]
    return BusinessRule(f"A contact of an {client['kind']} client is a {expected}.",
                        [{"loc": "body.role", "msg": f"expected {expected}"}])


def _check_kind(work: Work, client_id: str, role: str, person: dict[str, Any], assumed: bool = False) -> None:
    """The client exists and is of the kind whose contacts have `role`: a condition on the
    client, which adds the joining person to its copy of its contacts' ids and their
    portal weight to its counts. An `assumed` role that the client's kind refuses is a
    misjudgement the write is made again for, not the caller's error."""
    kind = next(k for k, r in contacts.ROLE_FOR_KIND.items() if r == role)

    def refused(old: dict[str, Any] | None) -> Exception:
        if old is None:
            return NotFound("No such client.")
        return _Misjudged(old) if assumed else _wrong_role(old)
    count_portal(work, client_id, *contacts.portal_weight(person), joins=person["id"], when=Attr("kind").eq(kind),
                 refused=refused)


class _Misjudged(Exception):
    """A first write's guess about the client (the kind a missing role assumed) did not
    hold; `client` is the client as the refusal returned it."""

    def __init__(self, client: dict[str, Any]) -> None:
        super().__init__("the client is not as the write assumed")
        self.client = client


def link_items(changes: Changes, client_id: str, contact: dict[str, Any], role: str, primary: bool = False) -> None:
    """The link and the person's email claims within the client (not the client itself)."""
    create_link(changes.work, client_id, contact, role, primary)
    contacts.claim_emails(changes.work, client_id, contact["id"], contacts.claimed_emails(contact), set())


def join_client(changes: Changes, contact: dict[str, Any], client_id: str,
                refused: Refusal = contacts.stale_contact) -> dict[str, Any]:
    """An existing person becomes a contact of one more client; returns the person after."""
    if client_id in contact.get("client_ids", []):
        raise Conflict("That person is already a contact of this client.")
    contacts.check_room_for_client(contact)
    return contacts.move_clients(changes.work, contact, [*contact.get("client_ids", []), client_id], refused)


def _link(changes: Changes, client: dict[str, Any], contact: dict[str, Any], role: str) -> None:
    """Links `contact` (as it will be stored) to an existing `client`, whose counts it joins."""
    link_items(changes, client["id"], contact, role)
    count_portal(changes.work, client["id"], *contacts.portal_weight(contact), joins=contact["id"])


def _as_client_contact(client: dict[str, Any], contact: dict[str, Any], role: str):
    return client_contact_view(contact, {"role": role}, client["primary_contact_id"])


# Without a role, the first write assumes the client is an individual (a co-owner); an
# entity's refusal returns the client, whose kind then decides the second write.
ASSUMED_KIND = "individual"


def add_to_client(me: Principal, client_id: str, body: ClientContactCreate):
    """One transaction: the person, the link, their email claims and a condition that the
    client exists and the role fits its kind (a new person moves none of its portal
    counts). Nothing is read: without a role, the write assumes the commoner kind, and
    only an entity's refusal costs a second write, made from the client it returned."""
    db = FirmStore.of(me)
    contact = contacts.new_contact_item(me.firm_id, new_id(), body, [client_id])
    role = body.role or contacts.ROLE_FOR_KIND[ASSUMED_KIND]
    try:
        stored = _add_new_person(db, client_id, contact, role, assumed=body.role is None)
    except _Misjudged as misjudged:
        role = check_role(misjudged.client, body.role)
        stored = _add_new_person(db, client_id, contact, role)
    return client_contact_view(stored, {"role": role}, None)  # a new person is not yet anyone's primary


def _add_new_person(db: FirmStore, client_id: str, contact: dict[str, Any], role: str,
                    assumed: bool = False) -> dict[str, Any]:
    changes = Changes(db.work())
    stored = changes.work.create(contact)
    link_items(changes, client_id, stored, role)
    _check_kind(changes.work, client_id, role, contact, assumed)
    changes.commit()
    return stored


def _client_and_person(db: FirmStore, client_id: str, contact_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both in one batch read: the client (its kind decides the role) and the person
    (their clients, emails, login and portal state), which a link writes from."""
    found = Batch(db, [keys.client(client_id), keys.contact(contact_id)])
    client, contact = found.get(keys.client(client_id)), found.get(keys.contact(contact_id))
    if client is None:
        raise NotFound("No such client.")
    if contact is None:
        raise NotFound("No such contact.")
    return client, contact


def link_existing(me: Principal, client_id: str, contact_id: str, body: ContactLink, sealed: str | None = None):
    """With the person sealed and a role, one transaction and no read: the client's kind
    and existence are its condition. Otherwise the client and the person are read first."""
    db = FirmStore.of(me)
    known = person_as_read(me.firm_id, contact_id, sealed, "body.sealed")
    if body.role is not None and known is not None and _may_join(known, client_id):
        return _link_sealed(db, client_id, known, body.role)
    client, contact = _client_and_person(db, client_id, contact_id)
    role = check_role(client, body.role)
    changes = Changes(db.work())
    after = join_client(changes, contact, client_id)
    _link(changes, client, after, role)
    changes.commit()
    return _as_client_contact(client, after, role)


def _may_join(person: dict[str, Any], client_id: str) -> bool:
    """Whether the sealed person says they may join: a no is said from the person as read."""
    clients = person.get("client_ids", [])
    return client_id not in clients and len(clients) < contacts.MAX_CLIENTS_PER_CONTACT


def _link_sealed(db: FirmStore, client_id: str, person: dict[str, Any], role: str):
    """The sealed person joins the client: the version sealed pins every fact the write
    takes from them; a person changed since is taken from the refusal for one more write."""
    after = written_as_sealed(person, lambda known, refused: _join_of_kind(db, client_id, known, role, refused))
    return client_contact_view(after, {"role": role}, None)  # a person joining is not yet its primary


def _join_of_kind(db: FirmStore, client_id: str, person: dict[str, Any], role: str,
                  refused: Refusal) -> dict[str, Any]:
    changes = Changes(db.work())
    after = join_client(changes, person, client_id, refused)
    link_items(changes, client_id, after, role)
    _check_kind(changes.work, client_id, role, after)
    changes.commit()
    return after


def unlink(me: Principal, client_id: str, contact_id: str, sealed: str | None = None) -> None:
    """The person, as sealed or read (their login loses the client in this write, so its
    access ends at once); the client is a condition: there, and not its primary contact."""
    db = FirmStore.of(me)
    known = person_as_read(me.firm_id, contact_id, sealed, "query.sealed")
    written_from(known, lambda: db.get(keys.contact(contact_id)),
                 lambda person, refused: _unlink_person(db, client_id, person, refused),
                 goes_ahead=lambda person: client_id in person.get("client_ids", []))


def _unlink_person(db: FirmStore, client_id: str, person: dict[str, Any] | None, refused: Refusal) -> None:
    contact = contacts.of_client(person, client_id)
    contact_id = contact["id"]
    work = db.work()
    contacts.move_clients(work, contact, [c for c in contact["client_ids"] if c != client_id], refused)
    work.delete(keys.client_contact(client_id, contact_id), when=exists(),
                refused=lambda _: NotFound("No such contact of this client."))
    contacts.claim_emails(work, client_id, contact_id, set(), contacts.claimed_emails(contact))
    pending, accepted = contacts.portal_weight(contact)
    count_portal(work, client_id, -pending, -accepted, when=Attr("primary_contact_id").ne(contact_id),
                 leaves=contact_id,
                 refused=_not_primary)
    work.commit()


def _not_primary(client: dict[str, Any] | None) -> Exception:
    if client is None:
        return NotFound("No such client.")
    return Conflict("This is the client's primary contact; choose another primary contact first.")


def list_for_client(me: Principal, client_id: str, limit: int, cursor: str | None):
    """One Query for the client (first page) and a page of its links, each with its person.
    A later page needs no client: its cursor proves the list, and its links say which one
    is the primary contact."""
    db = FirmStore.of(me)
    page = db.query(keys.client_partition(client_id), sk_between=("CLIENT", "CONTACT#~"),
                    limit=limit if cursor else limit + 1, cursor=cursor)
    client = next((i for i in page.items if i["SK"] == "CLIENT"), None)
    if client is None and not cursor:
        raise NotFound("No such client.")
    links = [i for i in page.items if i["SK"] != "CLIENT"]
    people = _people(links)
    items = [_sealed(me, people[l["contact_id"]], l, _primary_id(client, l))
             for l in links if l["contact_id"] in people]
    return ListOf(items=items, next_cursor=page.next_cursor)


def _sealed(me: Principal, person: dict[str, Any], link: dict[str, Any], primary_id: str | None):
    """The person with their link's copy sealed, which lets changing them read nothing first."""
    return SealedClientContact(**client_contact_view(person, link, primary_id).model_dump(),
                               sealed=seal_copy(me.firm_id, person))


def _primary_id(client: dict[str, Any] | None, link: dict[str, Any]) -> str | None:
    if client is not None:
        return client["primary_contact_id"]
    return link["contact_id"] if link.get("primary") else None


def _people(links: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The person on each link: links written before links carried one were given it by
    the upgrade backfill (link_people.py)."""
    return {l["contact_id"]: l["person"] for l in links if "person" in l}
