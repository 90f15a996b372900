"""Signup and the firm's own settings."""
from tests.api.test_errors import assert_problem
from tests.support import PASSWORD, invite_staff


def signup_body(slug="acme", email="a@acme.example", password=PASSWORD):
    return {"firm_name": "Acme Accounting", "slug": slug,
            "owner": {"name": "Ada Acme", "email": email, "password": password}}


def test_signup_creates_firm_and_owner_who_can_sign_in(api):
    resp = api.post("/signup", signup_body())
    assert resp.status == 201, resp.text
    assert resp.json["firm"]["slug"] == "acme" and resp.json["owner"]["role"] == "owner"
    login = api.post("/auth/login", {"slug": "acme", "email": "a@acme.example", "password": PASSWORD})
    assert login.status == 200 and login.json["kind"] == "tokens"


def test_slug_is_unique(api):
    assert api.post("/signup", signup_body()).status == 201
    assert_problem(api.post("/signup", signup_body(email="b@acme.example")), 409)


def test_password_policy_is_400_and_leaves_nothing_behind(api):
    body = assert_problem(api.post("/signup", signup_body(password="alllowercase")), 400)
    assert any(e["loc"] == "body.owner.password" for e in body["errors"])
    assert api.post("/signup", signup_body()).status == 201  # slug still free


def test_bad_slugs_are_400(api):
    for slug in ("A", "has space", "-lead", "x" * 41, "UPPER"):
        refused = assert_problem(api.post("/signup", signup_body(slug=slug)), 400)
        assert [e["loc"] for e in refused["errors"]] == ["body.slug"], slug
    # Nothing was made by the refusals: the address and the email are still free.
    assert api.post("/signup", signup_body()).status == 201


def test_public_firm_gives_branding_only(api, firm):
    body = api.get(f"/firms/{firm.slug}/public").json
    assert body == {"name": "Northwind Advisory", "slug": "northwind", "branding": {"colour": None, "logo_url": None}}
    assert_problem(api.get("/firms/nosuch/public"), 404)


def test_public_page_follows_the_firms_name_and_branding_from_the_stream(api, firm, pump):
    changed = api.patch("/firm", {"name": "Northwind Partners", "branding": {"colour": "#00aa55"}}, token=firm.token)
    assert changed.status == 200, changed.text
    # One read of the address's claim, whose copy follows the firm once the stream is read.
    assert api.get(f"/firms/{firm.slug}/public").json["name"] == "Northwind Advisory"
    pump()
    assert api.get(f"/firms/{firm.slug}/public").json == {
        "name": "Northwind Partners", "slug": "northwind", "branding": {"colour": "#00aa55", "logo_url": None}}
    # A change that leaves the page as it is leaves the copy right.
    assert api.patch("/firm", {"settings": {"invitation_days": 9}}, token=firm.token).status == 200
    pump()
    assert api.get(f"/firms/{firm.slug}/public").json["name"] == "Northwind Partners"


def test_owner_reads_and_changes_the_firm(api, firm):
    got = api.get("/firm", token=firm.token)
    assert got.status == 200 and got.headers["ETag"] == '"1"'
    resp = api.patch("/firm", {"name": "Northwind LLP", "time_zone": "Europe/London",
                               "branding": {"colour": "#112233", "logo_url": "https://cdn.northwind.example/l.png"},
                               "settings": {"invitation_days": 14}}, token=firm.token)
    assert resp.status == 200, resp.text
    body = resp.json
    assert body["name"] == "Northwind LLP" and body["time_zone"] == "Europe/London"
    assert body["branding"]["colour"] == "#112233" and body["settings"]["invitation_days"] == 14
    assert body["settings"]["sms_quiet_start"] == "21:00" and body["version"] == 2


def test_if_match_mismatch_is_412_and_changes_nothing(api, firm):
    assert_problem(api.patch("/firm", {"name": "Stale"}, token=firm.token, headers={"if-match": '"7"'}), 412)
    assert api.get("/firm", token=firm.token).json["name"] == "Northwind Advisory"
    ok = api.patch("/firm", {"name": "Fresh"}, token=firm.token, headers={"if-match": '"1"'})
    assert ok.status == 200 and ok.headers["ETag"] == '"2"'


def test_bad_firm_settings_are_400(api, firm):
    before = api.get("/firm", token=firm.token).json
    cases = [({"time_zone": "Mars/Olympus"}, "body.time_zone"),
             ({"settings": {"invitation_days": 0}}, "body.settings.invitation_days"),
             ({"settings": {"sms_quiet_start": "25:00"}}, "body.settings.sms_quiet_start"),
             ({"branding": {"logo_url": "not a url"}}, "body.branding.logo_url"), ({"id": "x"}, "body.id")]
    for bad, field in cases:
        refused = assert_problem(api.patch("/firm", bad, token=firm.token), 400)
        assert [e["loc"] for e in refused["errors"]] == [field], bad
    assert api.get("/firm", token=firm.token).json == before  # not even the version moved


def test_a_logo_address_is_held_to_the_documents_length_as_given(api, firm):
    """2048 characters as sent, as the document says; a bare host gains its "/" when
    stored, which once pushed an address of exactly 2048 over the limit (a 400)."""
    longest = "https://" + ".".join(["b" * 63] * 31) + "." + "c" * 48 + ".example"
    assert len(longest) == 2048
    ok = api.patch("/firm", {"branding": {"logo_url": longest}}, token=firm.token)
    assert ok.status == 200, ok.text
    assert ok.json["branding"]["logo_url"] == longest + "/"
    too_long = "https://cdn.example/" + "p" * (2049 - len("https://cdn.example/"))
    assert_problem(api.patch("/firm", {"branding": {"logo_url": too_long}}, token=firm.token), 400)
    assert api.get("/firm", token=firm.token).json["branding"]["logo_url"] == longest + "/"


def test_staff_reads_but_cannot_change_the_firm(api, firm, pump):
    _, token = invite_staff(api, firm, pump, "sam@northwind.example")
    assert api.get("/firm", token=token).status == 200
    assert_problem(api.patch("/firm", {"name": "Mine"}, token=token), 403)


def test_each_firm_sees_only_itself(api, firm, other_firm):
    assert api.get("/firm", token=other_firm.token).json["id"] == other_firm.id
    api.patch("/firm", {"name": "Changed by other"}, token=other_firm.token)
    assert api.get("/firm", token=firm.token).json["name"] == "Northwind Advisory"


def _default(api, firm, user_id, **headers):
    return api.patch("/firm", {"settings": {"default_professional_id": user_id}}, token=firm.token,
                     headers=headers or None)


def test_the_default_professional_is_checked_on_the_firms_own_roll(api, firm, pump):
    """One UpdateItem answers with the firm as stored: the colleague is checked against
    the roll the firm item keeps, which follows their login from the stream."""
    from tests.clients_support import last_calls
    sam, _ = invite_staff(api, firm, pump, "sam@northwind.example")
    named = _default(api, firm, sam)
    assert named.status == 200 and named.json["settings"]["default_professional_id"] == sam, named.text
    assert last_calls() == 2 and named.json == api.get("/firm", token=firm.token).json
    refused = assert_problem(_default(api, firm, "01NOSUCHCOLLEAGUE"), 422)
    assert [e["loc"] for e in refused["errors"]] == ["body.settings.default_professional_id"]
    assert_problem(_default(api, firm, sam, **{"if-match": '"1"'}), 412)
    assert api.post(f"/staff/{sam}/deactivate", token=firm.token).status == 200
    pump()
    assert_problem(_default(api, firm, sam), 422)
    assert api.post(f"/staff/{sam}/reactivate", token=firm.token).status == 200
    pump()
    assert _default(api, firm, sam).status == 200


def test_a_colleague_joins_the_roll_once_the_stream_has_followed_the_invitation(api, firm, pump, other_firm):
    invited = api.post("/staff", {"name": "Ivy", "email": "ivy@northwind.example"}, token=firm.token).json["id"]
    assert_problem(_default(api, firm, invited), 422)
    pump()
    assert _default(api, firm, invited).status == 200
    assert_problem(_default(api, other_firm, invited), 422)  # another firm's colleague is not on its roll
