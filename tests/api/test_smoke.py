def test_signup_login_me(api, firm):
    resp = api.get("/me", token=firm.token)
    assert resp.status == 200, resp.text
    assert resp.json["firm"]["slug"] == "northwind"
    assert resp.json["role"] == "owner"
