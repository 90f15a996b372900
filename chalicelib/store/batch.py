"""Reading several known items in one BatchGetItem and finding each by its key."""
from __future__ import annotations

from typing import Any

from chalicelib.store.scope import FirmStore


class Batch:
    def __init__(self, db: FirmStore, wanted: list[dict[str, str]], consistent: bool = False) -> None:
        self.found = {(i["PK"], i["SK"]): i for i in db.get_many(wanted, consistent)}

    def get(self, key: dict[str, str]) -> dict[str, Any] | None:
        return self.found.get((key["PK"], key["SK"]))
