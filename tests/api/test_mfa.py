"""Two-step sign-in: a user sets up an authenticator app, signs in with its code, turns it
off; a firm can require it of its staff."""
import pytest

from tests.api.test_errors import assert_problem, problem_status
from tests.support import PASSWORD, invite_staff
from tests.totp import totp, wrong_code


@pytest.fixture(autouse=True)
def codes_checked(monkeypatch):
    # The emulator checks TOTP codes only when asked to.
    monkeypatch.setenv("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")


def _enable(api, token) -> str:
    setup = api.post("/me/mfa/setup", token=token)
    assert setup.status == 200, setup.text
    secret = setup.json["secret_code"]
    assert setup.json["otpauth_uri"].startswith("otpauth://totp/Atrium%3A") and secret in setup.json["otpauth_uri"]
    done = api.post("/me/mfa/enable", {"code": totp(secret)}, token=token)
    assert done.status == 200 and done.json == {"totp_enabled": True}, done.text
    return secret


def _password_step(api, firm, email=None):
    return api.post("/auth/login", {"slug": firm.slug, "email": email or firm.owner_email, "password": PASSWORD})


def test_sign_in_asks_for_the_code_once_enabled_and_accepts_it(api, firm):
    secret = _enable(api, firm.token)
    first = _password_step(api, firm)
    assert first.status == 200 and first.json["kind"] == "challenge"
    assert first.json["challenge"] == "software_token_mfa" and "access_token" not in first.json
    done = api.post("/auth/challenge", {"slug": firm.slug, "email": firm.owner_email,
                                        "session": first.json["session"], "code": totp(secret)})
    assert done.status == 200 and done.json["kind"] == "tokens", done.text
    assert done.json["mfa_setup_required"] is False
    assert api.get("/me", token=done.json["access_token"]).status == 200


def test_a_wrong_code_is_refused_without_tokens(api, firm):
    secret = _enable(api, firm.token)
    first = _password_step(api, firm)
    resp = api.post("/auth/challenge", {"slug": firm.slug, "email": firm.owner_email,
                                        "session": first.json["session"], "code": wrong_code(secret)})
    assert_problem(resp, 401)
    assert "access_token" not in resp.json


def test_enable_with_a_wrong_code_is_400_and_sign_in_stays_one_step(api, firm):
    secret = api.post("/me/mfa/setup", token=firm.token).json["secret_code"]
    resp = api.post("/me/mfa/enable", {"code": wrong_code(secret)}, token=firm.token)
    assert_problem(resp, 400)
    assert resp.json["errors"][0]["loc"] == "body.code"
    assert _password_step(api, firm).json["kind"] == "tokens"


@pytest.mark.parametrize("body", [{}, {"code": "12345"}, {"code": "abcdef"}, {"code": "123456", "extra": 1},
                                  {"code": 123456}])
def test_enable_with_bad_input_is_400(api, firm, body):
    assert problem_status(api.post("/me/mfa/enable", body, token=firm.token)) == 400
    assert _password_step(api, firm).json["kind"] == "tokens"  # still one-step sign-in


@pytest.mark.parametrize("answer", [{}, {"code": "123456", "new_password": "Another-Pass-2026"}, {"code": "12"}])
def test_challenge_answer_needs_exactly_one_well_formed_answer(api, firm, answer):
    body = {"slug": firm.slug, "email": firm.owner_email, "session": "s" * 20, **answer}
    assert problem_status(api.post("/auth/challenge", body)) == 400


def test_disable_returns_sign_in_to_one_step(api, firm):
    _enable(api, firm.token)
    off = api.delete("/me/mfa", token=firm.token)
    assert off.status == 200 and off.json == {"totp_enabled": False}
    assert _password_step(api, firm).json["kind"] == "tokens"


def test_mfa_routes_need_a_signed_in_user(api):
    for resp in (api.post("/me/mfa/setup"), api.post("/me/mfa/enable", {"code": "123456"}), api.delete("/me/mfa")):
        assert problem_status(resp) == 401


def test_setting_up_touches_only_the_callers_own_login(api, firm, other_firm):
    _enable(api, firm.token)
    assert _password_step(api, other_firm, other_firm.owner_email).json["kind"] == "tokens"


def test_required_mfa_confines_staff_without_it_to_setting_it_up(api, firm, other_firm, pump):
    required = api.patch("/firm", {"settings": {"require_staff_mfa": True}}, token=firm.token)
    assert required.status == 200 and required.json["settings"]["require_staff_mfa"] is True, required.text
    _, staff_token = invite_staff(api, firm, pump, "sam@northwind.example")
    signed = _password_step(api, firm, "sam@northwind.example")
    assert signed.json["kind"] == "tokens" and signed.json["mfa_setup_required"] is True
    token = signed.json["access_token"]
    refused = api.get("/clients", token=token)
    assert_problem(refused, 403)
    assert "/me/mfa/setup" in refused.json["detail"]
    assert_problem(api.delete("/me/mfa", token=token), 403)
    _enable(api, token)
    assert api.get("/clients", token=token).status == 200
    # Turning it off is refused while the firm requires it; nothing changes.
    assert_problem(api.delete("/me/mfa", token=token), 422)
    assert _password_step(api, firm, "sam@northwind.example").json["challenge"] == "software_token_mfa"
    # Another firm's staff are untouched by this firm's rule.
    assert _password_step(api, other_firm, other_firm.owner_email).json["mfa_setup_required"] is False


def test_only_managers_set_the_requirement(api, firm, pump):
    _, staff_token = invite_staff(api, firm, pump, "sam@northwind.example")
    resp = api.patch("/firm", {"settings": {"require_staff_mfa": True}}, token=staff_token)
    assert_problem(resp, 403)
    assert api.get("/firm", token=firm.token).json["settings"]["require_staff_mfa"] is False


def test_the_requirement_must_be_a_boolean(api, firm):
    assert problem_status(api.patch("/firm", {"settings": {"require_staff_mfa": "maybe"}}, token=firm.token)) == 400
    assert api.get("/firm", token=firm.token).json["settings"]["require_staff_mfa"] is False
