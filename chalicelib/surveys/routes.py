from chalicelib.core.api import Api, Call
from chalicelib.core.models import ListOf
from chalicelib.core.pagination import PageQuery
from chalicelib.core.principal import CLIENT, FIRM_ROLES, MANAGERS
from chalicelib.surveys import service
from chalicelib.surveys.models import (AnswerReceipt, AnswersStaffView, PendingSurvey, SurveyAnswers, SurveyPublish,
                                       SurveySkip, SurveyStaffView)

api = Api(__name__, "Survey")


@api.route("GET", "/survey", roles=FIRM_ROLES, response=SurveyStaffView,
           summary="The firm's client survey as now published (version 0: none yet)")
def read(call: Call):
    return service.read(call.me)


@api.route("PUT", "/survey", roles=MANAGERS, body=SurveyPublish, response=SurveyStaffView,
           summary="Publish the client survey as a new version (If-Match: the version it replaces)",
           errors=(400, 412, 422))
def publish(call: Call):
    return service.publish(call.me, call.body, call.if_match)


@api.route("GET", "/me/survey", roles=(CLIENT,), response=PendingSurvey,
           summary="Whether the survey waits on any of the caller's clients, and its questions")
def pending(call: Call):
    return service.pending(call.me)


@api.route("POST", "/me/survey/answers", roles=(CLIENT,), body=SurveyAnswers, response=AnswerReceipt, status=201,
           summary="Answer the survey for one of the caller's clients; each yes opens an opportunity",
           errors=(400, 404, 409, 422))
def answer(call: Call):
    return service.answer(call.me, call.body)


@api.route("POST", "/me/survey/skip", roles=(CLIENT,), body=SurveySkip, response=AnswerReceipt,
           summary="Skip the survey for one of the caller's clients until the firm asks again",
           errors=(400, 404, 409))
def skip(call: Call):
    return service.skip(call.me, call.body)


@api.route("GET", "/clients/{client_id}/survey-answers", roles=FIRM_ROLES, query=PageQuery,
           response=ListOf[AnswersStaffView], summary="A client's survey answers, newest first, as asked",
           errors=(400, 404))
def answers_of(call: Call, client_id: str):
    return service.answers_of(call.me, client_id, call.query.limit, call.query.cursor)
