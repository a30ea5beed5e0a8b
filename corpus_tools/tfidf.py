"""The document–term matrix (``scipy.sparse``) and tf-idf: which terms distinguish each document.

For scikit-learn, :func:`analyzer` is a callable for
``CountVectorizer(analyzer=...)`` that turns a text into this package's terms (lemmas without
punctuation, stop words and links), and a :class:`DocumentTermMatrix` can ``transform`` new
documents over its fixed vocabulary and names its columns with ``get_feature_names_out``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from corpus_tools.frequency import DEFAULT_EXCLUDE, Unit, as_terms

TFIDF_COLUMNS = ["doc_id", "term", "tf", "df", "idf", "tfidf", "rank"]


@dataclass(frozen=True)
class DocumentTermMatrix:
    """Term counts per document as a sparse matrix with its row and column labels.

    ``matrix`` is a ``scipy.sparse.csr_matrix`` of int64 counts, one row per ``doc_ids`` entry and
    one column per ``vocabulary`` entry. It plugs into scikit-learn (``TfidfTransformer``,
    ``LatentDirichletAllocation``) as it is, and into gensim via
    ``gensim.matutils.Sparse2Corpus(dtm.matrix, documents_columns=False)`` with
    ``dict(enumerate(dtm.vocabulary))`` as ``id2word``.

    Like a fitted ``CountVectorizer``, it names its columns (:meth:`get_feature_names_out`) and
    counts new documents over the same columns (:meth:`transform`); ``unit`` is what its columns
    count.
    """

    matrix: sparse.csr_matrix
    doc_ids: pd.Index
    vocabulary: pd.Index
    unit: Unit = "lemma"

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        """The column labels (terms) as an array of str, as scikit-learn's vectorizers return them."""
        return np.asarray(self.vocabulary.astype(str), dtype=object)

    def transform(self, tokens: pd.DataFrame | Sequence[str], *, docs: pd.DataFrame | None = None) -> sparse.csr_matrix:
        """Count the terms of new documents over this matrix's vocabulary; return the CSR matrix.

        ``tokens`` is a token or terms table, or a list of texts (tokenized first with
        :func:`corpus_tools.tokenize`; rows then follow the list). Terms outside the vocabulary
        are not counted; the columns are those of :meth:`get_feature_names_out`. Rows follow
        ``docs`` when given, else the documents' first appearance (see :func:`dtm`, whose
        ``vocabulary=`` option gives the labelled :class:`DocumentTermMatrix` instead).

        Examples
        --------
        >>> m = dtm(pd.DataFrame({"doc_id": ["a", "b"], "term": ["мир", "война"]}))
        >>> m.transform(pd.DataFrame({"doc_id": ["x", "x", "x"], "term": ["мир", "мир", "сша"]})).toarray()
        array([[0, 2]])
        """
        if _is_texts(tokens):
            tokens, n = _tokenize_texts(tokens)
            docs = pd.DataFrame({"doc_id": np.arange(n, dtype=np.int64)}) if docs is None else docs
        return dtm(tokens, unit=self.unit, docs=docs, vocabulary=self.vocabulary).matrix

    def to_frame(self) -> pd.DataFrame:
        """Return the matrix as a dense DataFrame (documents × terms); for small corpora only."""
        return pd.DataFrame(self.matrix.toarray(), index=self.doc_ids, columns=self.vocabulary)


def dtm(
    tokens: pd.DataFrame,
    *,
    unit: Unit = "lemma",
    docs: pd.DataFrame | None = None,
    min_docfreq: int = 1,
    vocabulary: Iterable[str] | None = None,
) -> DocumentTermMatrix:
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
    vocabulary
        Fixed columns, in this order (e.g. ``other.vocabulary`` of a matrix built before, to count
        new documents the same way); terms outside it are not counted. Default: every term, sorted.

    Returns
    -------
    DocumentTermMatrix
        ``matrix`` (CSR, int64), ``doc_ids``, ``vocabulary`` (sorted alphabetically unless given)
        and ``unit``.

    Raises
    ------
    TypeError
        ``tokens`` is not a DataFrame.
    ValueError
        A token column is missing, ``min_docfreq`` < 1 or given with ``vocabulary``, a repeated
        term in ``vocabulary``, or a term's document is not in ``docs``.

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
    fixed = None
    if vocabulary is not None:
        if min_docfreq > 1:
            raise ValueError("min_docfreq and vocabulary cannot be combined: a fixed vocabulary keeps its columns; filter it first")
        fixed = pd.Index([str(term) for term in vocabulary])
        if fixed.has_duplicates:
            raise ValueError(f"vocabulary repeats terms, e.g. {fixed[fixed.duplicated()][0]!r}; each column needs its own term")
    table = as_terms(tokens, unit=unit)
    if docs is not None:
        unknown = ~table["doc_id"].isin(docs["doc_id"])
        if unknown.any():
            raise ValueError(f"{int(unknown.sum())} term(s) belong to documents missing from docs, e.g. {table.loc[unknown, 'doc_id'].iloc[0]!r}")
        doc_ids = pd.Index(docs["doc_id"].drop_duplicates())
    else:
        doc_ids = pd.Index(pd.unique(table["doc_id"]))
    terms = table["term"].astype(str)
    vocabulary = pd.Index(np.sort(pd.unique(terms))) if fixed is None else fixed
    rows = doc_ids.get_indexer(table["doc_id"])
    cols = vocabulary.get_indexer(terms)
    known = cols >= 0  # always, unless the vocabulary is fixed
    matrix = sparse.csr_matrix((np.ones(int(known.sum()), dtype=np.int64), (rows[known], cols[known])), shape=(len(doc_ids), len(vocabulary)))
    matrix.sum_duplicates()
    if min_docfreq > 1:
        keep = np.flatnonzero(np.asarray((matrix > 0).sum(axis=0)).ravel() >= min_docfreq)
        matrix, vocabulary = matrix[:, keep], vocabulary[keep]
    return DocumentTermMatrix(matrix.tocsr(), doc_ids, vocabulary, unit)


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

    Notes
    -----
    For scikit-learn, :func:`analyzer` is a callable for
    ``CountVectorizer(analyzer=...)`` that turns a text into this package's terms (lemmas without
    punctuation, stop words and links), and a :class:`DocumentTermMatrix` can ``transform`` new
    documents over its fixed vocabulary and names its columns with ``get_feature_names_out``.

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


def _is_texts(value) -> bool:
    return not isinstance(value, (pd.DataFrame, str)) and isinstance(value, (Sequence, pd.Series))


def _tokenize_texts(texts: Sequence[str], **options) -> tuple[pd.DataFrame, int]:
    """The token table of a list of texts (doc_id = position) and the number of texts."""
    from corpus_tools.tokens import tokenize

    texts = list(texts)
    return tokenize(texts, **options), len(texts)


class Analyzer:
    """A callable ``analyzer(text) -> list of terms`` for scikit-learn vectorizers (see :func:`analyzer`).

    Terms of texts given to :meth:`prepare` are looked up in a cache filled by one batched
    :func:`corpus_tools.tokenize` call; any other text is tokenized on its own when it is met
    (the same terms, about 25 times slower per text: benchmarks/sklearn_analyzer.py). The cache
    is not pickled.
    """

    def __init__(self, *, unit: Unit, exclude: Collection[str], pos: Collection[str] | None, yo: str, lemmatizer: Callable | None, n_jobs: int):
        from corpus_tools.frequency import _check

        _check(unit, tuple(exclude))
        self.unit, self.exclude, self.pos, self.yo = unit, tuple(exclude), None if pos is None else frozenset(pos), yo
        self.lemmatizer, self.n_jobs = lemmatizer, n_jobs
        self.cache: dict[str, list[str]] = {}

    def prepare(self, texts: Iterable[str]) -> Analyzer:
        """Analyse ``texts`` in one batch (``n_jobs`` workers) and cache their terms; return self."""
        new = list(dict.fromkeys(t for t in texts if isinstance(t, str) and t not in self.cache))
        if new:
            self.cache.update(zip(new, self._analyse(new, n_jobs=self.n_jobs)))
        return self

    def clear(self) -> None:
        """Forget the cached terms."""
        self.cache.clear()

    def __call__(self, text: str) -> list[str]:
        if not isinstance(text, str):
            raise TypeError(f"the analyzer takes one text (str), not {type(text).__name__}")
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = self._analyse([text], n_jobs=1)[0]
        return list(found)

    def _analyse(self, texts: list[str], *, n_jobs: int) -> list[list[str]]:
        tokens, _ = _tokenize_texts(texts, yo=self.yo, lemmatizer=self.lemmatizer, n_jobs=n_jobs)
        table = as_terms(tokens, unit=self.unit, exclude=self.exclude, pos=self.pos)
        rows = table["doc_id"].to_numpy(dtype=np.int64)  # positions in texts, in order
        terms = table["term"].astype(str).tolist()
        bounds = np.searchsorted(rows, np.arange(len(texts) + 1))
        return [terms[a:b] for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist())]

    def __getstate__(self) -> dict:
        return {**self.__dict__, "cache": {}}

    def __repr__(self) -> str:
        return f"Analyzer(unit={self.unit!r}, exclude={self.exclude!r}, pos={self.pos!r}, yo={self.yo!r}, cached={len(self.cache)})"


def analyzer(
    texts: Iterable[str] | None = None,
    *,
    unit: Unit = "lemma",
    exclude: Collection[str] = DEFAULT_EXCLUDE,
    pos: Collection[str] | None = None,
    yo: str = "fold",
    lemmatizer: Callable | None = None,
    n_jobs: int = 1,
) -> Analyzer:
    """Return a callable for ``sklearn.feature_extraction.text.CountVectorizer(analyzer=...)``.

    The callable maps one text to its terms as :func:`corpus_tools.terms` counts them (by default
    lemmas without punctuation, stop words and links), so ``CountVectorizer`` and
    ``TfidfVectorizer`` count what :func:`dtm` and :func:`tfidf` count. Tokenizing texts one at a
    time is slow; pass the texts here (or later to ``.prepare(texts)``) and they are analysed in
    one batch, after which each call is a dictionary look-up.

    Parameters
    ----------
    texts
        Texts to analyse now, in one batch (the documents the vectorizer will see).
    unit, exclude, pos
        What a term is, as for :func:`corpus_tools.terms` (``unit`` ``"lemma"``, ``"token"``,
        ``"bigram"`` or ``"trigram"``; ``exclude=("punct", "stop")`` keeps links).
    yo, lemmatizer, n_jobs
        As for :func:`corpus_tools.tokenize`; ``n_jobs`` applies to the batches.

    Returns
    -------
    Analyzer
        ``analyzer(text) -> list[str]``, with ``.prepare(texts)``, ``.clear()`` and ``.cache``.
        Picklable (without its cache), so a fitted vectorizer can be saved.

    Raises
    ------
    ValueError
        ``unit`` or ``exclude`` invalid. ``TypeError`` when called with anything but a str.

    Examples
    --------
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> texts = ["Путин встретил Токаева в Москве.", "Токаев прилетел в Москву https://t.me/x"]
    >>> vectorizer = CountVectorizer(analyzer=analyzer(texts))
    >>> vectorizer.fit_transform(texts).toarray()
    array([[1, 1, 0, 1, 1],
           [0, 1, 1, 0, 1]])
    >>> vectorizer.get_feature_names_out().tolist()
    ['встретить', 'москва', 'прилететь', 'путин', 'токаев']
    """
    made = Analyzer(unit=unit, exclude=exclude, pos=pos, yo=yo, lemmatizer=lemmatizer, n_jobs=n_jobs)
    return made.prepare(texts) if texts is not None else made
