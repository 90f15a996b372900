"""The survey item, a client's survey state, and when a survey is due again."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from chalicelib.store import keys

YEAR = timedelta(days=365)


def survey_item(version: int, reask: str, questions: list[dict[str, Any]], published_at: str,
                published_by: str) -> dict[str, Any]:
    return {**keys.survey(), "type": "survey", "version": version, "v": version, "reask": reask,
            "questions": questions, "published_at": published_at, "published_by": published_by}


def state_item(client_id: str, version: int, at: str, by: str, skipped: bool) -> dict[str, Any]:
    return {**keys.client_survey(client_id), "type": "client_survey", "client_id": client_id,
            "last_version": version, "last_at": at, "last_by": by, "skipped": skipped}


def _parse(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def is_due(survey: dict[str, Any] | None, state: dict[str, Any] | None, now: datetime) -> bool:
    """Whether a client should be asked: never asked yet, or the firm's re-ask policy says so.
    A skip counts as an answer for the policy, so a skipped survey is not pressed again."""
    if not survey or not survey.get("questions"):
        return False
    if state is None:
        return True
    if survey["reask"] == "yearly":
        return now - _parse(state["last_at"]) >= YEAR
    if survey["reask"] == "each_version":
        return state["last_version"] < survey["version"]
    return False
