import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools.frequency import FREQUENCY_COLUMNS, frequency


def toks(rows):
    """rows: (doc_id, lemma, is_punct, is_stop)"""
    t = pd.DataFrame(rows, columns=["doc_id", "lemma", "is_punct", "is_stop"])
    return t.assign(token=t.lemma.str.upper(), in_title=False)


TOY = toks(
    [
        ("a", "мир", False, False), ("a", "мир", False, False), ("a", "и", False, True), ("a", ",", True, False),
        ("b", "мир", False, False), ("b", "война", False, False), ("c", "война", False, False),
    ]
)
DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["ТАСС", "ТАСС", "РИА"]})


def test_overall_counts_hand_computed():
    expected = pd.DataFrame(
        {"group": ["all", "all"], "term": ["мир", "война"], "frequency": [3, 2], "per_10k": [6000.0, 4000.0], "docfreq": [2, 2], "rank": [1, 2]}
    )
    pd.testing.assert_frame_equal(frequency(TOY), expected)


def test_by_source_via_docs_and_ties_share_rank():
    got = frequency(TOY, by="source", docs=DOCS)
    assert got[["group", "term", "frequency", "docfreq", "rank"]].values.tolist() == [
        ["РИА", "война", 1, 1, 1],
        ["ТАСС", "мир", 3, 2, 1],
        ["ТАСС", "война", 1, 1, 2],
    ]


def test_stop_words_and_punctuation_can_be_kept():
    got = frequency(TOY, exclude=())
    assert set(got.term) == {"мир", "война", "и", ","}


def test_word_forms_are_lowercased():
    assert frequency(TOY, unit="token").term.tolist() == ["мир", "война"]


def test_empty_and_bad_arguments():
    empty = frequency(TOY.iloc[:0])
    assert list(empty.columns) == FREQUENCY_COLUMNS and empty.empty
    with pytest.raises(ValueError, match="min_count = 0"):
        frequency(TOY, min_count=0)
    with pytest.raises(ValueError, match="'source'.*docs="):
        frequency(TOY, by="source")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from(["мир", "война", "сша", "и"])), min_size=1, max_size=40))
def test_relative_frequencies_sum_to_one_per_group(rows):
    t = toks([(d, lemma, False, False) for d, lemma in rows])
    got = frequency(t, by="source", docs=DOCS)
    sums = got.groupby("group").per_10k.sum()
    assert sums.round(6).eq(10_000).all()
    assert got.frequency.sum() == len(rows)
