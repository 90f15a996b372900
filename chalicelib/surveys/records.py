"""The survey item, a client's survey state, and when a survey is due again."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from chalicelib.core.ids import new_id
from chalicelib.services.records import OFFERED
from chalicelib.store import keys

YEAR = timedelta(days=365)


# A question whose service was retired after publishing carries `closed_<question id>`
# (set from the stream, surveys/copies.py): an answer's condition refuses a yes to it.
CLOSED = "closed_"


def question_key(question_ids: list[str]) -> str:
    """The question ids of a version as one value an answer's condition compares with: an
    answer names every question once and nothing else exactly when its key is the same."""
    return json.dumps(sorted(question_ids))


def published(reask: str, questions: list[dict[str, Any]], published_at: str, published_by: str) -> dict[str, Any]:
    """What a publish sets on the survey item; its version is added to, and the services'
    names come from the item's copies of them (`named`)."""
    return {"type": "survey", "reask": reask, "questions": questions, "published_at": published_at,
            "published_by": published_by, "question_key": question_key([q["id"] for q in questions])}


def named(survey: dict[str, Any]) -> dict[str, Any]:
    """The survey with each question's service name, from the copies the item keeps."""
    def name(q: dict[str, Any]) -> str:
        return (survey.get(f"{OFFERED}{q['service_id']}") or {}).get("name") or q.get("service_name", "")
    return {**survey, "questions": [{**q, "service_name": name(q)} for q in survey.get("questions", [])]}


def version_item(survey: dict[str, Any]) -> dict[str, Any]:
    """The published version kept as asked (its services named), after the survey has
    moved on; the copies of services and closed questions stay on the survey item."""
    kept = {k: v for k, v in named(survey).items() if not k.startswith((OFFERED, CLOSED))}
    return {**kept, **keys.survey_version(survey["version"]), "type": "survey_version"}


def state_item(client_id: str, version: int, at: str, by: str, skipped: bool) -> dict[str, Any]:
    return {**keys.client_survey(client_id), "type": "client_survey", "client_id": client_id,
            "last_version": version, "last_at": at, "last_by": by, "skipped": skipped}


def answered_item(client_id: str, version: int, at: str, by: dict[str, str],
                  given: list[dict[str, Any]]) -> dict[str, Any]:
    """The client's state after an answer, with the answer as given: the stream files it
    (the submission, the opportunities, the staff's notification: surveys/copies.py)."""
    return {**state_item(client_id, version, at, by["id"], skipped=False), "answer_id": new_id(),
            "last_by_name": by["name"], "given": given}


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
