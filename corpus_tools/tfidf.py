"""The document–term matrix (``scipy.sparse``) and tf-idf: which terms distinguish each document."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from corpus_tools.frequency import Unit, as_terms

TFIDF_COLUMNS = ["doc_id", "term", "tf", "df", "idf", "tfidf", "rank"]


@dataclass(frozen=True)
class DocumentTermMatrix:
    """Term counts per document as a sparse matrix with its row and column labels.

    ``matrix`` is a ``scipy.sparse.csr_matrix`` of int64 counts, one row per ``doc_ids`` entry and
    one column per ``vocabulary`` entry. It plugs into scikit-learn (``TfidfTransformer``,
    ``LatentDirichletAllocation``) as it is, and into gensim via
    ``gensim.matutils.Sparse2Corpus(dtm.matrix, documents_columns=False)`` with
    ``dict(enumerate(dtm.vocabulary))`` as ``id2word``.
    """

    matrix: sparse.csr_matrix
    doc_ids: pd.Index
    vocabulary: pd.Index

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    def to_frame(self) -> pd.DataFrame:
        """Return the matrix as a dense DataFrame (documents × terms); for small corpora only."""
        return pd.DataFrame(self.matrix.toarray(), index=self.doc_ids, columns=self.vocabulary)


def dtm(tokens: pd.DataFrame, *, unit: Unit = "lemma", docs: pd.DataFrame | None = None, min_docfreq: int = 1) -> DocumentTermMatrix:
    """Build the document–term matrix of counts.

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize` (punctuation and stop words left out) or
        a terms table of :func:`corpus_tools.terms`.
    unit
        What is counted when ``tokens`` is a token table.
    docs
        If given, rows follow ``docs.doc_id`` and include documents without terms (all-zero rows);
        otherwise rows follow the first appearance of each document in ``tokens``.
    min_docfreq
        Keep terms that occur in at least this many documents.

    Returns
    -------
    DocumentTermMatrix
        ``matrix`` (CSR, int64), ``doc_ids`` and ``vocabulary`` (sorted alphabetically).

    Raises
    ------
    TypeError
        ``tokens`` is not a DataFrame.
    ValueError
        A token column is missing, ``min_docfreq`` < 1, or a term's document is not in ``docs``.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["мир", "мир", "война"]})
    >>> m = dtm(toks)
    >>> m.to_frame()
        война  мир
    a      0    2
    b      1    0
    """
    if min_docfreq < 1:
        raise ValueError(f"min_docfreq = {min_docfreq} is invalid; value must be >= 1")
    table = as_terms(tokens, unit=unit)
    if docs is not None:
        unknown = ~table["doc_id"].isin(docs["doc_id"])
        if unknown.any():
            raise ValueError(f"{int(unknown.sum())} term(s) belong to documents missing from docs, e.g. {table.loc[unknown, 'doc_id'].iloc[0]!r}")
        doc_ids = pd.Index(docs["doc_id"].drop_duplicates())
    else:
        doc_ids = pd.Index(pd.unique(table["doc_id"]))
    vocabulary = pd.Index(np.sort(pd.unique(table["term"].astype(str))))
    rows = doc_ids.get_indexer(table["doc_id"])
    cols = vocabulary.get_indexer(table["term"].astype(str))
    matrix = sparse.csr_matrix((np.ones(len(table), dtype=np.int64), (rows, cols)), shape=(len(doc_ids), len(vocabulary)))
    matrix.sum_duplicates()
    if min_docfreq > 1:
        keep = np.flatnonzero(np.asarray((matrix > 0).sum(axis=0)).ravel() >= min_docfreq)
        matrix, vocabulary = matrix[:, keep], vocabulary[keep]
    return DocumentTermMatrix(matrix.tocsr(), doc_ids, vocabulary)


def tfidf(
    tokens: pd.DataFrame,
    *,
    unit: Unit = "lemma",
    top: int | None = 10,
    docs: pd.DataFrame | None = None,
    smooth: bool = True,
    sublinear: bool = False,
) -> pd.DataFrame:
    """Score each document's terms by tf-idf and return the most distinctive ones per document.

    With *N* documents and a term occurring ``df`` documents, ``idf = ln((1 + N) / (1 + df)) + 1``
    when ``smooth`` (as in scikit-learn's ``TfidfTransformer``), else ``ln(N / df) + 1``; ``tf`` is
    the raw count, or ``1 + ln(count)`` when ``sublinear`` (Manning, Raghavan & Schütze 2008,
    *Introduction to Information Retrieval*, ch. 6). ``tfidf = tf · idf``, not normalised: the
    ranking within a document is the same with or without L2 normalisation.

    Parameters
    ----------
    tokens, unit, docs
        As for :func:`dtm`.
    top
        How many terms to keep per document (None: all).
    smooth, sublinear
        The idf and tf variants above.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, term, tf, df, idf, tfidf, rank``, documents in matrix order, within a document
        by ``tfidf`` descending then term; ``rank`` counts from 1.

    Raises
    ------
    TypeError, ValueError
        As :func:`dtm`; also ``top`` < 1.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "term": ["мир", "мир", "сша", "сша"]})
    >>> tfidf(toks, top=1)[["doc_id", "term", "tf", "df", "rank"]]
      doc_id term  tf  df  rank
    0      a  мир   2   1     1
    1      b  сша   1   2     1
    """
    if top is not None and top < 1:
        raise ValueError(f"top = {top} is invalid; value must be >= 1 or None")
    m = dtm(tokens, unit=unit, docs=docs)
    counts = m.matrix.tocoo()
    n_docs = m.shape[0]
    df = np.asarray((m.matrix > 0).sum(axis=0)).ravel()
    idf = np.log((1 + n_docs) / (1 + df)) + 1 if smooth else np.log(n_docs / np.maximum(df, 1)) + 1
    tf = counts.data.astype(float)
    weight = (1 + np.log(tf)) if sublinear else tf
    table = pd.DataFrame(
        {
            "doc_order": counts.row,
            "doc_id": m.doc_ids.to_numpy()[counts.row],
            "term": m.vocabulary.to_numpy()[counts.col],
            "tf": counts.data.astype("int64"),
            "df": df[counts.col].astype("int64"),
            "idf": idf[counts.col],
            "tfidf": weight * idf[counts.col],
        }
    )
    table = table.sort_values(["doc_order", "tfidf", "term"], ascending=[True, False, True], kind="mergesort")
    table["rank"] = table.groupby("doc_order").cumcount() + 1
    if top is not None:
        table = table[table["rank"] <= top]
    return table[TFIDF_COLUMNS].reset_index(drop=True)
