"""A portal user's seats name each room's client: the principal carries which, compactly."""
from chalicelib.core.principal import Principal
from chalicelib.core.room_seats import seat_attribute, seat_clients, seated_rooms


def test_each_seat_names_its_rooms_client_through_the_authorizer_context():
    login = {seat_attribute("R2"): "C2", seat_attribute("R1"): "C1", seat_attribute("R3"): "GONE"}
    client_ids = ("C1", "C2")
    me = Principal("F1", "U1", "client", client_ids, room_ids=seated_rooms(login, client_ids),
                   room_clients=seat_clients(login, client_ids))
    carried = Principal.from_context(me.to_context())
    assert [carried.client_of(r) for r in ("R1", "R2", "R3")] == ["C1", "C2", None]


def test_a_principal_without_the_copy_names_no_client():
    assert Principal("F1", "U1", "client", ("C1",), room_ids=("R1",)).client_of("R1") is None
