"""Room lists: staff filters and search as you type, a portal user's rooms across their
clients, unread counts per row, and one Query per page however big the firm or room."""
from chalicelib.aws.clients import client as aws_client
from chalicelib.rooms import feed
from chalicelib.rooms.records import list_entries
from chalicelib.store import FirmStore
from chalicelib.store.wire import table_name, to_ddb
from tests.api.test_errors import assert_problem
from tests.clients_support import create_client, household, portal_user
from tests.rooms_support import add_contact, add_service, create_room, portal_entity, portal_household
from tests.support import invite_staff


def _names(resp):
    assert resp.status == 200, resp.text
    return [r["name"] for r in resp.json["items"]]


def test_staff_filter_and_search(api, firm, pump):
    home = portal_household(api, firm)
    org = portal_entity(api, firm)
    tax, books = add_service(api, firm), add_service(api, firm, "Bookkeeping")
    pat, pat_token = invite_staff(api, firm, pump, "pat@northwind.example", name="Pat Pro")
    create_room(api, firm, home.client_id, tax, "2025 tax return")
    create_room(api, firm, org["client_id"], books, "Monthly books")
    old = create_room(api, firm, home.client_id, books, "Old ledger")
    api.post(f"/rooms/{old['id']}/archive", token=firm.token)
    pump()  # the room's list copies follow the archive from the stream
    api.post(f"/clients/{org['client_id']}/rooms", {"service_id": tax, "name": "Company return",
                                                    "professional_id": pat}, token=firm.token)
    assert "Company return" not in _names(api.get("/rooms", token=firm.token))
    pump()  # a new room's list copies follow from the stream
    assert _names(api.get("/rooms", token=firm.token)) == ["2025 tax return", "Company return", "Monthly books"]
    assert _names(api.get("/rooms?status=archived", token=firm.token)) == ["Old ledger"]
    assert _names(api.get(f"/rooms?client_id={home.client_id}", token=firm.token)) == ["2025 tax return"]
    assert _names(api.get(f"/rooms?service_id={tax}", token=firm.token)) == ["2025 tax return", "Company return"]
    assert _names(api.get(f"/rooms?professional_id={pat}", token=firm.token)) == ["Company return"]
    assert _names(api.get(f"/rooms?service_id={tax}&client_id={org['client_id']}", token=firm.token)) == [
        "Company return"]
    assert _names(api.get("/rooms?mine=true", token=pat_token)) == ["Company return"]
    assert _names(api.get("/rooms?q=mon", token=firm.token)) == ["Monthly books"]
    assert _names(api.get("/rooms?q=lindq", token=firm.token)) == ["2025 tax return"]  # the client's name
    assert _names(api.get("/rooms?q=ta re", token=firm.token)) == ["2025 tax return"]
    assert _names(api.get(f"/rooms?q=return&service_id={books}", token=firm.token)) == []
    for bad in ("?status=gone", "?q=a", "?limit=0", "?limit=201", "?mine=perhaps", "?cursor=forged"):
        assert_problem(api.get(f"/rooms{bad}", token=firm.token), 400)


def test_portal_user_sees_their_rooms_across_clients_with_unread_counts(api, firm, pump):
    org = portal_entity(api, firm)
    made = create_client(api, firm.token, household(display_name="Lindqvist Household"))
    norbert = made["primary_contact_id"]
    assert api.request("PUT", f"/clients/{org['client_id']}/contacts/{norbert}", json={},
                       token=firm.token).status == 200  # before he has a login
    norbert_token = portal_user(api, firm.token, made["id"], norbert, "norbert@lindqvist.example")
    erika = add_contact(api, firm.token, made["id"], "Erika", "erika@lindqvist.example")
    erika_token = portal_user(api, firm.token, made["id"], erika, "erika@lindqvist.example")
    tax = add_service(api, firm)
    mine = create_room(api, firm, made["id"], tax, "2025 tax return")
    theirs = create_room(api, firm, org["client_id"], tax, "Company return")
    assert api.post(f"/rooms/{theirs['id']}/members", {"contact_id": norbert}, token=firm.token).status == 201
    api.post(f"/rooms/{mine['id']}/threads", {"body": "Welcome"}, token=firm.token)
    api.post(f"/rooms/{mine['id']}/threads", {"body": "Another"}, token=firm.token)
    pump()  # the unread counts follow the messages from the stream
    rows = api.get("/rooms", token=norbert_token).json["items"]
    assert [(r["name"], r["unread"]) for r in rows] == [("2025 tax return", 2), ("Company return", 0)]
    assert all("tags" not in r and "created_by" not in r for r in rows)
    assert _names(api.get("/rooms", token=erika_token)) == ["2025 tax return"]
    assert _names(api.get("/rooms", token=org["clerk_token"])) == []
    assert _names(api.get("/rooms?q=compa", token=norbert_token)) == ["Company return"]
    staff_rows = api.get("/rooms", token=firm.token).json["items"]
    assert all(r["unread"] == 0 for r in staff_rows)  # the owner wrote both messages


def test_another_firm_lists_nothing_of_ours(api, firm, other_firm):
    home = portal_household(api, firm)
    create_room(api, firm, home.client_id, add_service(api, firm))
    assert api.get("/rooms", token=other_firm.token).json["items"] == []
    assert api.get(f"/rooms?client_id={home.client_id}", token=other_firm.token).json["items"] == []


class _Calls:
    """Counts DynamoDB calls on Atrium's own client while active."""

    def __init__(self) -> None:
        self.n = 0
        aws_client("dynamodb").meta.events.register("before-call.dynamodb", self._seen)

    def _seen(self, **_) -> None:
        self.n += 1

    def during(self, fn):
        start = self.n
        result = fn()
        return result, self.n - start


def _bulk(db: FirmStore, items: list[dict]) -> None:
    """Straight into moto's table: 20,000 items through the wire would take minutes."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends
    backend = dynamodb_backends[DEFAULT_ACCOUNT_ID]["us-east-1"]
    for item in items:
        backend.put_item(table_name(), to_ddb(db.place(item)))


def _page_calls(api, token: str, path: str, calls: _Calls, pages: int = 2) -> list[int]:
    counts, cursor = [], None
    for _ in range(pages):
        resp, n = calls.during(lambda: api.get(path + (f"&cursor={cursor}" if cursor else ""), token=token))
        assert resp.status == 200 and len(resp.json["items"]) == 50, resp.text
        counts.append(n)
        cursor = resp.json["next_cursor"]
    return counts


def test_ten_thousand_rooms_and_messages_list_every_page_with_the_same_calls(api, firm):
    home = portal_household(api, firm)
    room = create_room(api, firm, home.client_id, add_service(api, firm), "Busy room")
    db = FirmStore(firm.id)
    stored = db.get({"PK": f"ROOM#{room['id']}", "SK": "ROOM"})
    template = {k: v for k, v in stored.items() if k not in ("PK", "SK", "v", "type")}
    rooms, messages = [], []
    for n in range(10_000):
        copy = {**template, "id": f"{room['id'][:16]}{n:010d}", "name": f"Room {n:05d}", "members": {}}
        rooms += [e for e in list_entries(copy) if e["SK"] == "LIST#ALL"]  # what the list reads
        messages.append(feed.feed_entry(room["id"], "message", feed.CLIENT_VISIBLE, {}, body=f"Message {n}",
                                        item_id=f"{n:026d}"))
    _bulk(db, rooms + messages)
    calls = _Calls()
    # The authorizer's principal lookup (with the unread summary) and one Query for the page.
    assert _page_calls(api, firm.token, "/rooms?limit=50", calls) == [2] * 2
    assert _page_calls(api, firm.token, f"/rooms/{room['id']}/feed?limit=50", calls) == [2] * 2
    # A portal user's seat in the room comes with the principal: no read of the room.
    assert _page_calls(api, home.norbert_token, f"/rooms/{room['id']}/feed?limit=50", calls) == [2] * 2
