from chalicelib.core.principal import Principal
from local.seed_clients import seed_clients
from local.seed_rooms import seed_rooms
from tests.rooms_support import seats_and_members
from tests.support import login


def test_demo_room_has_a_conversation_the_client_sees_without_internal_items(api, firm, pump):
    me = api.get("/me", token=firm.token).json
    owner = Principal(firm_id=firm.id, user_id=me["user"]["id"], role="owner")
    email, password = seed_clients(owner, me["user"]["id"])
    room_id = seed_rooms(owner, me["user"]["id"])
    pump()  # who is told of each message follows from the stream, as the local stack runs it
    assert [s["name"] for s in api.get("/services", token=firm.token).json["items"]] == [
        "Bookkeeping", "Financial plan", "Tax return"]
    token = login(api, firm.slug, email, password)["access_token"]
    [row] = api.get("/rooms", token=token).json["items"]
    assert row["id"] == room_id and row["unread"] == 2  # the welcome and the staff's answer
    client_feed = api.get(f"/rooms/{room_id}/feed", token=token).json["items"]
    assert [i["kind"] for i in client_feed][:3] == ["reply", "reply", "message"]
    staff_feed = api.get(f"/rooms/{room_id}/feed", token=firm.token).json["items"]
    assert staff_feed[0]["kind"] == "note" and any(i["tags"] == ["waiting-on-client"] for i in staff_feed)
    assert "waiting-on-client" not in str(client_feed) and "1099-B" not in str(client_feed)
    seats, members = seats_and_members(firm.id)
    assert seats == members and (row["id"] in {room for _, room, _ in seats})
