"""Identity: the authorizer proves tokens; sign-in never tells which part was wrong."""
import re

import boto3
import pytest

from chalicelib.accounts.models import OPAQUE
from tests.api.test_errors import assert_problem
from tests.support import PASSWORD, login
from tests.tokens import claims_of, expired, resign, tampered


def _unauthorized(resp) -> bool:
    """The one answer every refused token gets: 401, the same problem, nobody named."""
    body = assert_problem(resp, 401)
    return body["detail"] == "A valid bearer token is required: sign in again." and body["errors"] == []


def test_valid_token_reaches_me(api, firm):
    body = api.get("/me", token=firm.token).json
    assert body["user"]["email"] == firm.owner_email
    assert body["firm"]["id"] == firm.id and body["role"] == "owner"


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not.a.jwt",
                                   "Bearer " + "x" * 5000, "Token abc"])
def test_garbage_authorization_is_401(api, firm, header):
    refused = api.get("/me", headers={"authorization": header})
    assert _unauthorized(refused) and firm.owner_email not in refused.text


def test_missing_authorization_is_401(api):
    assert _unauthorized(api.get("/me"))


def test_forged_signature_is_401(api, firm, other_firm):
    other_user = claims_of(other_firm.token)["username"]
    refused = api.get("/me", token=tampered(firm.token, username=other_user))
    assert _unauthorized(refused) and other_firm.owner_email not in refused.text and firm.owner_email not in refused.text


def test_expired_token_is_401(api, firm):
    refused = api.get("/me", token=expired(firm.token))
    assert _unauthorized(refused) and firm.owner_email not in refused.text


def test_token_of_another_pool_is_401(api, firm, aws):
    idp = boto3.client("cognito-idp", region_name="us-east-1")
    pool = idp.create_user_pool(PoolName="elsewhere")["UserPool"]["Id"]
    claims = claims_of(firm.token)
    foreign_iss = claims["iss"].rsplit("/", 1)[0] + "/" + pool
    refused = api.get("/me", token=resign(firm.token, iss=foreign_iss))
    assert _unauthorized(refused) and firm.owner_email not in refused.text


def test_token_for_another_app_client_is_401(api, firm):
    refused = api.get("/me", token=resign(firm.token, client_id="someone-else"))
    assert _unauthorized(refused) and firm.owner_email not in refused.text


def test_id_token_is_not_an_access_token(api, firm):
    refused = api.get("/me", token=firm.tokens["id_token"])
    assert _unauthorized(refused) and firm.owner_email not in refused.text


def test_token_naming_an_unknown_user_is_401(api, firm):
    refused = api.get("/me", token=resign(firm.token, username=f"{firm.id}.01NOSUCHUSER000000000000000"))
    assert _unauthorized(refused) and firm.id not in refused.text


def test_wrong_password_and_unknown_email_look_the_same(api, firm):
    wrong = api.post("/auth/login", {"slug": firm.slug, "email": firm.owner_email, "password": "Wrong-Pass-99"})
    unknown = api.post("/auth/login", {"slug": firm.slug, "email": "nobody@x.example", "password": "Wrong-Pass-99"})
    no_firm = api.post("/auth/login", {"slug": "nosuchfirm", "email": firm.owner_email, "password": PASSWORD})
    for resp in (wrong, unknown, no_firm):
        assert_problem(resp, 401)
    assert wrong.json == unknown.json == no_firm.json


def test_login_is_per_firm(api, firm, other_firm):
    elsewhere = api.post("/auth/login", {"slug": other_firm.slug, "email": firm.owner_email, "password": PASSWORD})
    unknown = api.post("/auth/login", {"slug": other_firm.slug, "email": "nobody@x.example", "password": PASSWORD})
    assert assert_problem(elsewhere, 401) == assert_problem(unknown, 401), "another firm's login looks unknown"
    assert "access_token" not in elsewhere.text
    assert login(api, firm.slug, firm.owner_email, PASSWORD)["access_token"], "at its own firm it signs in"


def test_login_bad_input_is_400(api):
    refused = assert_problem(api.post("/auth/login", {"slug": "Not A Slug", "email": "x", "password": ""}), 400)
    assert [e["loc"] for e in refused["errors"]] == ["body.slug", "body.email", "body.password"]


def test_refresh_gives_a_working_token(api, firm):
    resp = api.post("/auth/refresh", {"refresh_token": firm.tokens["refresh_token"]})
    assert resp.status == 200, resp.text
    assert api.get("/me", token=resp.json["access_token"]).status == 200


def test_refresh_with_garbage_is_401(api):
    assert_problem(api.post("/auth/refresh", {"refresh_token": "nope"}), 401)
    assert_problem(api.post("/auth/refresh", {}), 400)
    # Blanks are refused by the document itself, so what it allows is what arrives once
    # inputs are stripped (a token of spaces used to pass the document and fail the API).
    from chalicelib.core import openapi
    schemas = openapi.build()["components"]["schemas"]
    for model, field in (("RefreshRequest", "refresh_token"), ("ChallengeAnswer", "session")):
        assert schemas[model]["properties"][field]["pattern"] == OPAQUE
    # Blanks by any of the three readings: the document's, the validator's, Python's strip.
    for blank in (" ", "a b", "\x85", "a\x1cb", "\ufeff"):
        assert re.search(OPAQUE, blank) is None, repr(blank)
        assert_problem(api.post("/auth/refresh", {"refresh_token": blank}), 400)
    # A session made of what the document allows arrives whole: no 400 for its shape.
    odd = "ab\u2060cd\u200bef/+=._-" * 2
    assert re.search(OPAQUE, odd) and "body.session" not in api.post("/auth/challenge", {
        "slug": "northwind", "email": "x@example.com", "session": odd, "new_password": "Another-Pass-2026"}).text


def test_login_stamps_last_login(api, firm):
    login(api, firm.slug, firm.owner_email, PASSWORD)
    assert api.get("/me", token=firm.token).json["user"]["last_login_at"]
