"""The client survey: owners and admins publish yes/no questions, each tied to one
service; portal users answer them for one of their clients or skip them."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from chalicelib.core.models import Flag, Input, Integer, MultilineText, Ref, View, shown_text

Reask = Literal["never", "yearly", "each_version"]
MAX_QUESTIONS = 50


class QuestionIn(Input):
    service_id: Ref
    text: shown_text(500)
    help: MultilineText | None = Field(None, max_length=1000)


class SurveyPublish(Input):
    """Publishing always makes a new version; earlier answers keep the questions they answered."""
    reask: Reask = Field(description="When a client who answered is asked again: never, a year after their "
                                     "last answer, or whenever a new version is published.")
    questions: list[QuestionIn] = Field(max_length=MAX_QUESTIONS)


class QuestionStaffView(View):
    id: str
    service_id: str
    service_name: str
    text: str
    help: str | None = None


class SurveyStaffView(View):
    version: int
    reask: Reask
    questions: list[QuestionStaffView]
    published_at: str | None = None


class QuestionAsked(View):
    """A question as a portal user sees it: no service behind it."""
    id: str
    text: str
    help: str | None = None


class PendingClient(View):
    client_id: str
    client_name: str


class PendingSurvey(View):
    """What a portal user learns after sign-in: the clients the survey waits on."""
    pending: list[PendingClient]
    version: int | None = None
    questions: list[QuestionAsked] = []


class Answer(Input):
    question_id: Ref
    answer: Flag


class SurveyAnswers(Input):
    client_id: Ref = Field(min_length=1, max_length=100)
    version: Integer = Field(ge=1)
    answers: list[Answer] = Field(max_length=MAX_QUESTIONS)


class SurveySkip(Input):
    client_id: Ref = Field(min_length=1, max_length=100)
    version: Integer = Field(ge=1)


class AnswerReceipt(View):
    client_id: str
    version: int
    answered_at: str
    yes_count: int


class AnsweredQuestion(View):
    question_id: str
    service_id: str
    service_name: str
    text: str
    help: str | None = None
    answer: bool


class AnswersStaffView(View):
    """One submission, with the questions as they were asked."""
    id: str
    client_id: str
    version: int
    answered_at: str
    answered_by: str
    answered_by_name: str
    answers: list[AnsweredQuestion]
    opened: list[str] = Field(default=[], description="ids of the opportunities this submission opened")
