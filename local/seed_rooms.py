"""Demo services and a room with a conversation for the Lindqvist household, made through
the same use cases the API runs: a welcome thread, the client's reply, the staff's
answer, an internal note and an internal tag the client never sees."""
from __future__ import annotations

from chalicelib.accounts.users import find_user_by_email, load_principal
from chalicelib.aws.identity import username
from chalicelib.core.principal import Principal
from chalicelib.messages import service as messages
from chalicelib.messages.models import NoteCreate, ReplyCreate, TagsSet, ThreadCreate
from chalicelib.rooms import service as rooms
from chalicelib.rooms.furnishing import furnish
from chalicelib.rooms.models import RoomCreate
from chalicelib.services.service import add_demo_services
from chalicelib.store import FirmStore, keys
from local.seed_clients import CLIENT_LOGIN

HOUSEHOLD = "Norbert & Ériká Lindqvist"


def _household_id(db: FirmStore) -> str:
    return next(c["id"] for c in db.query_all(keys.CLIENTS, index="GSI1") if c["display_name"] == HOUSEHOLD)


def seed_rooms(owner: Principal, staff_user_id: str) -> str:
    """Returns the demo room's id."""
    db = FirmStore.of(owner)
    owner = _as_signed_in(owner.firm_id, owner.user_id)
    services = add_demo_services(db)
    room = rooms.create(owner, RoomCreate(client_id=_household_id(db), service_id=services["Tax return"],
                                          name="2025 tax return", description="Your 2025 personal return",
                                          professional_id=staff_user_id))
    _furnish_now(db, room.id)
    login = find_user_by_email(db, CLIENT_LOGIN[0])
    norbert = _as_signed_in(owner.firm_id, login["id"])  # with the seat the furnishing gave him
    welcome = messages.start_thread(owner, room.id, ThreadCreate(
        body="Welcome to your 2025 tax return room! Please upload your **W-2** and last year's return here.",
        welcome=True))
    answer = messages.reply(norbert, room.id, welcome.id, ReplyCreate(
        body="Thanks! Ériká's W-2 is coming next week; mine is attached."))
    messages.reply(owner, room.id, welcome.id, ReplyCreate(body="Perfect, we'll start with yours."))
    messages.set_tags(owner, room.id, answer.id, TagsSet(tags=["waiting-on-client"]))
    messages.write_note(owner, room.id, NoteCreate(body="Check the 1099-B from the brokerage before filing."))
    return room.id


def _as_signed_in(firm_id: str, user_id: str) -> Principal:
    """The principal the authorizer would build for this login (its name, its seats)."""
    principal = load_principal(username(firm_id, user_id))
    assert principal is not None, "the demo logins are active"
    return principal


def _furnish_now(db: FirmStore, room_id: str) -> None:
    """What the stream would bring a moment later, now: the conversation that follows
    needs the room's members (the stream then finds the room furnished)."""
    work = db.work()
    furnish(db.get(keys.room(room_id)), work)
    work.commit()
