"""The shared write world of the matrix is handed to each route as it was built: what one
route's requests changed (items, mail sent, the outbox's place in the stream) is gone
when the next route gets the world, even after a route with a world of its own."""
from tests.clients_support import create_client
from tests.security.conftest import Worlds
from tests.security.world import invite_staff
from tests.support import sent_emails

OWN = ("POST", "/staff/{user_id}/reactivate")


def _clients(world) -> list[str]:
    return sorted(c["id"] for c in world.api.get("/clients", token=world.firm.token).json["items"])


def _mail() -> list[str]:
    return [m.destinations["ToAddresses"][0] for m in sent_emails()]


def _use(world) -> list[str]:
    """Changes the world as a route's requests would; returns the mail delivered then."""
    world.ids["planted"] = create_client(world.api, world.firm.token)["id"]
    invite_staff(world, "Una Used", "una.used@northwind.example")
    world.pump()
    return _mail()


def test_every_route_gets_the_shared_world_as_it_was_built():
    held = Worlds()
    try:
        first = held.get(("POST", "/clients"))
        as_built, mail_as_built, ids_as_built = _clients(first), _mail(), dict(first.ids)
        delivered = _use(first)
        assert "una.used@northwind.example" in delivered and first.ids["planted"] in _clients(first)

        second = held.get(("POST", "/services"))
        assert second is not first and second.ids == ids_as_built
        assert _clients(second) == as_built and _mail() == mail_as_built
        # The same email is free again, and the outbox delivers what it did, no more: it
        # resumed where the built world had read the stream to.
        assert _use(second) == delivered

        own = held.get(OWN)
        assert "planted" not in own.ids
        third = held.get(("POST", "/clients"))
        assert _clients(third) == as_built and _mail() == mail_as_built
        assert third.api.get("/me", token=third.tokens["admin"]).status == 200, "tokens of the copy still sign in"
        assert _use(third) == delivered
    finally:
        held.close()
