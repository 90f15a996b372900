"""The only code that talks to DynamoDB. Domain code uses:

- `FirmStore.of(principal)`: reads and a unit of work bound to the caller's firm, with
  firm-relative keys from `keys`;
- `Platform()`: the few `P#` items (`platform_keys`) that belong to no firm;
- `Work` (from `handle.work()`): conditional writes, ConditionChecks and counters,
  committed together;
- `Attr`, `exists`, `missing`, `at_version`: the conditions those writes carry.

docs/adding-a-domain.md walks through them."""
from chalicelib.store import keys, platform_keys
from chalicelib.store.conditions import Attr, at_version, exists, missing
from chalicelib.store.scope import FirmStore, Page, Platform
from chalicelib.store.work import Collided, CopyOf, Reason, Refused, Work

__all__ = ["keys", "platform_keys", "Attr", "at_version", "exists", "missing", "FirmStore", "Page", "Platform", "Work", "Collided", "CopyOf",
           "Reason", "Refused"]
