from chalicelib.clients.search import fold, matches, sort_name, words


def test_fold_drops_case_and_accents():
    assert fold("Ériká ÖSTBERG Straße") == "erika ostberg strasse"


def test_words_are_distinct_and_skip_initials():
    assert words("J. R. R. Tolkien & Sons", "Tolkien Estate Pty Ltd") == ["tolkien", "sons", "estate", "pty", "ltd"]
    assert words(None, "") == []
    assert len(words(" ".join(f"w{n:02}" for n in range(30)))) == 10


def test_matches_needs_every_typed_word_as_a_prefix():
    name = words("Nordic Fjord Holdings")
    assert matches(["fjo", "nor"], name)
    assert not matches(["fjo", "sou"], name)


def test_sort_name_orders_accented_names_with_plain_ones():
    assert sorted(["Zed", "Émile", "eve"], key=sort_name) == ["Émile", "eve", "Zed"]
