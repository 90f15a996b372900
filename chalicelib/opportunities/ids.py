"""An opportunity's id names what converting it into a room needs: a time-sorted id, then
its client, its service and (when the client had one) its professional, each an Atrium
id of fixed length. Converting so needs no read of the opportunity to name the room's
client, service and professional: the id is the opportunity's key, so a write to it
conditioned on its existence proves the names. It still sorts by time as any id, and is
letters and digits only, as every id a path may carry.

Opportunities made before their ids named anything keep their plain ids (`named` is None
for them); so does one whose parts are not all Atrium ids."""
from __future__ import annotations

from dataclasses import dataclass

from chalicelib.core.ids import ID_LENGTH, new_id


@dataclass(frozen=True)
class Named:
    client_id: str
    service_id: str
    professional_id: str | None


def _is_id(value: str | None) -> bool:
    return value is not None and len(value) == ID_LENGTH and value.isascii() and value.isalnum()


def opportunity_id(client_id: str, service_id: str, professional_id: str | None) -> str:
    professional_id = professional_id or None
    if not (_is_id(client_id) and _is_id(service_id) and (professional_id is None or _is_id(professional_id))):
        return new_id()
    return f"{new_id()}{client_id}{service_id}{professional_id or ''}"


def named(opportunity_id: str) -> Named | None:
    parts = [opportunity_id[i:i + ID_LENGTH] for i in range(ID_LENGTH, len(opportunity_id), ID_LENGTH)]
    if len(opportunity_id) % ID_LENGTH or len(parts) not in (2, 3):
        return None
    return Named(parts[0], parts[1], parts[2] if len(parts) == 3 else None)
