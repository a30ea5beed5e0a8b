import pandas as pd
import pytest

from corpus_tools import find_actors, largest_first, lump, main_actors, main_terms, tokenize, top_groups


def mentions_table(rows):
    return pd.DataFrame(rows, columns=["doc_id", "stop", "actor", "type"])


def test_main_actors_ranks_by_mentions_then_documents_then_name():
    mentions = mentions_table(
        [
            ("d1", 5, "Б", "person"), ("d1", 9, "Б", "person"),
            ("d1", 3, "А", "person"), ("d2", 3, "А", "person"),
            ("d2", 7, "В", "person"), ("d3", 7, "В", "person"),
            ("d1", 20, "Россия", "state"), ("d2", 20, "Россия", "state"), ("d3", 20, "Россия", "state"),
        ]
    )  # fmt: skip
    table = main_actors(mentions, n=None)
    # А and В: two mentions in two documents each, so the name decides; Б: two in one document
    assert table.actor.tolist() == ["А", "В", "Б"]
    assert table.mentions.tolist() == [2, 2, 2] and table.documents.tolist() == [2, 2, 1]
    assert main_actors(mentions, n=1, types=None).actor.tolist() == ["Россия"]
    assert main_actors(mentions, n=None, types=["state", "person"]).actor.tolist() == ["Россия", "А", "В", "Б"]


def test_main_actors_lemma_is_the_usual_last_word_on_real_text():
    tokens = tokenize(
        [
            "Президент Казахстана Касым-Жомарт Токаев встретился с Путиным. Токаеву позвонил Дональд Трамп.",
            "Касым-Жомарта Токаева поддержал Владимир Путин. Путин уехал.",
        ]
    )
    table = main_actors(find_actors(tokens), tokens, n=3)
    assert table.actor.tolist() == ["Путин", "Токаев", "Трамп"]
    assert table.lemma.tolist() == ["путин", "токаев", "трамп"]
    assert table.documents.tolist() == [2, 2, 1]


def test_main_actors_on_a_corpus_without_persons_is_empty_not_an_error():
    tokens = tokenize(["Дождь шёл весь день, и улицы опустели."])
    table = main_actors(find_actors(tokens), tokens)
    assert table.empty and table.columns.tolist() == ["actor", "type", "mentions", "documents", "lemma"]


@pytest.mark.parametrize("n", [0, -1, 2.5, True])
def test_main_actors_rejects_a_bad_n(n):
    with pytest.raises(ValueError, match="n = "):
        main_actors(mentions_table([]), n=n)


def test_main_actors_names_missing_columns():
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['type'\]"):
        main_actors(pd.DataFrame({"doc_id": ["a"], "actor": ["X"]}))


def test_top_groups_largest_first_ties_by_name_and_ignores_missing():
    docs = pd.DataFrame({"source": ["b", "a", None, "c", "a", "b", "c", None, None]}).assign(doc_id=lambda d: range(len(d)))
    assert top_groups(docs, None) == ["a", "b", "c"]
    assert top_groups(docs, 2) == ["a", "b"]
    with pytest.raises(ValueError, match="no column 'outlet'"):
        top_groups(docs, by="outlet")


def test_lump_labels_the_rest_with_its_size():
    values = pd.Series(["x", "y", "z", None, "x"])
    assert lump(values, ["x"], what="outlets").tolist()[:3] == ["x", "other (2 outlets)", "other (2 outlets)"]
    assert lump(values, ["x"]).isna().tolist() == [False, False, False, True, False]
    assert lump(values, ["x", "y", "z"]).tolist()[:3] == ["x", "y", "z"]


def test_main_terms_fill_up_from_proper_names_then_frequent_terms():
    tokens = tokenize(["Дождь шёл над Казанью. Дождь и ветер. Ветер, дождь, снег."])
    table = main_terms(tokens, find_actors(tokens), n=3)
    assert table.chosen_as.tolist()[0] == "proper name" and table.term.tolist()[0] == "казань"
    assert table.term.tolist()[1:] == ["дождь", "ветер"]
    assert table.chosen_as.tolist()[1:] == ["frequent term", "frequent term"]
    assert table.term.is_unique


def test_main_terms_start_with_the_actors_on_the_seeds(seeds_dir):
    from corpus_tools import load

    docs, tokens = load(seeds_dir)
    table = main_terms(tokens, find_actors(tokens), n=4)
    assert table.chosen_as.eq("actor").all()
    assert set(table.term) == {"токаев", "путин", "трамп", "песков"} and table.term.iloc[0] == "токаев"


def test_largest_first_keeps_order_within_groups_and_puts_unknown_groups_last():
    docs = pd.DataFrame({"doc_id": range(6), "source": ["small", "big", "big", "mid", "mid", "big"]})
    table = pd.DataFrame({"group": ["mid", "small", "all", "big", "mid", "big"], "rank": [1, 1, 1, 1, 2, 2]})
    ordered = largest_first(table, docs)
    assert list(zip(ordered.group, ordered["rank"])) == [("big", 1), ("big", 2), ("mid", 1), ("mid", 2), ("small", 1), ("all", 1)]
    assert largest_first(table, docs, n=1).group.tolist() == ["big", "big"]
