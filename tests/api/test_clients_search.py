from tests.clients_support import create_client, entity, household


def _names(resp):
    assert resp.status == 200, resp.text
    return [i["display_name"] for i in resp.json["items"]]


def _seed(api, token, pump):
    """Five clients, searchable once the stream has brought their words along."""
    made = {}
    for n, name in enumerate(("Norbert & Ériká Lindqvist", "Nordic Fjord Holdings", "Östberg Family Trust",
                              "Anne North", "Zed Nothing")):
        body = household(display_name=name) if n % 2 == 0 else entity(name, email=f"c{n}@x.example")
        made[name] = create_client(api, token, body)
    pump()
    return made


def test_prefix_of_any_word_case_and_accent_insensitive(api, firm, pump):
    _seed(api, firm.token, pump)
    assert sorted(_names(api.get("/clients?q=nor", token=firm.token))) == \
        ["Anne North", "Norbert & Ériká Lindqvist", "Nordic Fjord Holdings"]
    assert _names(api.get("/clients?q=ERIK", token=firm.token)) == ["Norbert & Ériká Lindqvist"]
    assert _names(api.get("/clients?q=ostb", token=firm.token)) == ["Östberg Family Trust"]
    assert _names(api.get("/clients?q=fjo%20nor", token=firm.token)) == ["Nordic Fjord Holdings"]
    assert _names(api.get("/clients?q=Holdings%20Pty", token=firm.token)) == ["Nordic Fjord Holdings"]
    assert _names(api.get("/clients?q=xyz", token=firm.token)) == []


def test_search_filters_and_pages(api, firm, pump):
    _seed(api, firm.token, pump)
    entities = _names(api.get("/clients?q=nor&kind=entity", token=firm.token))
    assert sorted(entities) == ["Anne North", "Nordic Fjord Holdings"]
    assert _names(api.get("/clients?q=nor&kind=individual", token=firm.token)) == ["Norbert & Ériká Lindqvist"]
    first = api.get("/clients?q=no&limit=2", token=firm.token)
    seen = _names(first)
    cursor = first.json["next_cursor"]
    while cursor:
        page = api.get(f"/clients?q=no&limit=2&cursor={cursor}", token=firm.token)
        seen += _names(page)
        cursor = page.json["next_cursor"]
    assert sorted(set(seen)) == ["Anne North", "Norbert & Ériká Lindqvist", "Nordic Fjord Holdings", "Zed Nothing"]
    foreign = api.get(f"/clients?q=nor&cursor={first.json['next_cursor']}", token=firm.token)
    assert foreign.status == 422  # well formed, but signed for another list


def test_renaming_and_archiving_keep_search_in_step(api, firm, pump):
    made = _seed(api, firm.token, pump)
    cid = made["Anne North"]["id"]
    api.patch(f"/clients/{cid}", {"display_name": "Anne Southey"}, token=firm.token)
    pump()
    assert "Anne North" not in _names(api.get("/clients?q=nor", token=firm.token))
    assert _names(api.get("/clients?q=south", token=firm.token)) == ["Anne Southey"]
    api.post(f"/clients/{cid}/archive", token=firm.token)
    pump()
    assert _names(api.get("/clients?q=south", token=firm.token)) == []
    assert _names(api.get("/clients?q=south&status=archived", token=firm.token)) == ["Anne Southey"]


def test_list_by_name_or_creation_with_filters(api, firm, pump):
    _seed(api, firm.token, pump)
    assert _names(api.get("/clients", token=firm.token)) == [
        "Anne North", "Norbert & Ériká Lindqvist", "Nordic Fjord Holdings", "Östberg Family Trust", "Zed Nothing"]
    assert _names(api.get("/clients?order=created", token=firm.token))[0] == "Zed Nothing"
    assert _names(api.get("/clients?kind=entity", token=firm.token)) == ["Anne North", "Nordic Fjord Holdings"]
    assert _names(api.get("/clients?portal_status=active", token=firm.token)) == []


def test_bad_queries_are_400(api, firm):
    for q in ("q=n", "kind=robot", "limit=0", "limit=999", "status=gone", "cursor=forged"):
        resp = api.get(f"/clients?{q}", token=firm.token)
        assert resp.status == 400, (q, resp.text)


def test_a_query_with_no_word_yet_finds_nothing(api, firm, pump):
    """Two characters the document allows, but no word of two letters to look up."""
    _seed(api, firm.token, pump)
    for q in ("q=%20%20", "q=-!"):
        resp = api.get(f"/clients?{q}", token=firm.token)
        assert resp.status == 200 and resp.json["items"] == [], (q, resp.text)


def test_search_stays_inside_the_firm(api, firm, other_firm, pump):
    _seed(api, firm.token, pump)
    assert _names(api.get("/clients?q=nor", token=other_firm.token)) == []


def test_a_name_with_two_matching_words_appears_once_across_pages(api, firm, pump):
    for name in ("Anna Annabel Berg", "Annika Holm", "Annette Annsdotter"):
        create_client(api, firm.token, household(display_name=name))
    pump()
    seen, cursor = [], ""
    while True:
        page = api.get(f"/clients?q=ann&limit=1{cursor}", token=firm.token)
        seen += _names(page)
        if not page.json["next_cursor"]:
            break
        cursor = f"&cursor={page.json['next_cursor']}"
    assert sorted(seen) == ["Anna Annabel Berg", "Annette Annsdotter", "Annika Holm"]
