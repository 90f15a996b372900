"""Demo survey and opportunities: a published survey about the demo services, and the demo
portal user's answers for the family company (two yes), so the board shows red dots
while the survey still waits on the household when that user signs in (the household
already has a tax return room: the board's toggle hides its tax return opportunity)."""
from __future__ import annotations

from chalicelib.accounts.users import find_user_by_email
from chalicelib.core.principal import CLIENT, Principal
from chalicelib.services.models import ServiceQuery
from chalicelib.services.service import list_services
from chalicelib.store import FirmStore, keys
from chalicelib.surveys import service as surveys
from chalicelib.surveys.models import SurveyAnswers, SurveyPublish

QUESTIONS = {
    "Tax return": ("Would you like us to prepare this year's tax return?",
                   "Say yes and your advisor will get in touch about documents and deadlines."),
    "Bookkeeping": ("Could you use help keeping your books up to date?", "Monthly or quarterly, as suits you."),
    "Financial plan": ("Would a financial plan for the next five years help?", None),
}


def seed_survey(owner: Principal, client_email: str) -> None:
    db = FirmStore.of(owner)
    services = {s.name: s.id for s in list_services(owner, ServiceQuery()).items}
    survey = surveys.publish(owner, SurveyPublish.model_validate({"reask": "each_version", "questions": [
        {"service_id": services[name], "text": text, "help": help_} for name, (text, help_) in QUESTIONS.items()]}),
        None)
    user = find_user_by_email(db, client_email)
    assert user is not None, "the demo portal user is seeded first"
    me = Principal(firm_id=owner.firm_id, user_id=user["id"], role=CLIENT, client_ids=tuple(user["client_ids"]),
                   name=user["name"])
    company = next(c for c in db.get_many([keys.client(cid) for cid in me.client_ids]) if c["kind"] == "entity")
    surveys.answer(me, SurveyAnswers.model_validate({"client_id": company["id"], "version": survey.version, "answers": [
        {"question_id": q.id, "answer": q.service_name != "Financial plan"} for q in survey.questions]}))
