"""Survey use cases: owners and admins publish it (each publish a new version); a portal
user sees which of their clients it waits on, answers it for one of them, or skips it.
Each "yes" opens an opportunity in the same transaction as the answers."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BadRequest, BusinessRule, Conflict, NotFound, PreconditionFailed
from chalicelib.core.ids import new_id
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.services.records import ACTIVE, check_active_service, not_offered
from chalicelib.store import Attr, FirmStore, at_version, exists, keys, missing
from chalicelib.store.conditions import ConditionBase
from chalicelib.store.work import Refusal
from chalicelib.surveys.models import (AnswerReceipt, AnswersStaffView, PendingClient, PendingSurvey, QuestionAsked, SurveyAnswers,
                                       SurveyPublish, SurveySkip, SurveyStaffView)
from chalicelib.surveys.records import (CLOSED, answered_item, is_due, question_key, state_item, survey_item,
                                        version_item)

EMPTY = {"version": 0, "reask": "never", "questions": [], "published_at": None}


def _by_sk(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["SK"]: i for i in items}


def read(me: Principal) -> SurveyStaffView:
    return SurveyStaffView(**(FirmStore.of(me).get(keys.survey()) or EMPTY))


# --- publishing -----------------------------------------------------------------------------

def _questions(body: SurveyPublish, services: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    errors = []
    seen: set[str] = set()
    for n, q in enumerate(body.questions):
        service = services.get(f"SERVICE#{q.service_id}")
        if q.service_id in seen:
            errors.append({"loc": f"body.questions.{n}.service_id", "msg": "one question per service"})
        elif service is None or service["status"] != ACTIVE:
            errors.append({"loc": f"body.questions.{n}.service_id", "msg": "no such active service"})
        seen.add(q.service_id)
    if errors:
        raise BusinessRule("Each question asks about a different active service of the firm.", errors)
    return [{"id": new_id(), "service_id": q.service_id, "service_name": services[f"SERVICE#{q.service_id}"]["name"],
             "text": q.text, "help": q.help} for q in body.questions]


def publish(me: Principal, body: SurveyPublish, if_match: int | None) -> SurveyStaffView:
    """Reads the current survey and the services it names (one batch), then writes the new
    version, guarded by the version read and by each service still being active."""
    db = FirmStore.of(me)
    found = _by_sk(db.get_many([keys.survey(), *(keys.service(q.service_id) for q in body.questions)]))
    current = found.get("CURRENT")
    version = current["version"] if current else 0
    if if_match is not None and if_match != version:
        raise PreconditionFailed("The survey was changed by someone else; reload it and try again.")
    item = survey_item(version + 1, body.reask, _questions(body, found), clock.now_iso(), me.user_id)
    work = db.work()
    work.put(item, when=at_version(version) if current else missing(),
             refused=lambda _: PreconditionFailed("The survey was changed by someone else; reload it and try again."))
    work.put(version_item(item))
    for n, q in enumerate(item["questions"]):
        check_active_service(work, q["service_id"], f"body.questions.{n}.service_id")
    work.commit()
    return SurveyStaffView(**item)


# --- asking -------------------------------------------------------------------------------

def _own_client(me: Principal, client_id: str) -> None:
    if client_id not in me.client_ids:
        raise NotFound("No such client.")


def pending(me: Principal) -> PendingSurvey:
    """The survey and the caller's clients it waits on: one batch read."""
    wanted = [keys.survey()]
    for cid in me.client_ids:
        wanted += [keys.client(cid), keys.client_survey(cid)]
    found = {(i["PK"], i["SK"]): i for i in FirmStore.of(me).get_many(wanted)}
    survey = found.get(("SURVEY", "CURRENT"))
    now = clock.now()
    due = []
    for cid in me.client_ids:
        client = found.get((keys.client_partition(cid), "CLIENT"))
        if client and client["status"] == ACTIVE and is_due(survey, found.get((keys.client_partition(cid), "SURVEY")), now):
            due.append(PendingClient(client_id=cid, client_name=client["display_name"]))
    if not due:
        return PendingSurvey(pending=[])
    return PendingSurvey(pending=due, version=survey["version"],
                         questions=[QuestionAsked(**q) for q in survey["questions"]])


def _changed() -> Conflict:
    return Conflict("The survey has changed since it was shown; reload it and answer the new version.")


def _check_version(survey: dict[str, Any] | None, version: int) -> dict[str, Any]:
    if not survey or not survey.get("questions"):
        raise BusinessRule("The firm has no survey to answer.")
    if survey["version"] != version:
        raise _changed()
    return survey


def _matched(survey: dict[str, Any], body: SurveyAnswers) -> None:
    """Every question of the version answered once, and nothing else."""
    by_id = {q["id"]: q for q in survey["questions"]}
    given: dict[str, bool] = {}
    errors = []
    for n, a in enumerate(body.answers):
        if a.question_id not in by_id:
            errors.append({"loc": f"body.answers.{n}.question_id", "msg": f"not a question of version {body.version}"})
        elif a.question_id in given:
            errors.append({"loc": f"body.answers.{n}.question_id", "msg": "answered twice"})
        given[a.question_id] = a.answer
    errors += [{"loc": "body.answers", "msg": f"question {q} is not answered"} for q in by_id if q not in given]
    if errors:
        raise BadRequest("Answer every question of the survey's version once, and nothing else.", errors)


def _guard(work: Any, client_id: str, version: int) -> None:
    """What the read saw must hold at commit: the same version, the client still active."""
    work.check(keys.survey(), exists() & Attr("version").eq(version), refused=lambda _: _changed())
    _check_client(work, client_id)


def _check_client(work: Any, client_id: str) -> None:
    work.check(keys.client(client_id), exists() & Attr("status").eq(ACTIVE),
               refused=lambda _: NotFound("No such client."))


def _given(body: SurveyAnswers) -> list[dict[str, Any]]:
    return [{"question_id": a.question_id, "answer": a.answer} for a in body.answers]


def _answerable(body: SurveyAnswers) -> ConditionBase:
    """The survey is at the version answered, asks something, and asks exactly these questions."""
    asked = question_key([a.question_id for a in body.answers])
    return (Attr("version").eq(body.version) & Attr("questions").size().gt(0) & Attr("question_key").eq(asked)
            & _yes_open(body))


def _yes_open(body: SurveyAnswers) -> ConditionBase:
    """No question answered yes has had its service retired since publishing."""
    condition = exists()
    for a in body.answers:
        if a.answer:
            condition = condition & Attr(f"{CLOSED}{a.question_id}").not_exists()
    return condition


def _why_refused(body: SurveyAnswers) -> Refusal:
    """What the survey as it stood says of the answer: no survey (422), another version
    (409), not its questions (400), a yes to a retired service (422)."""
    def refused(survey: dict[str, Any] | None) -> Exception:
        try:
            _matched(_check_version(survey, body.version), body)
        except (BusinessRule, Conflict, BadRequest) as why:
            return why
        closed = [n for n, a in enumerate(body.answers) if a.answer and survey.get(f"{CLOSED}{a.question_id}")]
        return not_offered(f"body.answers.{closed[0]}") if closed else _changed()
    return refused


def answer(me: Principal, body: SurveyAnswers) -> AnswerReceipt:
    """One transaction and no read: the client is active, the survey is at the version
    answered with exactly these questions, and no yes names a retired service. The
    submission, its opportunities and the staff's notification follow from the stream
    (surveys/copies.py), which files the answer the client's survey item now carries."""
    _own_client(me, body.client_id)
    at = clock.now_iso()
    work = FirmStore.of(me).work()
    _check_client(work, body.client_id)
    work.check(keys.survey(), _answerable(body), refused=_why_refused(body))
    work.put(answered_item(body.client_id, body.version, at, {"id": me.user_id, "name": me.name}, _given(body)))
    work.commit()
    return AnswerReceipt(client_id=body.client_id, version=body.version, answered_at=at,
                         yes_count=sum(1 for a in body.answers if a.answer))


def skip(me: Principal, body: SurveySkip) -> AnswerReceipt:
    """Skipping counts as answering for the re-ask policy. One transaction, no read."""
    _own_client(me, body.client_id)
    at = clock.now_iso()
    work = FirmStore.of(me).work()
    work.put(state_item(body.client_id, body.version, at, me.user_id, skipped=True))
    _guard(work, body.client_id, body.version)
    work.commit()
    return AnswerReceipt(client_id=body.client_id, version=body.version, answered_at=at, yes_count=0)


# --- reading answers as they were asked --------------------------------------------------

def answers_of(me: Principal, client_id: str, limit: int, cursor: str | None) -> ListOf[AnswersStaffView]:
    """One Query: the client's submissions, newest first, with the client item itself on
    the first page (its SK, `CLIENT`, closes the range), which proves the client exists."""
    page = FirmStore.of(me).query(keys.client_partition(client_id), sk_between=("ANSWERS#", "CLIENT"),
                                  newest_first=True, limit=limit + (0 if cursor else 1), cursor=cursor)
    if not cursor and not any(i["SK"] == "CLIENT" for i in page.items):
        raise NotFound("No such client.")
    return ListOf[AnswersStaffView](items=[AnswersStaffView(**i) for i in page.items if i["SK"] != "CLIENT"],
                                    next_cursor=page.next_cursor)
