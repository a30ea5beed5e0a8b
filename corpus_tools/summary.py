"""Corpus overview tables: documents, sentences and tokens per group, and joining document metadata."""

from __future__ import annotations

import numpy as np
import pandas as pd

SUMMARY_COLUMNS = ["group", "documents", "sentences", "tokens", "words", "content_words", "title_words"]


def attach(tokens: pd.DataFrame, column: str, docs: pd.DataFrame | None) -> pd.DataFrame:
    """Return ``tokens`` with the document column ``column`` (e.g. ``source``) added via ``doc_id``.

    ``tokens`` is returned unchanged when it already has the column. Raises a ValueError naming
    the column when neither table has it, and when some token's document is not in ``docs``.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["a", "b"], "lemma": ["мир", "война"]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["ТАСС", "РИА"]})
    >>> attach(toks, "source", docs).source.tolist()
    ['ТАСС', 'РИА']
    """
    if column in tokens.columns:
        return tokens
    if docs is None or column not in docs.columns:
        raise ValueError(f"column {column!r} is in neither the token table nor docs; pass docs=<the read_corpus table>")
    mapping = docs.drop_duplicates("doc_id").set_index("doc_id")[column]
    doc_ids = tokens["doc_id"]
    # look up each run of tokens of one document once (a token table has one run per document)
    array = doc_ids.array
    if len(array):
        change = np.ones(len(array), dtype=bool)
        change[1:] = np.asarray(array[1:] != array[:-1], dtype=bool) | np.asarray(doc_ids.isna().to_numpy()[1:])
        starts = np.flatnonzero(change)
    else:
        starts = np.zeros(0, dtype=np.int64)
    found = mapping.index.get_indexer(doc_ids.take(starts))
    lengths = np.diff(np.r_[starts, len(array)])
    if (found < 0).any():
        n_missing = int(lengths[found < 0].sum())
        example = doc_ids.iloc[starts[np.flatnonzero(found < 0)[0]]]
        raise ValueError(f"{n_missing} token(s) belong to documents missing from docs, e.g. {example!r}")
    values = pd.Series(mapping.array.take(np.repeat(found, lengths)), index=tokens.index, name=column)
    return tokens.assign(**{column: values})


def corpus_summary(docs: pd.DataFrame, tokens: pd.DataFrame, *, by: str | None = "source") -> pd.DataFrame:
    """Count documents, sentences and tokens per group.

    Parameters
    ----------
    docs
        The documents table of :func:`corpus_tools.read_corpus`.
    tokens
        The token table of :func:`corpus_tools.tokenize` for those documents.
    by
        A document column to group by; None gives one row for the whole corpus (group ``"all"``).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``documents`` (including documents without tokens), ``sentences``, ``tokens``
        (all, punctuation included), ``words`` (tokens that are not punctuation),
        ``content_words`` (words that are not stop words) and ``title_words`` (words in titles),
        sorted by documents descending then group, with a last row ``"total"`` when ``by`` is set.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["ТАСС", "ТАСС"]})
    >>> toks = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 0], "is_punct": [False, True],
    ...                      "is_stop": [False, False], "in_title": [False, False]})
    >>> corpus_summary(docs, toks)
      group  documents  sentences  tokens  words  content_words  title_words
    0  ТАСС          2          1       2      1              1            0
    1 total          2          1       2      1              1            0
    """
    doc_groups = docs[by].astype(str) if by else pd.Series("all", index=docs.index)
    per_doc = pd.DataFrame({"doc_id": docs["doc_id"].to_numpy(), "group": doc_groups.to_numpy()})
    words = ~tokens["is_punct"].astype(bool)
    flags = pd.DataFrame(
        {
            "doc_id": tokens["doc_id"].to_numpy(),
            "sent_id": tokens["sent_id"].to_numpy(),
            "word": words.to_numpy(),
            "content": (words & ~tokens["is_stop"].astype(bool)).to_numpy(),
            "title": (words & tokens["in_title"].astype(bool)).to_numpy(),
        }
    )
    # per document first (sentence ids are per document), then per group
    stats = flags.groupby("doc_id", sort=False, observed=True).agg(
        sentences=("sent_id", "nunique"), tokens=("sent_id", "size"), words=("word", "sum"),
        content_words=("content", "sum"), title_words=("title", "sum"),
    )
    per_doc = per_doc.join(stats, on="doc_id").fillna(0)
    table = per_doc.groupby("group").agg(documents=("doc_id", "size"), **{c: (c, "sum") for c in stats.columns})
    table = table.astype("int64").reset_index()
    table = table.sort_values(["documents", "group"], ascending=[False, True], kind="mergesort")
    if by:
        total = table.drop(columns="group").sum().to_frame().T.assign(group="total")
        table = pd.concat([table, total], ignore_index=True)
    return table[SUMMARY_COLUMNS].reset_index(drop=True)


def documents_per_group(table: pd.DataFrame, by: str, docs: pd.DataFrame | None = None) -> pd.Series:
    """The number of documents of each group (labels as strings), indexed by group.

    Counted in ``docs`` when it has the column ``by`` (documents without tokens count too), else
    in ``table`` (a token, terms or documents table with ``doc_id`` and ``by``); documents whose
    group is missing are not counted.

    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["ТАСС", "РИА", "ТАСС"]})
    >>> documents_per_group(docs, "source").to_dict()
    {'ТАСС': 2, 'РИА': 1}
    """
    source = docs if docs is not None and by in docs.columns else table
    if by not in source.columns or "doc_id" not in source.columns:
        raise ValueError(f"column {by!r} or 'doc_id' is missing; pass docs=<the read_corpus table> with a {by!r} column")
    pairs = source[["doc_id", by]].dropna().drop_duplicates()
    counts = pairs[by].astype(str).value_counts(sort=False)
    counts = counts.rename_axis("group").rename("documents").astype("int64")
    return counts.iloc[np.lexsort((counts.index.to_numpy(dtype=object), -counts.to_numpy()))]


# a group needs this many documents before a claim about it (its key terms, its evaluations) is
# more than a claim about its few articles: see too_small
MIN_GROUP_DOCS = 5


def too_small(docs: pd.DataFrame, *, by: str = "source", min_docs: int = MIN_GROUP_DOCS) -> pd.DataFrame:
    """The groups with too few documents for a claim about the group, largest first.

    Keyness and evaluations test a term only when it occurs in at least two documents of the
    group (their ``min_docs`` floor), so a group of one document has no key terms at all, and
    a group of two to four documents can only repeat what one or two stories said. The notebooks
    list these groups next to per-group results instead of describing an outlet's "style" from
    a handful of articles.

    Parameters
    ----------
    docs
        The documents table of :func:`corpus_tools.read_corpus` (or a token table) with
        ``doc_id`` and the ``by`` column.
    by
        The grouping column.
    min_docs
        A group with fewer documents than this is listed (default 5: with five or more, a term
        repeated across two of them is a recurring choice rather than one story's vocabulary;
        a rule of thumb, raise it for claims about change over time). 0 or 1 lists nothing.

    Returns
    -------
    pandas.DataFrame
        ``group, documents, min_docs``: one row per group below the threshold, sorted by
        documents descending, then group name. Empty when every group is large enough.

    Raises
    ------
    ValueError
        ``min_docs`` is not an int >= 0, or ``by``/``doc_id`` is missing (named).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": list("abcdefg"), "source": ["ТАСС"] * 5 + ["РИА", "Фокус"]})
    >>> too_small(docs)
       group  documents  min_docs
    0    РИА          1         5
    1  Фокус          1         5
    """
    if isinstance(min_docs, bool) or not isinstance(min_docs, (int, np.integer)) or min_docs < 0:
        raise ValueError(f"min_docs = {min_docs!r} is invalid; value must be an int >= 0")
    sizes = documents_per_group(docs, by)
    small = sizes[sizes < min_docs]
    return pd.DataFrame({"group": small.index.to_numpy(dtype=object), "documents": small.to_numpy(), "min_docs": int(min_docs)}).astype({"group": "str"})
