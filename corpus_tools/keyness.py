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

import logging
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse, special

from corpus_tools.frequency import Unit, as_terms
from corpus_tools.summary import attach

log = logging.getLogger(__name__)

KEYNESS_COLUMNS = ["group", "term", "n_target", "n_reference", "g2", "p", "p_adj", "log_ratio", "pct_diff"]
ZERO_CORRECTION = 0.5
# evidence floors of keyness (see its docstring): occurrences and documents in the target
MIN_COUNT = 3
MIN_DOCS = 2


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


@dataclass(frozen=True)
class TermGroupCounts:
    """Term × group counts, sparse: what keyness needs to compare any group with any others.

    ``counts[i, j]`` is how often ``terms[i]`` occurs in group ``groups[j]``; ``docfreq[i, j]``
    (optional: only the document floor needs it) in how many documents of that group it occurs.
    Both are ``scipy.sparse.csr_matrix`` of shape ``(len(terms), len(groups))``; ``terms`` and
    ``groups`` are sorted string arrays without repeats.
    """

    counts: sparse.csr_matrix
    terms: np.ndarray
    groups: np.ndarray
    docfreq: sparse.csr_matrix | None = None

    def __post_init__(self):
        for name in ("terms", "groups"):
            labels = getattr(self, name)
            if len(labels) > 1 and not (labels[1:] > labels[:-1]).all():
                raise ValueError(f"TermGroupCounts.{name} must be sorted strings without repeats (see count_terms)")
        shape = (len(self.terms), len(self.groups))
        for name in ("counts", "docfreq"):
            matrix = getattr(self, name)
            if matrix is not None and matrix.shape != shape:
                raise ValueError(f"TermGroupCounts.{name} has shape {matrix.shape}; expected (terms, groups) = {shape}")

    @classmethod
    def from_frame(cls, counts: pd.DataFrame, docfreq: pd.DataFrame | None = None) -> TermGroupCounts:
        """From a term × group table of counts (terms as index, groups as columns; dense or sparse
        columns) and, optionally, the same layout of document frequencies."""
        def matrix(frame: pd.DataFrame) -> sparse.csr_matrix:
            frame = frame.reindex(index=terms, columns=groups, fill_value=0)
            if len(frame.columns) and all(isinstance(t, pd.SparseDtype) for t in frame.dtypes):
                return frame.sparse.to_coo().tocsr().astype(np.int64)
            return sparse.csr_matrix(frame.to_numpy(dtype=np.int64).reshape(len(terms), len(groups)))

        terms = np.asarray(sorted(str(t) for t in counts.index), dtype=object)
        groups = np.asarray(sorted(str(g) for g in counts.columns), dtype=object)
        counts = counts.set_axis([str(t) for t in counts.index], axis=0).set_axis([str(g) for g in counts.columns], axis=1)
        if docfreq is not None:
            docfreq = docfreq.set_axis([str(t) for t in docfreq.index], axis=0).set_axis([str(g) for g in docfreq.columns], axis=1)
        return cls(matrix(counts), terms, groups, None if docfreq is None else matrix(docfreq))


def _sorted_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of ``values`` (-1 for missing) into their sorted distinct string labels."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, labels = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, labels = pd.factorize(values)
    labels = np.asarray([str(v) for v in labels], dtype=object)
    # two labels may print alike (a category 1 and "1"): they become one group, as strings would
    distinct, inverse = np.unique(labels, return_inverse=True)
    codes = np.asarray(codes, dtype=np.int64)
    return np.where(codes >= 0, inverse.reshape(-1)[np.maximum(codes, 0)] if len(labels) else -1, -1), distinct


def count_terms(table: pd.DataFrame, by: str, *, docfreq: bool = False) -> TermGroupCounts:
    """The sparse term × group counts of a terms table with a ``by`` column (and, with
    ``docfreq=True``, the number of documents of each group containing each term)."""
    term_codes, terms = _sorted_codes(table["term"])
    group_codes, groups = _sorted_codes(table[by])
    keep = (term_codes >= 0) & (group_codes >= 0)
    term_codes, group_codes = term_codes[keep], group_codes[keep]
    shape = (len(terms), len(groups))
    ones = np.ones(len(term_codes), dtype=np.int64)
    counts = sparse.csr_matrix((ones, (term_codes, group_codes)), shape=shape)  # duplicates are summed
    frequencies = None
    if docfreq:
        if "doc_id" not in table.columns:
            raise ValueError("min_docs > 1 needs the documents of the terms: the table has no doc_id column (pass min_docs=1)")
        doc_codes = np.asarray(pd.factorize(table["doc_id"])[0], dtype=np.int64)[keep]
        n_docs = int(doc_codes.max()) + 1 if len(doc_codes) else 1
        cell = term_codes * len(groups) + group_codes
        if len(cell) and int(cell.max()) < np.iinfo(np.int64).max // n_docs:
            # one key per (term, group, document); sorting then dropping repeats is several
            # times faster than np.unique's hash table on millions of keys
            keys = np.sort(cell * n_docs + doc_codes)
            seen = keys[np.r_[True, keys[1:] != keys[:-1]]] // n_docs
        else:
            seen = pd.DataFrame({"cell": cell, "doc": doc_codes}).drop_duplicates()["cell"].to_numpy()
        frequencies = sparse.csr_matrix((np.ones(len(seen), dtype=np.int64), (seen // max(len(groups), 1), seen % max(len(groups), 1))), shape=shape)
    return TermGroupCounts(counts, terms, groups, frequencies)


def _grouped_benjamini_hochberg(p: np.ndarray, group: np.ndarray) -> np.ndarray:
    """:func:`benjamini_hochberg` within each value of ``group``, in one pass."""
    out = np.empty(len(p))
    if not len(p):
        return out
    order = np.lexsort((p, group))  # stable: equal p keep their input order, as mergesort would
    g, sorted_p = group[order], p[order]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    sizes = np.diff(np.r_[starts, len(g)])
    m = np.repeat(sizes, sizes)
    rank = np.arange(1, len(g) + 1) - np.repeat(starts, sizes)
    scaled = sorted_p * m / rank
    # the running minimum from each comparison's largest p down, never across comparisons
    backwards = pd.Series(scaled[::-1]).groupby(g[::-1], sort=False).cummin().to_numpy()[::-1]
    out[order] = np.minimum(backwards, 1.0)
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
    min_count: int = MIN_COUNT,
    min_docs: int = MIN_DOCS,
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
    min_count
        Evidence floor: a term is tested only if it occurs at least this often in the target
        (default 3). A term seen once or twice in a group can pass p_adj < 0.05 when it is absent
        elsewhere (G² of one occurrence absent from the reference is about 2 ln(N/C), N = C + D:
        13.8, p = 0.0002, for C = 1,000 against D = 1,000,000), yet
        such a count says nothing about the group: on the 2,000-document ru_news_mix sample 49 %
        of the "significant" key terms of the unfloored test (by source) rest on one occurrence
        and 64 % on one document (``benchmarks/evidence_floors.py``). Rayson,
        Berridge & Francis (2004, "Extending the Cochran rule for the comparison of word
        frequencies between corpora", *JADT*) find log-likelihood unreliable for such tiny
        observed counts. 0 or 1 turns the floor off.
    min_docs
        Evidence floor: a term is tested only if it also occurs in at least this many documents
        of the target (default 2), so that a key term is something the group repeats, not one article's topic (text
        dispersion in keyness: Egbert & Biber 2019, "Incorporating text dispersion into keyword
        analyses", *Corpora* 14(1)). A group of a single document then has no key terms (see
        :func:`corpus_tools.too_small`). 0 or 1 turns the floor off. For negative keywords
        (``negative=True``) both floors apply to the reference instead, for terms the target
        uses less often than the reference.

    Returns
    -------
    pandas.DataFrame
        One row per (comparison, term) that passes the floors: ``group`` (the target), ``term``,
        ``n_target``, ``n_reference``, ``g2``, ``p``, ``p_adj`` (Benjamini–Hochberg across the
        terms of that comparison that pass the floors), ``log_ratio``, ``pct_diff`` (see
        :func:`contingency_statistics` for the formulas and the zero-frequency correction),
        [``chi2``]. Within each comparison, rows are sorted with over-represented terms
        (``log_ratio`` > 0) first, each part by ``g2`` descending, then ``|log_ratio|``
        descending, then term; comparisons by the target's size (its counted terms, C)
        descending, then group name, so the largest group comes first.
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
    >>> keyness(toks, docs=docs, target="ТАСС", min_count=1, min_docs=1)[["group", "term", "n_target", "n_reference", "log_ratio"]]
      group term  n_target  n_reference  log_ratio
    0  ТАСС  мир         2            0        2.0
    1  ТАСС  сша         1            2       -1.0

    With the default floors these two one-document groups have nothing key:

    >>> keyness(toks, docs=docs, target="ТАСС").empty
    True
    """
    _check_floor("min_count", min_count), _check_floor("min_docs", min_docs)
    table = attach(as_terms(tokens, unit=unit), by, docs)
    counts = count_terms(table, by, docfreq=min_docs > 1)
    names = set(counts.groups)
    if docs is not None and by in docs.columns:
        names |= set(docs[by].dropna().astype(str))  # groups whose documents have no terms
    return keyness_from_counts(
        counts, names, by=by, target=target, reference=reference, negative=negative, chi2=chi2, min_count=min_count, min_docs=min_docs
    )


def _check_floor(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"{name} = {value!r} is invalid; value must be an int >= 0 (0 or 1 turns the floor off)")
    return max(int(value), 1)


def _negative_cells(counts: sparse.csr_matrix, candidates: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(term, group) cells with no occurrence in the group, for the ``candidates`` terms and ``targets`` groups."""
    columns = counts.tocsc()
    terms, groups = [], []
    for g in targets:
        present = columns.indices[columns.indptr[g]:columns.indptr[g + 1]]
        missing = candidates[~np.isin(candidates, present, assume_unique=True)]
        terms.append(missing)
        groups.append(np.full(len(missing), g, dtype=np.int64))
    empty = np.zeros(0, dtype=np.int64)
    return (np.concatenate(terms), np.concatenate(groups)) if terms else (empty, empty)


def keyness_from_counts(
    counts: TermGroupCounts | pd.DataFrame,
    names,
    *,
    by: str,
    target: str | None = None,
    reference: str | Iterable[str] | None = None,
    negative: bool = False,
    chi2: bool = False,
    min_count: int = 1,
    min_docs: int = 1,
) -> pd.DataFrame:
    """:func:`keyness` from term × group counts: every comparison in one vectorised pass.

    Parameters
    ----------
    counts
        A :class:`TermGroupCounts` (see :func:`count_terms`) or a term × group table of counts
        (terms as index, groups as columns), as an out-of-core count gives it.
    names
        All the groups, including any without terms.
    by, target, reference, negative, chi2
        As for :func:`keyness`.
    min_count, min_docs
        The evidence floors of :func:`keyness`; here they default to 1 (off), so the caller
        decides. ``min_docs > 1`` needs ``counts.docfreq``.

    Returns
    -------
    pandas.DataFrame
        The table of :func:`keyness`. For a target, the reference count of each term is its
        count over the reference groups (all groups by default) minus the target's own, so one
        sparse matrix product serves every comparison, however many groups there are.
    """
    if isinstance(counts, pd.DataFrame):
        counts = TermGroupCounts.from_frame(counts)
    min_count, min_docs = _check_floor("min_count", min_count), _check_floor("min_docs", min_docs)
    if min_docs > 1 and counts.docfreq is None:
        raise ValueError(f"min_docs = {min_docs} needs document frequencies: pass counts with docfreq (count_terms(..., docfreq=True)) or min_docs=1")
    names = sorted(set(names) | set(counts.groups))
    if target is not None and str(target) not in names:
        raise ValueError(f"target {target!r} is not a value of {by!r}; groups: {', '.join(names[:20])}")
    in_reference = np.ones(len(names), dtype=bool)
    if reference is not None:
        refs = [str(reference)] if isinstance(reference, str) else [str(r) for r in reference]
        missing = [r for r in refs if r not in names]
        if missing:
            raise ValueError(f"reference {missing} not among the values of {by!r}; groups: {', '.join(names[:20])}")
        in_reference = np.isin(np.asarray(names, dtype=object), refs)
    # the counts' columns placed among all the groups, empty groups included
    position = pd.Index(names).get_indexer(counts.groups)
    widen = sparse.csr_matrix((np.ones(len(position), dtype=np.int64), (np.arange(len(position)), position)), shape=(len(position), len(names)))
    matrix = (counts.counts @ widen).tocsr()
    docfreq = (counts.docfreq @ widen).tocsr() if min_docs > 1 else None
    matrix.eliminate_zeros()
    matrix.sort_indices()
    if docfreq is not None:
        docfreq.eliminate_zeros()
        docfreq.sort_indices()  # the same cells as ``matrix`` (a term in a group is in one of its documents), in the same order
    group_size = np.asarray(matrix.sum(axis=0)).ravel().astype(np.int64)
    reference_size = int(group_size[in_reference].sum())
    # each term's count over the reference groups; a comparison subtracts its target's share
    reference_count = matrix @ in_reference.astype(np.int64)
    reference_docs = docfreq @ in_reference.astype(np.int64) if docfreq is not None else None
    targets = np.asarray([names.index(str(target))] if target is not None else range(len(names)), dtype=np.int64)
    own = group_size * in_reference  # what the target takes out of the reference total
    sizes, usable = {}, np.zeros(len(names), dtype=bool)
    for g in targets:
        sizes[names[g]] = (int(group_size[g]), reference_size - int(own[g]))
        if 0 in sizes[names[g]]:
            log.warning("keyness: no comparison for %r (target has %d terms, reference %d)", names[g], *sizes[names[g]])
        else:
            usable[g] = True

    cells = matrix.tocoo()
    term, group, a = cells.row.astype(np.int64), cells.col.astype(np.int64), cells.data.astype(np.int64)
    docs_t = docfreq.tocoo().data.astype(np.int64) if docfreq is not None else None
    chosen = usable[group]
    term, group, a = term[chosen], group[chosen], a[chosen]
    docs_t = docs_t[chosen] if docs_t is not None else None
    if negative:
        extra_term, extra_group = _negative_cells(matrix, np.flatnonzero(reference_count > 0), np.flatnonzero(usable))
        term, group = np.r_[term, extra_term], np.r_[group, extra_group]
        a = np.r_[a, np.zeros(len(extra_term), dtype=np.int64)]
        docs_t = np.r_[docs_t, np.zeros(len(extra_term), dtype=np.int64)] if docs_t is not None else None
    b = reference_count[term] - a * in_reference[group]
    c = group_size[group]
    d = reference_size - own[group]
    # evidence: the target's count (and documents) for what the target uses; for negative
    # keywords, those of the reference for what the target uses less (a/C < b/D)
    target_ok = a >= min_count
    reference_ok = (b >= min_count) & (a * d < b * c)
    if docs_t is not None:
        target_ok &= docs_t >= min_docs
        reference_ok &= reference_docs[term] - docs_t * in_reference[group] >= min_docs
    keep = target_ok | (negative & reference_ok)
    term, group, a, b, c, d = term[keep], group[keep], a[keep], b[keep], c[keep], d[keep]
    if not len(term):
        result = _empty(chi2)
        result.attrs["sizes"] = sizes
        return result
    s = contingency_statistics(a, b, c, d, chi2=chi2)
    p_adj = _grouped_benjamini_hochberg(s["p"], group)
    # the largest target first (ties by name: labels are sorted), over-represented terms first,
    # g2 and |log_ratio| descending, term
    by_size = np.empty(len(names), dtype=np.int64)
    by_size[np.lexsort((np.arange(len(names)), -group_size))] = np.arange(len(names))
    order = np.lexsort((term, -np.abs(s["log_ratio"]), -s["g2"], s["log_ratio"] <= 0, by_size[group]))
    labels = np.asarray(names, dtype=object)
    columns = {
        "group": labels[group[order]],
        "term": counts.terms[term[order]],
        "n_target": a[order],
        "n_reference": b[order],
        "g2": s["g2"][order],
        "p": s["p"][order],
        "p_adj": p_adj[order],
        "log_ratio": s["log_ratio"][order],
        "pct_diff": s["pct_diff"][order],
    }
    if chi2:
        columns["chi2"] = s["chi2"][order]
    result = pd.DataFrame(columns).astype({"group": "str", "term": "str"})
    result.attrs["sizes"] = sizes
    return result
