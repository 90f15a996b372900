"""Survey use cases: owners and admins publish it (each publish a new version); a portal
user sees which of their clients it waits on, answers it for one of them, or skips it.
Each "yes" opens an opportunity, from the stream, after the answer (copies.py)."""
from __future__ import annotations

from typing import Any

from chalicelib.core import clock
from chalicelib.core.errors import BadRequest, BusinessRule, Conflict, NotFound, PreconditionFailed
from chalicelib.core.ids import new_id
from chalicelib.core.models import ListOf
from chalicelib.core.principal import Principal
from chalicelib.services.records import ACTIVE, OFFERED, not_offered
from chalicelib.store import Attr, FirmStore, exists, keys
from chalicelib.store.conditions import ConditionBase
from chalicelib.store.work import Refusal
from chalicelib.surveys.models import (AnswerReceipt, AnswersStaffView, PendingClient, PendingSurvey, QuestionAsked, SurveyAnswers,
                                       SurveyPublish, SurveySkip, SurveyStaffView)
from chalicelib.surveys.records import CLOSED, answered_item, is_due, named, published, question_key, state_item

DIFFERENT_SERVICES = "Each question asks about a different active service of the firm."
EMPTY = {"version": 0, "reask": "never", "questions": [], "published_at": None}


def read(me: Principal) -> SurveyStaffView:
    survey = FirmStore.of(me).get(keys.survey())
    return _staff_view(survey) if survey and "version" in survey else SurveyStaffView(**EMPTY)


def _staff_view(survey: dict[str, Any]) -> SurveyStaffView:
    return SurveyStaffView(**named(survey))


# --- publishing -----------------------------------------------------------------------------

def _one_per_service(body: SurveyPublish) -> None:
    errors = [{"loc": f"body.questions.{n}.service_id", "msg": "one question per service"}
              for n, q in enumerate(body.questions) if q.service_id in {p.service_id for p in body.questions[:n]}]
    if errors:
        raise BusinessRule(DIFFERENT_SERVICES, errors)


def _edited_meanwhile() -> PreconditionFailed:
    return PreconditionFailed("The survey was changed by someone else; reload it and try again.")


def _publishable(body: SurveyPublish, if_match: int | None) -> ConditionBase | None:
    """The survey is at the version the caller saw, and offers every service asked about
    (its copies of them, kept by the services' writers and the stream)."""
    when = None if if_match is None else Attr("version").eq(if_match) if if_match else Attr("version").not_exists()
    for q in body.questions:
        offered = Attr(f"{OFFERED}{q.service_id}.status").eq(ACTIVE)
        when = offered if when is None else when & offered
    return when


def _why_not_published(body: SurveyPublish, if_match: int | None) -> Refusal:
    def refused(survey: dict[str, Any] | None) -> Exception:
        if (survey or {}).get("version", 0) != if_match and if_match is not None:
            return _edited_meanwhile()
        errors = [{"loc": f"body.questions.{n}.service_id", "msg": "no such active service"}
                  for n, q in enumerate(body.questions)
                  if ((survey or {}).get(f"{OFFERED}{q.service_id}") or {}).get("status") != ACTIVE]
        return BusinessRule(DIFFERENT_SERVICES, errors) if errors else _edited_meanwhile()
    return refused


def publish(me: Principal, body: SurveyPublish, if_match: int | None) -> SurveyStaffView:
    """One UpdateItem, no read: the new version (added to the one before) on condition of
    the version the caller saw and of every service asked about being offered; it answers
    with the survey as stored. The copy of the version as asked follows from the stream."""
    _one_per_service(body)
    questions = [{"id": new_id(), "service_id": q.service_id, "text": q.text, "help": q.help} for q in body.questions]
    work = FirmStore.of(me).work()
    work.count(keys.survey(), {"version": 1, "v": 1},
               set=published(body.reask, questions, clock.now_iso(), me.user_id),
               when=_publishable(body, if_match), refused=_why_not_published(body, if_match))
    return _staff_view(work.commit())


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
