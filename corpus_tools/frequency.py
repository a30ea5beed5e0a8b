"""Term frequency tables: how often each lemma (or word form) occurs, overall or per group."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from corpus_tools.summary import attach

FREQUENCY_COLUMNS = ["group", "term", "frequency", "per_10k", "docfreq", "rank"]


def frequency(
    tokens: pd.DataFrame,
    *,
    by: str | None = None,
    unit: Literal["lemma", "token"] = "lemma",
    docs: pd.DataFrame | None = None,
    exclude: tuple[str, ...] = ("punct", "stop"),
    min_count: int = 1,
    in_title: bool | None = None,
) -> pd.DataFrame:
    """Count terms per group and return one row per (group, term).

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize`.
    by
        A column to group by (e.g. ``"source"``), taken from ``tokens`` or, if absent there, from
        ``docs`` via ``doc_id``. None counts the whole corpus as one group named ``"all"``.
    unit
        ``"lemma"`` (default) or ``"token"`` (the word form as written, lowercased).
    docs
        The documents table of :func:`corpus_tools.read_corpus`, needed when ``by`` is a document
        column that ``tokens`` lacks.
    exclude
        Which tokens not to count: ``"punct"`` (punctuation and symbols) and/or ``"stop"`` (stop
        words, see :mod:`corpus_tools.stopwords`).
    min_count
        Drop terms whose frequency in the group is below this.
    in_title
        True counts only title tokens, False only body tokens, None both.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``term``, ``frequency`` (count in the group), ``per_10k`` (count per 10,000
        counted tokens of the group, so it sums to 10,000 per group before ``min_count``),
        ``docfreq`` (documents of the group containing the term) and ``rank`` (1 = most frequent;
        ties share the lowest rank). Sorted by group, frequency descending, then term.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "b"], "lemma": ["мир", "мир", "война"],
    ...                      "token": ["Мир", "мира", "война"], "is_punct": False, "is_stop": False})
    >>> frequency(toks)[["term", "frequency", "per_10k", "docfreq", "rank"]]
        term  frequency      per_10k  docfreq  rank
    0    мир          2  6666.666667        1     1
    1  война          1  3333.333333        1     2
    """
    if min_count < 1:
        raise ValueError(f"min_count = {min_count} is invalid; value must be >= 1")
    if unit not in ("lemma", "token"):
        raise ValueError(f"unit={unit!r} is invalid; use 'lemma' or 'token'")
    unknown = set(exclude) - {"punct", "stop"}
    if unknown:
        raise ValueError(f"exclude={exclude!r} has unknown entries {sorted(unknown)}; use 'punct' and/or 'stop'")
    table = attach(tokens, by, docs) if by else tokens
    keep = pd.Series(True, index=table.index)
    if "punct" in exclude:
        keep &= ~table["is_punct"].astype(bool)
    if "stop" in exclude:
        keep &= ~table["is_stop"].astype(bool)
    if in_title is not None:
        keep &= table["in_title"].astype(bool) == in_title
    table = table.loc[keep]
    terms = table[unit].astype(str)
    if unit == "token":
        terms = terms.str.lower()
    groups = table[by].astype(str) if by else pd.Series("all", index=table.index)
    frame = pd.DataFrame({"group": groups.to_numpy(), "term": terms.to_numpy(), "doc_id": table["doc_id"].to_numpy()})
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("frequency", "docfreq", "rank") else ("float64" if c == "per_10k" else object)) for c in FREQUENCY_COLUMNS})
    counts = frame.groupby(["group", "term"], sort=False).agg(frequency=("doc_id", "size"), docfreq=("doc_id", "nunique")).reset_index()
    totals = counts.groupby("group")["frequency"].transform("sum")
    counts["per_10k"] = counts["frequency"] / totals * 10_000
    counts = counts[counts["frequency"] >= min_count]
    counts = counts.sort_values(["group", "frequency", "term"], ascending=[True, False, True], kind="mergesort")
    counts["rank"] = counts.groupby("group")["frequency"].rank(method="min", ascending=False).astype("int64")
    counts = counts.astype({"frequency": "int64", "docfreq": "int64"})
    return counts[FREQUENCY_COLUMNS].reset_index(drop=True)
