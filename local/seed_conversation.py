"""The demo room's conversation: the firm's welcome asking for this year's papers, which
the demo portal user reads and answers, and a staff-only note beside it."""
from __future__ import annotations

from chalicelib.core.principal import Principal
from chalicelib.messages import service as messages
from chalicelib.messages.models import NoteCreate, ThreadCreate

WELCOME = ("Welcome to your 2025 tax return room. Could you upload last year's assessment and "
           "your bank's year-end statements here? Reply if anything is unclear.")
NOTE = "Prior year had a late amendment: check the carried-forward loss before preparing."


def seed_conversation(owner: Principal, room_id: str) -> None:
    messages.start_thread(owner, room_id, ThreadCreate(body=WELCOME, welcome=True))
    messages.write_note(owner, room_id, NoteCreate(body=NOTE))
