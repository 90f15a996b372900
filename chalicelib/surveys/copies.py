"""What follows a survey answer or a service's retirement from the table stream
(chalicelib.store.projection).

- An answer (a new `answer_id` on the client's survey item): the submission with the
  questions as they were asked, an open opportunity for each yes whose (client, service)
  pair holds no live one, and the notification that tells the staff.
- A service renamed, retired or offered again: its copy on the survey item, which a
  publish checks and names its questions with, and the current survey's questions about
  it closed (or opened) to a yes, so an answer's condition refuses it without reading the
  service.
- A survey published: the copy of its version as asked, which answers are filed with.
"""
from __future__ import annotations

from typing import Any

from chalicelib.notifications.records import notify
from chalicelib.opportunities.records import new_opportunity, open_opportunity
from chalicelib.services.records import RETIRED, copy_onto_survey
from chalicelib.store import FirmStore, Work, keys
from chalicelib.store.batch import Batch
from chalicelib.surveys.records import CLOSED, named, version_item


def follow_answer(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    if new is None or not new.get("answer_id") or new["answer_id"] == (old or {}).get("answer_id"):
        return
    db = FirmStore.trusted(work.firm_id)
    survey = _as_asked(db, new["last_version"])
    if survey is None:
        return
    given = {a["question_id"]: a["answer"] for a in new["given"]}
    answered = [(q, given[q["id"]]) for q in survey["questions"] if q["id"] in given]
    yes = [q for q, said in answered if said]
    found = Batch(db, [keys.client(new["client_id"]),
                       *(keys.client_service(new["client_id"], q["service_id"]) for q in yes)])
    client = found.get(keys.client(new["client_id"]))
    if client is None:
        return
    who = {"id": new["last_by"], "name": new.get("last_by_name", "")}
    opened = [open_opportunity(work, new_opportunity(client, q, survey["version"], new["last_at"], who))
              for q in yes if not _held(found.get(keys.client_service(client["id"], q["service_id"])))]
    work.create(_submission(new, survey["version"], answered, opened))
    _tell_staff(work, survey, client, opened)


def _as_asked(db: FirmStore, version: int) -> dict[str, Any] | None:
    """The version answered, as asked: its copy, or the survey itself while that copy
    (which follows the publish from the stream) has not come yet."""
    found = Batch(db, [keys.survey_version(version), keys.survey()], consistent=True)
    current = found.get(keys.survey())
    if found.get(keys.survey_version(version)) is None and (current or {}).get("version") == version:
        return named(current)
    return found.get(keys.survey_version(version))


def _held(pair: dict[str, Any] | None) -> bool:
    """The pair already has an open or contacted opportunity: a yes opens no second one."""
    return bool((pair or {}).get("live_id"))


def _submission(state: dict[str, Any], version: int, answered: list[tuple[dict[str, Any], bool]],
                opened: list[dict[str, Any]]) -> dict[str, Any]:
    answer_id, client_id = state["answer_id"], state["client_id"]
    return {**keys.survey_answers(client_id, answer_id), "type": "survey_answers", "id": answer_id,
            "client_id": client_id, "version": version, "answered_at": state["last_at"],
            "answered_by": state["last_by"], "answered_by_name": state.get("last_by_name", ""),
            "answers": [{"question_id": q["id"], "service_id": q["service_id"], "service_name": q["service_name"],
                         "text": q["text"], "help": q.get("help"), "answer": yes} for q, yes in answered],
            "opened": [o["id"] for o in opened]}


def _tell_staff(work: Work, survey: dict[str, Any], client: dict[str, Any], opened: list[dict[str, Any]]) -> None:
    """The client's professional (else whoever published the survey) hears of new opportunities."""
    if not opened:
        return
    recipient = client.get("professional_id") or survey["published_by"]
    services = ", ".join(o["service_name"] for o in opened)
    notify(work, [recipient], room_id=client["id"], room_name=client["display_name"], kind="opportunities_opened",
           item_id=opened[0]["id"], title=f"{client['display_name']} asked about {len(opened)} service(s)",
           text=services)


def follow_service(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    if old is None or new is None or (old["name"], old["status"]) == (new["name"], new["status"]):
        return
    survey = FirmStore.trusted(work.firm_id).get(keys.survey(), consistent=True)
    asked = [q["id"] for q in (survey or {}).get("questions", []) if q["service_id"] == new["id"]]
    closed = True if new["status"] == RETIRED else None
    # One write to the survey item: the service's copy, and its questions closed or opened.
    copy_onto_survey(work, [new], {f"{CLOSED}{q}": closed for q in asked})


def follow_survey(old: dict[str, Any] | None, new: dict[str, Any] | None, work: Work) -> None:
    if new is None or not new.get("version") or new["version"] == (old or {}).get("version"):
        return
    work.put(version_item(new))
