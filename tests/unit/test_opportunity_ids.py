"""An opportunity's id names its client, service and professional when each is an Atrium
id, sorts by time as any id, and keeps to what a path may carry."""
from chalicelib.core.ids import new_id
from chalicelib.opportunities.ids import Named, named, opportunity_id


def test_an_id_names_its_client_service_and_professional():
    client, service, pro = new_id(), new_id(), new_id()
    made = opportunity_id(client, service, pro)
    assert named(made) == Named(client, service, pro)
    assert made.isascii() and made.isalnum() and len(made) <= 120


def test_without_a_professional_the_id_names_the_pair_only():
    client, service = new_id(), new_id()
    assert named(opportunity_id(client, service, None)) == Named(client, service, None)
    assert named(opportunity_id(client, service, "")) == Named(client, service, None)


def test_ids_sort_by_the_time_they_were_made():
    client, service = new_id(), new_id()
    earlier = f"{new_id(1_000)}{client}{service}"
    assert earlier < opportunity_id(client, service, None)


def test_a_plain_or_odd_id_names_nothing():
    assert named(new_id()) is None
    assert named(f"{new_id()}{new_id()}") is None
    assert named(f"{new_id()}{new_id()}{new_id()}X") is None
    assert named(new_id() * 5) is None


def test_parts_that_are_not_atrium_ids_give_a_plain_id():
    for parts in (("c1", new_id(), None), (new_id(), "tax-return", None), (new_id(), new_id(), "pro-1")):
        made = opportunity_id(*parts)
        assert named(made) is None and len(made) == 26
