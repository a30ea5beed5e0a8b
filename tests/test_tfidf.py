import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from corpus_tools.tfidf import TFIDF_COLUMNS, dtm, tfidf

TOY = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b", "c"], "term": ["мир", "мир", "сша", "сша", "война", "сша"]})


def test_dtm_counts_and_labels():
    m = dtm(TOY)
    assert sparse.isspmatrix_csr(m.matrix) and m.matrix.dtype == np.int64
    assert m.doc_ids.tolist() == ["a", "b", "c"]
    assert m.vocabulary.tolist() == ["война", "мир", "сша"]
    assert m.matrix.toarray().tolist() == [[0, 2, 1], [1, 0, 1], [0, 0, 1]]
    assert m.matrix.sum() == len(TOY)


def test_dtm_rows_follow_docs_including_empty_documents():
    docs = pd.DataFrame({"doc_id": ["c", "z", "b", "a"]})
    m = dtm(TOY, docs=docs)
    assert m.doc_ids.tolist() == ["c", "z", "b", "a"]
    assert m.matrix[1].sum() == 0
    with pytest.raises(ValueError, match="missing from docs"):
        dtm(TOY, docs=docs.iloc[:2])


def test_min_docfreq():
    assert dtm(TOY, min_docfreq=2).vocabulary.tolist() == ["сша"]


def test_tfidf_hand_computed():
    got = tfidf(TOY, top=None).set_index(["doc_id", "term"])
    # N = 3; "мир": df 1, idf = ln(4/2) + 1; tf 2
    assert got.loc[("a", "мир"), "tfidf"] == pytest.approx(2 * (np.log(4 / 2) + 1))
    # "сша" in every document: idf = ln(4/4) + 1 = 1
    assert got.loc[("c", "сша"), "idf"] == pytest.approx(1.0)
    plain = tfidf(TOY, top=None, smooth=False).set_index(["doc_id", "term"])
    assert plain.loc[("b", "война"), "idf"] == pytest.approx(np.log(3) + 1)
    sub = tfidf(TOY, top=None, sublinear=True).set_index(["doc_id", "term"])
    assert sub.loc[("a", "мир"), "tfidf"] == pytest.approx((1 + np.log(2)) * (np.log(2) + 1))


def test_tfidf_top_and_order():
    got = tfidf(TOY, top=1)
    assert list(got.columns) == TFIDF_COLUMNS
    assert got[["doc_id", "term", "rank"]].values.tolist() == [["a", "мир", 1], ["b", "война", 1], ["c", "сша", 1]]
    with pytest.raises(ValueError, match="top = 0"):
        tfidf(TOY, top=0)
