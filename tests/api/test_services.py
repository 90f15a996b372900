"""Services (room types): managers create, rename, retire and restore; staff read."""
from tests.api.test_errors import assert_problem
from tests.support import invite_staff


def test_owner_creates_renames_retires_and_restores(api, firm):
    made = api.post("/services", {"name": "Tax return", "description": "Personal returns"}, token=firm.token)
    assert made.status == 201 and made.json["status"] == "active" and made.json["version"] == 1
    sid = made.json["id"]
    renamed = api.patch(f"/services/{sid}", {"name": "Tax returns"}, token=firm.token)
    assert renamed.status == 200 and renamed.json["name"] == "Tax returns" and renamed.json["version"] == 2
    assert api.post(f"/services/{sid}/retire", token=firm.token).json["status"] == "retired"
    assert_problem(api.post(f"/services/{sid}/retire", token=firm.token), 409)
    assert [s["id"] for s in api.get("/services", token=firm.token).json["items"]] == []
    assert [s["name"] for s in api.get("/services?status=retired", token=firm.token).json["items"]] == ["Tax returns"]
    assert api.post(f"/services/{sid}/restore", token=firm.token).json["status"] == "active"


def test_list_is_by_name(api, firm):
    for name in ("bookkeeping", "Tax return", "Financial plan"):
        api.post("/services", {"name": name}, token=firm.token)
    names = [s["name"] for s in api.get("/services", token=firm.token).json["items"]]
    assert names == ["bookkeeping", "Financial plan", "Tax return"]


def test_bad_input_is_400_and_changes_nothing(api, firm):
    for bad in ({}, {"name": ""}, {"name": "x" * 201}, {"name": "A", "extra": 1}):
        assert_problem(api.post("/services", bad, token=firm.token), 400)
    sid = api.post("/services", {"name": "Tax"}, token=firm.token).json["id"]
    assert_problem(api.patch(f"/services/{sid}", {"name": None}, token=firm.token), 400)
    assert_problem(api.patch(f"/services/{sid}", {"name": "B"}, token=firm.token, headers={"if-match": '"9"'}), 412)
    assert [s["name"] for s in api.get("/services", token=firm.token).json["items"]] == ["Tax"]
    assert_problem(api.get("/services?status=gone", token=firm.token), 400)


def test_staff_read_but_do_not_manage(api, firm, pump):
    sid = api.post("/services", {"name": "Tax"}, token=firm.token).json["id"]
    _, staff = invite_staff(api, firm, pump, "sam@northwind.example")
    assert [s["id"] for s in api.get("/services", token=staff).json["items"]] == [sid]
    assert_problem(api.post("/services", {"name": "Mine"}, token=staff), 403)
    assert_problem(api.patch(f"/services/{sid}", {"name": "X"}, token=staff), 403)
    assert_problem(api.post(f"/services/{sid}/retire", token=staff), 403)


def test_another_firm_sees_nothing_and_gets_404(api, firm, other_firm):
    sid = api.post("/services", {"name": "Tax"}, token=firm.token).json["id"]
    assert api.get("/services", token=other_firm.token).json["items"] == []
    for resp in (api.patch(f"/services/{sid}", {"name": "X"}, token=other_firm.token),
                 api.post(f"/services/{sid}/retire", token=other_firm.token),
                 api.post(f"/services/{sid}/restore", token=other_firm.token)):
        assert_problem(resp, 404)
    assert api.get("/services", token=firm.token).json["items"][0]["name"] == "Tax"
