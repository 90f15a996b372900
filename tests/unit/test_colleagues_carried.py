"""What a principal carries of the portal item's copy of the roll."""
from chalicelib.accounts.users import colleague_names, colleagues_known
from chalicelib.core.principal import Principal

STAFF_LOGIN = {"role": "staff"}


def test_only_a_whole_copy_is_carried_and_only_by_staff():
    whole = {"professionals": {"U2", "U1"}, "professionals_whole": True}
    assert colleagues_known(whole, STAFF_LOGIN) == {"colleagues": ("U1", "U2"), "colleagues_whole": True}
    assert colleagues_known({"professionals": {"U1"}}, STAFF_LOGIN) == {}
    assert colleagues_known(whole, {"role": "client"}) == {}


def test_the_colleagues_cross_the_gateway_with_their_wholeness():
    carried = Principal.from_context(Principal("F1", "U1", "staff", colleagues=("U1",), colleagues_whole=True).to_context())
    assert (carried.colleagues, carried.colleagues_whole) == (("U1",), True)
    empty_but_whole = Principal.from_context(Principal("F1", "U1", "staff", colleagues_whole=True).to_context())
    assert (empty_but_whole.colleagues, empty_but_whole.colleagues_whole) == ((), True)
    none = Principal.from_context(Principal("F1", "U1", "staff").to_context())
    assert none.colleagues_whole is False


def test_colleague_names_are_carried_by_staff_only_and_cross_the_gateway():
    portal = {"colleague_U1": "Olive Owner", "colleague_U2": "Sam Staff", "owner_U1": {"name": "Olive Owner"}}
    assert colleague_names(portal, STAFF_LOGIN) == {"U1": "Olive Owner", "U2": "Sam Staff"}
    assert colleague_names(portal, {"role": "client"}) == {}
    carried = Principal.from_context(Principal("F1", "U1", "staff", colleague_names={"U2": "Sam"}).to_context())
    assert carried.colleague_names == {"U2": "Sam"}
    assert Principal.from_context(Principal("F1", "U1", "staff").to_context()).colleague_names == {}
