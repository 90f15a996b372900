"""The call budget's one list of exceptions stays honest: each names a real route, gives a
reason, and allows no more than it says."""
from bench import budget


def test_every_listed_route_exists_and_says_why():
    from chalicelib.core.route_table import ROUTES
    routes = {(method, path) for method, path, _, _ in ROUTES}
    assert set(budget.OVER_BUDGET) <= routes
    assert all(len(why) > 20 for _, why in budget.OVER_BUDGET.values())


def test_allowances():
    assert budget.allowance("GET", "/firm", public=False) == 2
    assert budget.allowance("GET", "/firms/{slug}/public", public=True) == 1
    assert budget.allowance("POST", "/invitations/accept", public=True) == 4
    assert budget.allowance("POST", "/signup", public=True) == 1
    assert budget.allowance("POST", "/clients", public=False, idempotency_key=True) == 5
