import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools.frequency import FREQUENCY_COLUMNS, frequency, mwe_patterns, terms, word_forms


def toks(rows):
    """rows: (doc_id, lemma, is_punct, is_stop); one sentence per document."""
    t = pd.DataFrame(rows, columns=["doc_id", "lemma", "is_punct", "is_stop"])
    t["token_id"] = t.groupby("doc_id").cumcount()
    return t.assign(sent_id=0, token=t.lemma.str.upper(), upos="NOUN", in_title=False, start=0, stop=1)


TOY = toks(
    [
        ("a", "мир", False, False), ("a", "мир", False, False), ("a", "и", False, True), ("a", ",", True, False),
        ("b", "мир", False, False), ("b", "война", False, False), ("c", "война", False, False),
    ]
)
DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["ТАСС", "ТАСС", "РИА"]})


def test_overall_counts_hand_computed():
    got = frequency(TOY)
    expected = pd.DataFrame(
        {"group": ["all", "all"], "term": ["мир", "война"], "frequency": [3, 2], "per_10k": [6000.0, 4000.0], "docfreq": [2, 2], "rank": [1, 2]}
    )
    pd.testing.assert_frame_equal(got[expected.columns], expected)
    assert list(got.columns) == FREQUENCY_COLUMNS


def test_by_source_via_docs_and_ties_share_rank():
    got = frequency(TOY, by="source", docs=DOCS)
    # the largest group (4 counted terms) first, not the first in the alphabet
    assert got[["group", "term", "frequency", "docfreq", "rank"]].values.tolist() == [
        ["ТАСС", "мир", 3, 2, 1],
        ["ТАСС", "война", 1, 1, 2],
        ["РИА", "война", 1, 1, 1],
    ]


def test_dispersion_hand_computed():
    # parts of 2, 4 and 4 counted words; "x" occurs 1, 0 and 3 times
    rows = [("a", "x"), ("a", "y")] + [("b", "y")] * 4 + [("c", "x")] * 3 + [("c", "y")]
    got = frequency(toks([(d, w, False, False) for d, w in rows])).set_index("term")
    # DP = 0.5 * (|1/4 - 2/10| + |0 - 4/10| + |3/4 - 4/10|) = 0.4
    assert got.loc["x", "gries_dp"] == pytest.approx(0.4)
    # Juilland: p = (1/2, 0, 3/4); D = 1 - (sd/mean)/sqrt(2) with the population sd
    p = np.array([0.5, 0.0, 0.75])
    assert got.loc["x", "juilland_d"] == pytest.approx(1 - (p.std() / p.mean()) / np.sqrt(2))
    assert got.loc["x", "juilland_d"] == pytest.approx(0.470850, abs=1e-6)


def test_evenly_spread_term_has_d_one_and_dp_zero():
    rows = [(d, w) for d in "abc" for w in ("x", "y")]
    got = frequency(toks([(d, w, False, False) for d, w in rows]))
    assert got.juilland_d.tolist() == pytest.approx([1.0, 1.0])
    assert got.gries_dp.tolist() == pytest.approx([0.0, 0.0])


def test_single_document_has_no_juilland_d():
    assert frequency(toks([("a", "x", False, False)])).juilland_d.isna().all()


def test_stop_words_and_punctuation_can_be_kept():
    assert set(frequency(TOY, exclude=()).term) == {"мир", "война", "и", ","}


def test_word_forms_are_lowercased():
    assert frequency(TOY, unit="token").term.tolist() == ["мир", "война"]


def test_min_count_and_pos_filter():
    assert frequency(TOY, min_count=3).term.tolist() == ["мир"]
    assert frequency(TOY, pos={"VERB"}).empty


def test_empty_and_bad_arguments():
    empty = frequency(TOY.iloc[:0])
    assert list(empty.columns) == FREQUENCY_COLUMNS and empty.empty
    with pytest.raises(ValueError, match="min_count = 0"):
        frequency(TOY, min_count=0)
    with pytest.raises(ValueError, match="'source'.*docs="):
        frequency(TOY, by="source")
    with pytest.raises(ValueError, match="unit='word'"):
        frequency(TOY, unit="word")
    with pytest.raises(ValueError, match="'numbers'"):
        frequency(TOY, exclude=("numbers",))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["мир", "война", "сша", "и"])), min_size=1, max_size=40))
def test_relative_frequencies_sum_to_one_per_group(rows):
    got = frequency(toks([(d, lemma, False, False) for d, lemma in rows]), by="source", docs=DOCS)
    assert got.groupby("group").per_10k.sum().round(6).eq(10_000).all()
    assert got.frequency.sum() == len(rows)
    assert got.gries_dp.between(0, 1).all()
    assert got.juilland_d.dropna().between(-1e-9, 1 + 1e-9).all()


# --- units on real text --------------------------------------------------------------------

SENTENCE = "Глава Белого дома Дональд Трамп принял в Белом доме лидеров Центральной Азии, сообщает ТАСС."


@pytest.fixture(scope="module")
def sentence_tokens():
    return ct.tokenize([SENTENCE])


def test_mwe_are_single_terms_and_keep_their_span(sentence_tokens):
    got = terms(sentence_tokens, mwe=["Белый дом", "Центральная Азия"])
    assert got.term.tolist().count("белый дом") == 2
    assert "центральный азия" in got.term.tolist()
    assert "белый" not in got.term.tolist() and "дом" not in got.term.tolist()
    row = got[got.term == "центральный азия"].iloc[0]
    assert SENTENCE[row.start : row.stop] == "Центральной Азии"


def test_mwe_with_a_name_and_longest_match_first(sentence_tokens):
    got = terms(sentence_tokens, mwe={"Трамп": ["Дональд Трамп"], "глава Белого дома": ["глава Белого дома"], "Белый дом": ["Белый дом"]})
    assert got.term.tolist()[:2] == ["глава Белого дома", "Трамп"]
    assert got.term.tolist().count("Белый дом") == 1


def test_mwe_patterns_need_two_words():
    with pytest.raises(ValueError, match="fewer than two words"):
        mwe_patterns(["Кремль"])


def test_bigrams_do_not_cross_punctuation_or_stop_words(sentence_tokens):
    got = terms(sentence_tokens, unit="bigram").term.tolist()
    assert "дональд трамп" in got
    assert "азия сообщать" not in got  # a comma stands between them
    assert not any(g.startswith("в ") or g.endswith(" в") for g in got)
    with_stop = terms(sentence_tokens, unit="bigram", exclude=("punct",)).term.tolist()
    assert "принять в" in with_stop


def test_trigrams_and_frequency_of_a_terms_table(sentence_tokens):
    tri = terms(sentence_tokens, unit="trigram")
    assert "глава белый дом" in tri.term.tolist()
    assert frequency(tri).frequency.sum() == len(tri)


def test_document_columns_of_tokens_are_carried_into_terms():
    with_source = TOY.assign(source=TOY.doc_id.map(DOCS.set_index("doc_id").source))
    assert "source" in terms(with_source).columns
    assert frequency(with_source, by="source").group.unique().tolist() == ["ТАСС", "РИА"]


def test_groups_of_equal_size_come_in_alphabetical_order():
    rows = [("d1", "мир"), ("d2", "мир"), ("d3", "война")]
    tokens = toks([(d, w, False, False) for d, w in rows]).assign(source=["Б", "А", "В"])
    assert frequency(tokens, by="source").group.tolist() == ["А", "Б", "В"]


def test_word_forms_by_a_document_column_joined_from_docs():
    got = word_forms(TOY, ["мир", "война"], by="source", docs=DOCS)
    assert got[["group", "lemma", "form", "frequency"]].values.tolist() == [
        ["РИА", "война", "война", 1], ["ТАСС", "война", "война", 1], ["ТАСС", "мир", "мир", 3],
    ]
    with_source = TOY.assign(source=TOY.doc_id.map(DOCS.set_index("doc_id").source))
    pd.testing.assert_frame_equal(got, word_forms(with_source, ["мир", "война"], by="source"))


def test_word_forms_reject_a_document_missing_from_docs_even_without_hits():
    # document "c" holds no «мир», but its tokens still need a source
    with pytest.raises(ValueError, match="1 token\\(s\\) belong to documents missing from docs, e.g. 'c'"):
        word_forms(TOY, ["мир"], by="source", docs=DOCS[DOCS.doc_id != "c"])
    with pytest.raises(ValueError, match="column 'source' is in neither"):
        word_forms(TOY, ["мир"], by="source")


def test_categorical_tokens_give_the_same_terms_and_word_forms(sentence_tokens):
    categorical = sentence_tokens.astype({"doc_id": "category", "lemma": "category", "token": "category", "upos": "category"})
    pd.testing.assert_frame_equal(word_forms(categorical, ["дом", "глава"]), word_forms(sentence_tokens, ["дом", "глава"]))
    expected = terms(sentence_tokens, mwe=["Белый дом"])
    got = terms(categorical, mwe=["Белый дом"])
    assert got.term.tolist() == expected.term.tolist() and got.stop.tolist() == expected.stop.tolist()
    # a store's table: categorical document and extra columns stay categorical, with the same values
    with_source = categorical.assign(source=pd.Categorical(np.where(categorical.doc_id.astype(str) < "b", "A", "B")))
    got = terms(with_source)
    plain = terms(with_source.astype({"doc_id": str, "source": str, "lemma": str}))
    assert isinstance(got.doc_id.dtype, pd.CategoricalDtype) and isinstance(got.source.dtype, pd.CategoricalDtype)
    pd.testing.assert_frame_equal(got.astype({"doc_id": str, "source": str, "term": str}), plain.astype({"term": str}), check_dtype=False)
    pd.testing.assert_frame_equal(frequency(with_source, by="source"), frequency(with_source.astype({"doc_id": str, "source": str}), by="source"))


def test_frequency_by_a_docs_column_counts_tokens_of_missing_documents():
    # the document column is looked up per document, but the error still counts tokens
    with pytest.raises(ValueError, match="1 token\\(s\\) belong to documents missing from docs, e.g. 'c'"):
        frequency(TOY, by="source", docs=DOCS[DOCS.doc_id != "c"])
    with pytest.raises(ValueError, match="column 'source' is in neither"):
        frequency(TOY.iloc[:0], by="source")
    with_source = TOY.assign(source=TOY.doc_id.map(DOCS.set_index("doc_id").source))
    pd.testing.assert_frame_equal(frequency(TOY, by="source", docs=DOCS), frequency(with_source, by="source"))
