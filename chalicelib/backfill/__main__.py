"""`python -m chalicelib.backfill [<firm_id> ...]`: every backfill for the firms named, or
for every firm; prints what each changed."""
from __future__ import annotations

import sys

from chalicelib.backfill import every_firm, run


def main(firm_ids: list[str]) -> None:
    for firm_id in firm_ids or list(every_firm()):
        for name, changed in run(firm_id).items():
            print(f"{firm_id}\t{name}\t{changed}")


if __name__ == "__main__":
    main(sys.argv[1:])
