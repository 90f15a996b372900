"""What of the unread summary the principal carries: every count above zero, `rev`, the
all mark, and only the room marks that can still make a kept notification read."""
from datetime import datetime, timedelta, timezone

from chalicelib.core import clock
from chalicelib.core.ids import new_id
from chalicelib.core.principal import Principal
from chalicelib.core.unread_summary import carried


def _id_at(moment: datetime) -> str:
    return new_id(int(moment.timestamp() * 1000))


def test_the_principal_keeps_what_can_still_change_an_answer():
    now = datetime(2026, 11, 26, 12, tzinfo=timezone.utc)
    clock.freeze(now)
    try:
        all_mark = _id_at(now - timedelta(days=5))
        item = {"PK": "USER#U1", "SK": "UNREAD", "type": "unread", "rev": 7, "all_to": all_mark,
                "digest_to": _id_at(now), "r_A": 2, "r_B": 0, "w_A": _id_at(now - timedelta(days=1)),
                "w_B": _id_at(now - timedelta(days=6))}
        assert carried(item) == {"rev": 7, "all_to": all_mark, "r_A": 2, "w_A": item["w_A"]}
        aged = {"w_C": _id_at(now - timedelta(days=94)), "w_D": _id_at(now - timedelta(days=92))}
        assert carried(aged) == {"w_D": aged["w_D"]}  # notifications live 90 days, expire up to 2 late
        assert carried(None) == {}
    finally:
        clock.freeze(None)


def test_the_summary_crosses_the_gateway_as_it_was_carried():
    summary = {"rev": 3, "r_A": 1, "all_to": "0" * 26}
    ctx = Principal("F1", "U1", "staff", unread=summary).to_context()
    assert all(isinstance(v, str) for v in ctx.values())
    assert Principal.from_context(ctx).unread == summary
    assert Principal.from_context({**ctx, "unread": ""}).unread == {}
