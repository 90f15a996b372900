"""Helpers for the survey and opportunities tests: a published survey and a client's answers."""
from __future__ import annotations

from typing import Any, Callable

from tests.support import ApiClient, Firm


def publish(api: ApiClient, firm: Firm, service_ids: list[str], reask: str = "each_version") -> dict[str, Any]:
    questions = [{"service_id": sid, "text": f"Would you like help with service {n + 1}?",
                  "help": "We will get in touch."} for n, sid in enumerate(service_ids)]
    resp = api.request("PUT", "/survey", json={"reask": reask, "questions": questions}, token=firm.token)
    assert resp.status == 200, resp.text
    return resp.json


def answers(survey: dict[str, Any], yes: set[int]) -> list[dict[str, Any]]:
    return [{"question_id": q["id"], "answer": n in yes} for n, q in enumerate(survey["questions"])]


def answer(api: ApiClient, token: str, client_id: str, survey: dict[str, Any], yes: set[int]) -> Any:
    return api.post("/me/survey/answers", {"client_id": client_id, "version": survey["version"],
                                           "answers": answers(survey, yes)}, token=token)


def board_counts(api: ApiClient, firm: Firm, pump: Callable[[], Any]) -> dict[str, int]:
    """The board's open counts, once the stream has been followed (they are projections)."""
    pump()
    resp = api.get("/opportunities/board", token=firm.token)
    assert resp.status == 200, resp.text
    return {row["service_name"]: row["open_count"] for row in resp.json["items"]}


def listed(api: ApiClient, firm: Firm, service_id: str, query: str = "",
           pump: Callable[[], Any] | None = None) -> list[dict[str, Any]]:
    """A service's opportunities; the live list (`with_active_rooms=false`) reads the pairs'
    copies, so pass `pump` to follow the stream first."""
    if pump is not None:
        pump()
    resp = api.get(f"/services/{service_id}/opportunities?{query}", token=firm.token)
    assert resp.status == 200, resp.text
    return resp.json["items"]
