import pandas as pd
import pytest

from corpus_tools.summary import attach, corpus_summary

DOCS = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["ТАСС", "РИА", "ТАСС"]})
TOKS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a", "a", "b"],
        "sent_id": [0, 0, 1, 1, 0],
        "is_punct": [False, True, False, False, False],
        "is_stop": [False, False, True, False, False],
        "in_title": [True, True, False, False, False],
    }
)


def test_counts_per_source_with_total_and_empty_document():
    got = corpus_summary(DOCS, TOKS)
    assert got.values.tolist() == [
        ["ТАСС", 2, 2, 4, 3, 2, 1],
        ["РИА", 1, 1, 1, 1, 1, 0],
        ["total", 3, 3, 5, 4, 3, 1],
    ]


def test_whole_corpus():
    assert corpus_summary(DOCS, TOKS, by=None).values.tolist() == [["all", 3, 3, 5, 4, 3, 1]]


def test_attach_errors_name_the_problem():
    with pytest.raises(ValueError, match="'platform'"):
        attach(TOKS, "platform", DOCS)
    with pytest.raises(ValueError, match="missing from docs.*'b'"):
        attach(TOKS, "source", DOCS[DOCS.doc_id != "b"])
