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
