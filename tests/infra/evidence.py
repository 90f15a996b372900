"""IAM from evidence: what each function's role grants, next to what it was seen calling."""
from __future__ import annotations

from tests.infra.conftest import Synthesized


def granted_actions(synthesized: Synthesized, logical_id: str) -> set[str]:
    return {a for s in synthesized.statements_of(logical_id) if s["Effect"] == "Allow" for a in s["Action"]}
