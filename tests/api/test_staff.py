"""Managing staff: invitations by email, roles, deactivation, the last owner."""
import pytest

from tests.api.test_errors import assert_problem, problem_status
from tests.support import PASSWORD, invite_staff, sent_emails
from tests.tokens import claims_of


def test_invite_sends_branded_mail_with_a_temporary_password(api, firm, pump):
    resp = api.post("/staff", {"name": "Sam Staff", "email": "Sam@Northwind.example"}, token=firm.token)
    assert resp.status == 201, resp.text
    assert resp.json["status"] == "invited" and resp.json["email"] == "sam@northwind.example"
    assert sent_emails() == []  # nothing leaves before the outbox is delivered
    assert pump() == 1
    [mail] = sent_emails()
    assert mail.destinations["ToAddresses"] == ["sam@northwind.example"]
    assert "Northwind Advisory" in mail.subject and "temporary password" in mail.body
    assert pump() == 0  # delivered once


def test_the_invitation_is_composed_when_sent_in_the_firms_branding_then(api, firm, pump, aws):
    """Queuing it reads no firm: a rename before the outbox runs shows in the mail, and
    the temporary password leaves the outbox item once sent."""
    assert api.post("/staff", {"name": "Sam Staff", "email": "sam@northwind.example"}, token=firm.token).status == 201
    renamed = api.patch("/firm", {"name": "Northwind & Co", "branding": {"colour": "#0B6E4F"}}, token=firm.token)
    assert renamed.status == 200, renamed.text
    assert pump() == 1
    [mail] = sent_emails()
    assert "Northwind & Co" in mail.subject and "Northwind Advisory" not in mail.body
    assert "#0B6E4F" in mail.body and "temporary password" in mail.body
    import boto3
    table = boto3.resource("dynamodb").Table(aws["ATRIUM_TABLE"])
    outbox = [i for i in table.scan()["Items"] if i.get("type") == "outbox"]
    assert [i["status"] for i in outbox] == ["sent"] and "body" not in outbox[0]


def test_invited_colleague_chooses_a_password_then_signs_in(api, firm, pump):
    user_id, token = invite_staff(api, firm, pump, "sam@northwind.example")
    me = api.get("/me", token=token).json
    assert me["user"]["id"] == user_id and me["role"] == "staff" and me["user"]["status"] == "active"
    again = api.post("/auth/login", {"slug": firm.slug, "email": "sam@northwind.example", "password": PASSWORD})
    assert again.json["kind"] == "tokens"


def test_duplicate_email_is_409(api, firm):
    assert api.post("/staff", {"name": "A", "email": "a@northwind.example"}, token=firm.token).status == 201
    assert_problem(api.post("/staff", {"name": "B", "email": "A@northwind.example"}, token=firm.token), 409)
    assert_problem(api.post("/staff", {"name": "Me", "email": firm.owner_email}, token=firm.token), 409)


def test_invite_bad_input_is_400(api, firm):
    for bad in ({"name": "A", "email": "not-an-email"}, {"name": "A", "email": "a@b.example", "role": "client"},
                {"email": "a@b.example"}, {"name": "A", "email": "a@b.example", "extra": 1}):
        assert problem_status(api.post("/staff", bad, token=firm.token)) == 400


def test_list_staff_paginates(api, firm):
    for n in range(3):
        api.post("/staff", {"name": f"P{n}", "email": f"p{n}@northwind.example"}, token=firm.token)
    first = api.get("/staff?limit=2", token=firm.token).json
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = api.get(f"/staff?limit=2&cursor={first['next_cursor']}", token=firm.token).json
    emails = {i["email"] for i in first["items"] + second["items"]}
    assert len(emails) == 4 and second["next_cursor"] is None


def test_forged_or_foreign_cursor_is_refused(api, firm, other_firm):
    """A cursor of the documented shape that this API did not sign for this list is 422;
    one of another shape is malformed (400)."""
    for n in range(2):
        api.post("/staff", {"name": f"P{n}", "email": f"p{n}@northwind.example"}, token=firm.token)
        api.post("/staff", {"name": f"Q{n}", "email": f"q{n}@southbank.example"}, token=other_firm.token)
    cursor = api.get("/staff?limit=1", token=firm.token).json["next_cursor"]
    assert problem_status(api.get(f"/staff?limit=1&cursor={cursor}", token=other_firm.token)) == 422
    assert problem_status(api.get(f"/staff?cursor={cursor[:-2]}xx", token=firm.token)) == 422
    assert problem_status(api.get(f"/staff?cursor={cursor}x", token=firm.token)) == 400
    assert problem_status(api.get("/staff?cursor=garbage", token=firm.token)) == 400
    assert problem_status(api.get("/staff?limit=500", token=firm.token)) == 400


def test_admin_changes_role_and_name(api, firm, pump):
    staff_id, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    resp = api.patch(f"/staff/{staff_id}", {"role": "admin", "name": "Sam Admin"}, token=firm.token)
    assert resp.status == 200 and resp.json["role"] == "admin" and resp.json["name"] == "Sam Admin"
    assert_problem(api.patch(f"/staff/{staff_id}", {"role": "emperor"}, token=firm.token), 400)
    assert_problem(api.patch(f"/staff/{staff_id}", {"name": "X"}, token=firm.token, headers={"if-match": '"1"'}), 412)


def test_staff_cannot_manage_staff(api, firm, pump):
    staff_id, token = invite_staff(api, firm, pump, "sam@northwind.example")
    owner_id = claims_of(firm.token)["username"].split(".")[1]
    assert api.get("/staff", token=token).status == 200
    assert_problem(api.post("/staff", {"name": "X", "email": "x@northwind.example"}, token=token), 403)
    assert_problem(api.patch(f"/staff/{owner_id}", {"name": "X"}, token=token), 403)
    assert_problem(api.post(f"/staff/{owner_id}/deactivate", token=token), 403)


def test_admin_cannot_touch_owners(api, firm, pump):
    _, admin = invite_staff(api, firm, pump, "ada@northwind.example", role="admin")
    owner_id = claims_of(firm.token)["username"].split(".")[1]
    assert problem_status(api.post("/staff", {"name": "O", "email": "o@northwind.example", "role": "owner"}, token=admin)) == 403
    assert problem_status(api.patch(f"/staff/{owner_id}", {"role": "staff"}, token=admin)) == 403
    assert problem_status(api.post(f"/staff/{owner_id}/deactivate", token=admin)) == 403


def test_deactivated_login_is_refused_on_the_next_request(api, firm, pump):
    staff_id, token = invite_staff(api, firm, pump, "sam@northwind.example")
    assert api.get("/me", token=token).status == 200
    resp = api.post(f"/staff/{staff_id}/deactivate", token=firm.token)
    assert resp.status == 200 and resp.json["status"] == "deactivated"
    assert_problem(api.get("/me", token=token), 401)
    assert_problem(api.post("/auth/login", {"slug": firm.slug, "email": "sam@northwind.example",
                                            "password": PASSWORD}), 401)
    assert api.post(f"/staff/{staff_id}/reactivate", token=firm.token).json["status"] == "active"
    assert api.post("/auth/login", {"slug": firm.slug, "email": "sam@northwind.example",
                                    "password": PASSWORD}).status == 200


def test_last_owner_cannot_be_demoted_or_deactivated(api, firm, pump):
    owner_id = claims_of(firm.token)["username"].split(".")[1]
    assert_problem(api.patch(f"/staff/{owner_id}", {"role": "admin"}, token=firm.token), 409)
    second_id, second = invite_staff(api, firm, pump, "otto@northwind.example", role="owner")
    assert_problem(api.post(f"/staff/{owner_id}/deactivate", token=firm.token), 409)  # not yourself
    assert api.post(f"/staff/{owner_id}/deactivate", token=second).status == 200
    assert_problem(api.patch(f"/staff/{second_id}", {"role": "staff"}, token=second), 409)


def test_an_owner_changing_another_owner_answers_with_the_colleague_as_stored(api, firm, pump):
    """The owner's write is pinned to the copy of the colleague the caller's principal
    carries and answers from it without reading back: the answer must be the stored
    colleague, version included (the next If-Match holds)."""
    otto_id, _ = invite_staff(api, firm, pump, "otto@northwind.example", role="owner")
    pump()  # the portal item's copy of Otto follows his first sign-in
    demoted = api.patch(f"/staff/{otto_id}", {"role": "admin"}, token=firm.token)
    assert demoted.status == 200, demoted.text
    listed = next(u for u in api.get("/staff", token=firm.token).json["items"] if u["id"] == otto_id)
    assert demoted.json == listed and listed["role"] == "admin"
    renamed = api.patch(f"/staff/{otto_id}", {"name": "Otto Admin"}, token=firm.token,
                        headers={"if-match": f'"{demoted.json["version"]}"'})
    assert renamed.status == 200 and renamed.json["version"] == demoted.json["version"] + 1
    promoted = api.patch(f"/staff/{otto_id}", {"role": "owner"}, token=firm.token)
    assert promoted.json["role"] == "owner"
    pump()  # he is counted, and copied, from the stream
    closed = api.post(f"/staff/{otto_id}/deactivate", token=firm.token)
    assert closed.status == 200 and closed.json["status"] == "deactivated" and closed.json["role"] == "owner"
    assert closed.json == next(u for u in api.get("/staff", token=firm.token).json["items"] if u["id"] == otto_id)


def test_another_firms_staff_is_404(api, firm, other_firm, pump):
    staff_id, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    assert_problem(api.patch(f"/staff/{staff_id}", {"name": "X"}, token=other_firm.token), 404)
    assert_problem(api.post(f"/staff/{staff_id}/deactivate", token=other_firm.token), 404)
    assert staff_id not in str(api.get("/staff", token=other_firm.token).json)


def test_mail_failure_loses_nothing(api, firm, pump, monkeypatch):
    from chalicelib.aws import mail
    from chalicelib.outbox import service
    real = mail.send_email
    monkeypatch.setattr(service, "backoff_seconds", lambda n: 0)
    monkeypatch.setattr(mail, "send_email", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("SES down")))
    api.post("/staff", {"name": "Sam", "email": "sam@northwind.example"}, token=firm.token)
    assert pump(rounds=2) == 2 and sent_emails() == []  # tried twice, kept on the queue
    monkeypatch.setattr(mail, "send_email", real)
    pump()
    assert [m.destinations["ToAddresses"] for m in sent_emails()] == [["sam@northwind.example"]]
    pump()
    assert len(sent_emails()) == 1


def test_undeliverable_mail_is_parked_in_the_dead_letter_queue(api, firm, pump, aws, monkeypatch):
    import boto3

    from chalicelib.aws import mail
    from chalicelib.outbox import service
    monkeypatch.setattr(service, "backoff_seconds", lambda n: 0)
    monkeypatch.setattr(mail, "send_email", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("bounced")))
    api.post("/staff", {"name": "Sam", "email": "sam@northwind.example"}, token=firm.token)
    pump(rounds=10)
    sqs = boto3.client("sqs", region_name="us-east-1")
    parked = sqs.receive_message(QueueUrl=aws["ATRIUM_OUTBOX_DLQ_URL"]).get("Messages", [])
    assert len(parked) == 1 and sent_emails() == []


def test_idempotency_key_replays_the_first_invitation(api, firm, pump):
    body = {"name": "Sam", "email": "sam@northwind.example"}
    key = {"idempotency-key": "invite-sam-1"}
    first = api.post("/staff", body, token=firm.token, headers=key)
    again = api.post("/staff", body, token=firm.token, headers=key)
    assert first.status == again.status == 201 and first.json == again.json
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert pump() == 1 and len(sent_emails()) == 1
    assert_problem(api.post("/staff", {**body, "name": "Other"}, token=firm.token, headers=key), 422)


def test_refused_request_does_not_burn_its_idempotency_key(api, firm):
    key = {"idempotency-key": "invite-bad"}
    assert_problem(api.post("/staff", {"name": "X", "email": firm.owner_email}, token=firm.token, headers=key), 409)
    ok = api.post("/staff", {"name": "X", "email": "x@northwind.example"}, token=firm.token, headers=key)
    assert ok.status == 201


def test_odd_ids_in_paths_are_404_not_500(api, firm):
    for odd in ("x" * 300, "a%23b", "%20"):
        assert problem_status(api.patch(f"/staff/{odd}", {"name": "X"}, token=firm.token)) == 404


def _schedules():
    import boto3
    sched = boto3.client("scheduler", region_name="us-east-1")
    return [sched.get_schedule(Name=s["Name"], GroupName="atrium")
            for s in sched.list_schedules(GroupName="atrium")["Schedules"]]


def test_invitation_reminder_is_scheduled_and_sends_a_working_password(api, firm, pump):
    from datetime import datetime, timedelta, timezone

    from chalicelib.core import clock
    from local.schedules import run_due_schedules
    user_id = api.post("/staff", {"name": "Sam", "email": "sam@northwind.example"}, token=firm.token).json["id"]
    [schedule] = _schedules()
    assert schedule["ScheduleExpression"].startswith("at(") and user_id in schedule["Target"]["Input"]
    assert run_due_schedules() == 0  # not due yet
    clock.freeze(datetime.now(timezone.utc) + timedelta(days=5, minutes=1))
    try:
        assert run_due_schedules() == 1
    finally:
        clock.freeze(None)
    pump()
    first, reminder = sent_emails()
    assert reminder.subject.startswith("Reminder:")
    from tests.support import temporary_password_in
    resp = api.post("/auth/login", {"slug": firm.slug, "email": "sam@northwind.example",
                                    "password": temporary_password_in(reminder)})
    assert resp.json["kind"] == "challenge"
    old = api.post("/auth/login", {"slug": firm.slug, "email": "sam@northwind.example",
                                   "password": temporary_password_in(first)})
    assert_problem(old, 401)


def test_no_reminder_for_a_colleague_who_signed_in(api, firm, pump):
    from chalicelib.jobs.reminders import on_reminder
    user_id, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    assert on_reminder({"kind": "staff_invitation", "firm_id": firm.id, "user_id": user_id}) == {"sent": False}
    assert on_reminder({"kind": "nonsense"}) == {"sent": False}


def test_resend_invitation(api, firm, other_firm, pump):
    user_id = api.post("/staff", {"name": "Sam", "email": "sam@northwind.example"}, token=firm.token).json["id"]
    assert_problem(api.post(f"/staff/{user_id}/resend-invitation", token=other_firm.token), 404)
    resp = api.post(f"/staff/{user_id}/resend-invitation", token=firm.token)
    assert resp.status == 200 and resp.json["status"] == "invited"
    pump()
    assert len(sent_emails()) == 2 and len(_schedules()) == 1
    owner_id = claims_of(firm.token)["username"].split(".")[1]
    assert_problem(api.post(f"/staff/{owner_id}/resend-invitation", token=firm.token), 409)


def test_a_resent_password_works_and_leaves_the_colleagues_record(api, firm, pump, aws):
    """The resend records its password on the colleague; the stream moves it into the
    outbox, and the mail that follows carries the password Cognito now holds."""
    from tests.support import temporary_password_in
    user_id = api.post("/staff", {"name": "Sam", "email": "sam@northwind.example"}, token=firm.token).json["id"]
    assert "invitation_mail" not in api.post(f"/staff/{user_id}/resend-invitation", token=firm.token).json
    pump()
    first, resent = sent_emails()
    import boto3
    users = [i for i in boto3.resource("dynamodb").Table(aws["ATRIUM_TABLE"]).scan()["Items"] if i.get("id") == user_id]
    assert users and all("invitation_mail" not in i for i in users)
    signed = api.post("/auth/login", {"slug": firm.slug, "email": "sam@northwind.example",
                                      "password": temporary_password_in(resent)})
    assert signed.json["kind"] == "challenge"
    assert_problem(api.post("/auth/login", {"slug": firm.slug, "email": "sam@northwind.example",
                                            "password": temporary_password_in(first)}), 401)


def test_an_admin_cannot_resend_an_owners_invitation(api, firm, pump):
    _, admin = invite_staff(api, firm, pump, "ada@northwind.example", role="admin")
    owner = api.post("/staff", {"name": "Otto", "email": "otto@northwind.example", "role": "owner"}, token=firm.token)
    assert_problem(api.post(f"/staff/{owner.json['id']}/resend-invitation", token=admin), 403)
    resp = api.post(f"/staff/{owner.json['id']}/resend-invitation", token=firm.token)
    assert resp.status == 200 and resp.json["status"] == "invited"


def _principal(token):
    from chalicelib.accounts.users import load_principal
    return load_principal(claims_of(token)["username"])


def test_an_owners_principal_carries_the_owners_and_no_one_elses_does(api, firm, pump):
    owner_id = claims_of(firm.token)["username"].split(".")[1]
    otto_id, otto = invite_staff(api, firm, pump, "otto@northwind.example", role="owner")
    _, admin = invite_staff(api, firm, pump, "ada@northwind.example", role="admin")
    pump()
    listed = {u["id"]: u for u in api.get("/staff", token=firm.token).json["items"]}
    carried = _principal(firm.token).owners
    assert set(carried) == {owner_id, otto_id} and carried[otto_id]["v"] == listed[otto_id]["version"]
    assert carried[otto_id]["email"] == "otto@northwind.example" and _principal(admin).owners == {}
    assert api.post(f"/staff/{otto_id}/deactivate", token=firm.token).status == 200
    assert set(_principal(firm.token).owners) == {owner_id}  # dropped in the write itself, not later


def test_two_owners_demoting_each_other_at_once_leave_one(api, firm, pump):
    """Both principals were built before either write: the second is refused by the
    firm's owner count in its own transaction."""
    from chalicelib.core.errors import Conflict
    from chalicelib.staff import service
    from chalicelib.staff.models import StaffUpdate
    owner_id = claims_of(firm.token)["username"].split(".")[1]
    otto_id, otto = invite_staff(api, firm, pump, "otto@northwind.example", role="owner")
    pump()
    mine, his = _principal(firm.token), _principal(otto)
    assert service.update(mine, otto_id, StaffUpdate(role="admin"), None).role == "admin"
    with pytest.raises(Conflict, match="at least one owner"):
        service.update(his, owner_id, StaffUpdate(role="admin"), None)
    assert api.get("/me", token=firm.token).json["role"] == "owner"


def test_a_promoted_owner_is_counted_once_the_stream_has_followed(api, firm, pump):
    """Promotion is one UpdateItem: the owner count, which guards only departures, takes
    the newcomer from the stream, so until then the firm still counts one owner."""
    owner_id = claims_of(firm.token)["username"].split(".")[1]
    sam_id, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    assert api.patch(f"/staff/{sam_id}", {"role": "owner"}, token=firm.token).json["role"] == "owner"
    assert_problem(api.patch(f"/staff/{owner_id}", {"role": "admin"}, token=firm.token), 409)
    pump()
    stepped_down = api.patch(f"/staff/{owner_id}", {"role": "admin"}, token=firm.token)
    assert stepped_down.status == 200 and stepped_down.json["role"] == "admin", stepped_down.text
    assert stepped_down.json == next(u for u in api.get("/staff", token=firm.token).json["items"]
                                     if u["id"] == owner_id)
