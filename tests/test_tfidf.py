import pickle

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

import corpus_tools as ct
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


# --- scikit-learn: the analyzer callable and a matrix that transforms new documents ---


@pytest.fixture(scope="module")
def seed_texts(seed_docs):
    return seed_docs.text.tolist()


@pytest.fixture(scope="module")
def seed_tokens(seed_texts):
    return ct.tokenize(seed_texts)


def test_count_vectorizer_with_the_analyzer_counts_what_dtm_counts(seed_texts, seed_tokens):
    analyze = ct.analyzer(seed_texts)
    assert len(analyze.cache) == len(set(seed_texts))
    vectorizer = CountVectorizer(analyzer=analyze)
    counts = vectorizer.fit_transform(seed_texts)
    m = dtm(seed_tokens)
    assert vectorizer.get_feature_names_out().tolist() == m.get_feature_names_out().tolist() == m.vocabulary.tolist()
    assert (counts != m.matrix).nnz == 0
    # links and stop words are not terms; a term list is the terms table of that text
    assert analyze(seed_texts[0]) == ct.terms(ct.tokenize([seed_texts[0]])).term.tolist()
    assert not {"https", "и", "."} & set(m.vocabulary)


def test_batched_and_per_document_analysis_agree(seed_texts):
    batched = ct.analyzer(seed_texts, unit="bigram")
    alone = ct.analyzer(unit="bigram")
    assert [alone(t) for t in seed_texts] == [batched(t) for t in seed_texts]
    assert len(alone.cache) == len(seed_texts)  # texts met one by one are cached too
    alone.clear()
    assert not alone.cache and all(" " in term for term in batched(seed_texts[1]))
    with pytest.raises(TypeError, match="one text"):
        batched(["a list"])
    with pytest.raises(ValueError, match="exclude="):
        ct.analyzer(exclude=("links",))


def test_analyzer_pickles_without_its_cache(seed_texts):
    analyze = ct.analyzer(seed_texts[:2], exclude=("punct", "stop"))
    copy = pickle.loads(pickle.dumps(analyze))
    assert copy.cache == {} and copy.exclude == ("punct", "stop")
    assert copy(seed_texts[0]) == analyze(seed_texts[0])
    vectorizer = TfidfVectorizer(analyzer=analyze).fit(seed_texts[:2])
    again = pickle.loads(pickle.dumps(vectorizer))
    assert (again.transform(seed_texts[2:]) != vectorizer.transform(seed_texts[2:])).nnz == 0


def test_transform_counts_new_documents_over_the_fixed_vocabulary(seed_texts, seed_tokens):
    train, new = seed_texts[:3], seed_texts[3:]
    train_tokens = seed_tokens[seed_tokens.doc_id < 3]
    m = dtm(train_tokens)
    vectorizer = CountVectorizer(analyzer=ct.analyzer(seed_texts)).fit(train)
    expected = vectorizer.transform(new)
    new_tokens = seed_tokens[seed_tokens.doc_id >= 3]
    got = m.transform(new_tokens)
    assert got.shape == (2, len(m.vocabulary)) and (got != expected).nnz == 0
    assert (m.transform(new) != expected).nnz == 0  # texts are tokenized first
    # terms outside the vocabulary are not counted, and nothing new appears
    assert got.sum() < len(ct.terms(new_tokens))
    labelled = dtm(new_tokens, vocabulary=m.vocabulary)
    assert labelled.vocabulary.tolist() == m.vocabulary.tolist() and labelled.doc_ids.tolist() == [3, 4]


def test_fixed_vocabulary_keeps_its_order_and_refuses_bad_input():
    m = dtm(TOY, vocabulary=["сша", "мир", "кремль"])
    assert m.get_feature_names_out().tolist() == ["сша", "мир", "кремль"]
    assert m.matrix.toarray().tolist() == [[1, 2, 0], [1, 0, 0], [1, 0, 0]]
    with pytest.raises(ValueError, match="repeats terms, e.g. 'мир'"):
        dtm(TOY, vocabulary=["мир", "мир"])
    with pytest.raises(ValueError, match="cannot be combined"):
        dtm(TOY, vocabulary=["мир"], min_docfreq=2)
    docs = pd.DataFrame({"doc_id": ["z", "a"]})
    assert m.transform(TOY[TOY.doc_id == "a"], docs=docs).toarray().tolist() == [[0, 0, 0], [1, 2, 0]]
