"""Keyness: which terms set one group (an outlet) apart from another or from all the rest.

For each term the comparison is the 2×2 contingency table

=================  ===========  ==============
                   target       reference
=================  ===========  ==============
the term           a            b
all other terms    C − a        D − b
=================  ===========  ==============

where C and D are the numbers of counted terms in target and reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import logging

import numpy as np
import pandas as pd
from scipy import special

from corpus_tools.frequency import Unit, as_terms
from corpus_tools.summary import attach

log = logging.getLogger(__name__)

KEYNESS_COLUMNS = ["group", "term", "n_target", "n_reference", "g2", "p", "p_adj", "log_ratio", "pct_diff"]
ZERO_CORRECTION = 0.5


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (step-up false discovery rate), in input order.

    Benjamini, Y. & Hochberg, Y. (1995), "Controlling the false discovery rate", *JRSS B* 57(1).
    :math:`p_{adj,(i)} = \\min_{j \\ge i} \\min(1, m\\,p_{(j)}/j)` for the sorted p-values.

    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.2])).round(4).tolist()
    [0.04, 0.0533, 0.0533, 0.2]
    """
    p = np.asarray(p, dtype=float)
    m = len(p)
    if m == 0:
        return p.copy()
    order = np.argsort(p, kind="mergesort")
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def contingency_statistics(a, b, c, d, *, chi2: bool = False) -> dict[str, np.ndarray]:
    """Keyness statistics for vectors of term counts ``a``, ``b`` in corpora of sizes ``c``, ``d``.

    Returns ``g2`` (Dunning 1993, "Accurate methods for the statistics of surprise and
    coincidence", *Computational Linguistics* 19(1): :math:`G^2 = 2\\sum O \\ln(O/E)` over all four
    cells of the 2×2 table, :math:`E` from the margins), ``p`` (its χ² upper tail, 1 degree of
    freedom), ``log_ratio`` (Hardie 2014, "Log Ratio — an informal introduction", CASS:
    :math:`\\log_2\\frac{a/C}{b/D}`, with a zero count replaced by 0.5 before dividing, so the value
    stays finite), ``pct_diff`` (Gabrielatos & Marchi 2012: :math:`100\\,(a/C - b/D)/(b/D)`;
    +inf when ``b`` is 0) and, when asked, ``chi2`` (Pearson's χ² without continuity correction).

    >>> s = contingency_statistics(np.array([10]), np.array([5]), 1000, 2000)
    >>> round(float(s["g2"][0]), 4), float(s["log_ratio"][0]), float(s["pct_diff"][0])
    (6.9692, 2.0, 300.0)
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    c, d = np.broadcast_to(np.asarray(c, dtype=float), a.shape), np.broadcast_to(np.asarray(d, dtype=float), a.shape)
    observed = np.stack([a, b, c - a, d - b])
    total = c + d
    rows = np.stack([a + b, a + b, total - a - b, total - a - b])
    cols = np.stack([c, d, c, d])
    expected = rows * cols / total
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * (special.xlogy(observed, observed) - special.xlogy(observed, expected)).sum(axis=0)
        g2 = np.clip(g2, 0, None)  # rounding can make an exact zero slightly negative
        target_rel = np.where(a > 0, a, ZERO_CORRECTION) / c
        reference_rel = np.where(b > 0, b, ZERO_CORRECTION) / d
        log_ratio = np.log2(target_rel / reference_rel)
        pct_diff = np.where(b > 0, 100 * (a / c - b / d) / (b / d), np.inf)
    # the χ² survival function of scipy.stats.chi2.sf, without importing scipy.stats (slow to load);
    # g2 is never negative, where the two would differ
    out = {"g2": g2, "p": special.chdtrc(1, g2), "log_ratio": log_ratio, "pct_diff": pct_diff}
    if chi2:
        with np.errstate(divide="ignore", invalid="ignore"):
            out["chi2"] = np.nan_to_num(((observed - expected) ** 2 / expected).sum(axis=0))
    return out


def _empty(chi2: bool) -> pd.DataFrame:
    columns = KEYNESS_COLUMNS + (["chi2"] if chi2 else [])
    dtypes = {"group": "str", "term": "str", "n_target": "int64", "n_reference": "int64"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "float64")) for c in columns})


def _compare(counts: pd.DataFrame, target: str, reference: list[str], negative: bool, chi2: bool) -> pd.DataFrame:
    t = counts[target]
    r = counts[reference].sum(axis=1)
    table = pd.DataFrame({"n_target": t, "n_reference": r}).fillna(0).astype("int64")
    c, d = int(table["n_target"].sum()), int(table["n_reference"].sum())
    table = table[(table["n_target"] > 0) | (negative & (table["n_reference"] > 0))]
    if table.empty:
        return _empty(chi2)
    s = contingency_statistics(table["n_target"].to_numpy(), table["n_reference"].to_numpy(), c, d, chi2=chi2)
    out = table.reset_index().rename(columns={"index": "term"})
    for name, values in s.items():
        out[name] = values
    out["p_adj"] = benjamini_hochberg(out["p"].to_numpy())
    out.insert(0, "group", target)
    return out


def keyness(
    tokens: pd.DataFrame,
    *,
    by: str = "source",
    target: str | None = None,
    reference: str | Iterable[str] | None = None,
    docs: pd.DataFrame | None = None,
    unit: Unit = "lemma",
    negative: bool = False,
    chi2: bool = False,
) -> pd.DataFrame:
    """Compare term frequencies of a target group against a reference: which terms are key.

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize` (punctuation and stop words are left
        out), or a terms table of :func:`corpus_tools.terms` for other units and filters.
    by
        The grouping column, from ``tokens`` or from ``docs`` via ``doc_id``.
    target
        The group to describe. None compares every group in turn against all the others
        (one-vs-rest); the result then holds one comparison per group.
    reference
        The group or groups to compare with; None means all groups other than the target.
    docs
        The documents table, needed when ``by`` is a document column.
    unit
        What is counted when ``tokens`` is a token table (see :func:`corpus_tools.terms`).
    negative
        Also list terms absent from the target (negative keywords); by default only terms that
        occur in the target are listed (over- or under-represented).
    chi2
        Add Pearson's ``chi2`` (2×2, no continuity correction).

    Returns
    -------
    pandas.DataFrame
        One row per (comparison, term): ``group`` (the target), ``term``, ``n_target``,
        ``n_reference``, ``g2``, ``p``, ``p_adj`` (Benjamini–Hochberg across all terms of that
        comparison), ``log_ratio``, ``pct_diff`` (see :func:`contingency_statistics` for the
        formulas and the zero-frequency correction), [``chi2``]. Within each comparison, rows are
        sorted with over-represented terms (``log_ratio`` > 0) first, each part by ``g2``
        descending, then ``|log_ratio|`` descending, then term; comparisons by group name.
        ``attrs["sizes"]`` records each comparison's corpus sizes ``{group: (C, D)}``; a
        comparison where either side has no terms (a group whose documents are all stop words, a
        single group) gives no rows and a logged warning, and its sizes show why.

    Raises
    ------
    TypeError
        ``tokens`` is not a DataFrame.
    ValueError
        A token column is missing; ``by`` is in neither table or some token's document is not in
        ``docs``; ``target`` or ``reference`` is not a value of ``by`` (the message lists the groups).
        A target or reference without terms is not an error: see Returns.

    Notes
    -----
    For each term the comparison is the 2×2 contingency table

    =================  ===========  ==============
                       target       reference
    =================  ===========  ==============
    the term           a            b
    all other terms    C − a        D − b
    =================  ===========  ==============

    where C and D are the numbers of counted terms in target and reference.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["a"] * 3 + ["b"] * 3, "term": ["мир", "мир", "сша", "сша", "сша", "война"]})
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "source": ["ТАСС", "РИА"]})
    >>> keyness(toks, docs=docs, target="ТАСС")[["group", "term", "n_target", "n_reference", "log_ratio"]]
      group term  n_target  n_reference  log_ratio
    0  ТАСС  мир         2            0        2.0
    1  ТАСС  сша         1            2       -1.0
    """
    table = attach(as_terms(tokens, unit=unit), by, docs)
    counts = term_counts(table, by)
    names = set(counts.columns)
    if docs is not None and by in docs.columns:
        names |= set(docs[by].dropna().astype(str))  # groups whose documents have no terms
    return keyness_from_counts(counts, names, by=by, target=target, reference=reference, negative=negative, chi2=chi2)


def term_counts(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """The term × group table of counts of a terms table (terms as index, groups as columns).

    Counted on integer codes, so a categorical ``term`` column costs no string per row.
    """
    term_codes, terms = pd.factorize(table["term"])
    group_codes, groups = pd.factorize(table[by].astype(str) if not isinstance(table[by].dtype, pd.CategoricalDtype) else table[by])
    keep = (term_codes >= 0) & (group_codes >= 0)
    flat = np.bincount(term_codes[keep].astype(np.int64) * len(groups) + group_codes[keep], minlength=len(terms) * len(groups))
    counts = pd.DataFrame(
        flat.reshape(len(terms), len(groups)),
        index=pd.Index(np.asarray(terms.astype(str) if hasattr(terms, "astype") else terms, dtype=object), name="term"),
        columns=pd.Index(np.asarray(groups.astype(str), dtype=object), name=by),
    )
    counts = counts.T.groupby(level=0).sum().T if counts.columns.duplicated().any() else counts
    return counts.sort_index(axis=0).sort_index(axis=1)


def keyness_from_counts(
    counts: pd.DataFrame,
    names,
    *,
    by: str,
    target: str | None = None,
    reference: str | Iterable[str] | None = None,
    negative: bool = False,
    chi2: bool = False,
) -> pd.DataFrame:
    """:func:`keyness` from a term × group count table (see :func:`term_counts`); ``names`` are
    all the groups, including any without terms."""
    names = sorted(set(names) | set(counts.columns))
    if target is not None and str(target) not in names:
        raise ValueError(f"target {target!r} is not a value of {by!r}; groups: {', '.join(names[:20])}")
    refs = None
    if reference is not None:
        refs = [str(reference)] if isinstance(reference, str) else [str(r) for r in reference]
        missing = [r for r in refs if r not in names]
        if missing:
            raise ValueError(f"reference {missing} not among the values of {by!r}; groups: {', '.join(names[:20])}")
    counts = counts.reindex(columns=names, fill_value=0)
    targets = [str(target)] if target is not None else names
    parts, sizes = [], {}
    for t in targets:
        ref = [g for g in (refs or names) if g != t]
        sizes[t] = (int(counts[t].sum()), int(counts[ref].to_numpy().sum()))
        if 0 in sizes[t]:
            log.warning("keyness: no comparison for %r (target has %d terms, reference %d)", t, *sizes[t])
            continue
        parts.append(_compare(counts, t, ref, negative, chi2))
    columns = KEYNESS_COLUMNS + (["chi2"] if chi2 else [])
    parts = [p for p in parts if not p.empty]
    if not parts:
        result = _empty(chi2)
    else:
        result = pd.concat(parts, ignore_index=True)
        result["_under"] = result["log_ratio"] <= 0
        result["_effect"] = result["log_ratio"].abs()
        result = result.sort_values(
            ["group", "_under", "g2", "_effect", "term"], ascending=[True, True, False, False, True], kind="mergesort"
        )
        result = result[columns].reset_index(drop=True)
    result.attrs["sizes"] = sizes
    return result
