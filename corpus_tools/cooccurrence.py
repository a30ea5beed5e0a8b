"""Co-occurrence and collocation: which terms occur together, and how strongly they attract.

Two ways of counting are offered (Evert 2008, "Corpora and collocations", in *Corpus
Linguistics. An International Handbook*, ch. 58):

* **Window** (``window=k``): a pair is counted once for every two counted terms at most *k*
  running words apart. Positions are numbered over words (punctuation is not a word); stop words
  and other filtered tokens keep their positions as padding, so a window of 5 spans 5 running
  words whatever is counted. Windows never cross the boundary given by ``within`` (a sentence or
  a document).
* **Co-presence** (``window=None``): a pair is counted once per sentence (or document) that
  contains both terms, and ``n_a``/``n_b``/``n`` count sentences (documents).

Both lead to the same 2×2 contingency table of *pair slots*. With ``s`` slots per term
occurrence (``s = 2k`` for a symmetric window of *k*, ``L + R`` for an asymmetric one, 1 for
co-presence), ``N = s·n``, ``R1 = s·n_a``, ``C1 = s·n_b``, observed ``O = n_ab`` and expected
``E = R1·C1/N = s·n_a·n_b/n``. The measures (``E`` includes the window size, so PMI does not grow
with the window):

===========  ==================================================================================
pmi          :math:`\\log_2 (O/E)` (Church & Hanks 1990)
npmi         :math:`\\mathrm{pmi} / -\\log_2 (O/N)`, in [-1, 1] (Bouma 2009)
mi3          :math:`\\log_2 (O^3/E)` (Daille 1994)
log_dice     :math:`14 + \\log_2 \\frac{2 n_{ab}}{n_a + n_b}` (Rychlý 2008)
t_score      :math:`(O - E)/\\sqrt{O}` (Church et al. 1991)
g2           Dunning's log-likelihood :math:`2\\sum O_{ij} \\ln (O_{ij}/E_{ij})` over the 2×2 table (Dunning 1993)
delta_p_ab   :math:`O_{11}/R_1 - O_{21}/(N - R_1)`: how much *a* raises the chance of *b* (Gries 2013)
delta_p_ba   :math:`O_{11}/C_1 - O_{12}/(N - C_1)`: how much *b* raises the chance of *a*
===========  ==================================================================================

With co-presence (``s = 1``) these are exactly NLTK's ``BigramAssocMeasures`` for pmi, student_t,
likelihood_ratio and dice given ``(n_ab, (n_a, n_b), n)``.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd
from scipy import sparse, special

from corpus_tools.frequency import Unit
from corpus_tools.summary import attach
from corpus_tools.tokens import sentence_key

MEASURES = ["pmi", "npmi", "mi3", "log_dice", "t_score", "g2", "delta_p_ab", "delta_p_ba"]
PAIR_COLUMNS = ["group", "term_a", "term_b", "n_ab", "n_a", "n_b", "n", *MEASURES]
COLLOCATE_COLUMNS = ["group", "node", "collocate", "n_ab", "left", "right", "n_a", "n_b", "n", *MEASURES]
_BLOCK = 1 << 15  # pairs per block of the measures: 32k floats (256 KB) per temporary


def association(n_ab, n_a, n_b, n, *, slots=1) -> dict[str, np.ndarray]:
    """Compute the association measures of the module docstring for vectors of counts.

    Examples
    --------
    >>> m = association(np.array([30]), np.array([60]), np.array([90]), 1000)
    >>> {k: round(float(v[0]), 3) for k, v in m.items() if k in ("pmi", "log_dice", "t_score")}
    {'pmi': 2.474, 'log_dice': 12.678, 't_score': 4.491}
    """
    o = np.asarray(n_ab, dtype=float)
    a = np.asarray(n_a, dtype=float)
    b = np.asarray(n_b, dtype=float)
    total = np.broadcast_to(np.asarray(n, dtype=float), o.shape)
    big_n = slots * total
    r1, c1 = slots * a, slots * b
    e = r1 * c1 / big_n
    cells_o = np.stack([o, r1 - o, c1 - o, big_n - r1 - c1 + o])
    rows = np.stack([r1, r1, big_n - r1, big_n - r1])
    cols = np.stack([c1, big_n - c1, c1, big_n - c1])
    cells_e = rows * cols / big_n
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log2(o / e)
        g2 = 2 * (special.xlogy(cells_o, cells_o) - special.xlogy(cells_o, cells_e)).sum(axis=0)
        return {
            "pmi": pmi,
            "npmi": np.where(o >= big_n, 1.0, pmi / -np.log2(o / big_n)),
            "mi3": np.log2(o**3 / e),
            "log_dice": 14 + np.log2(2 * o / (a + b)),
            "t_score": (o - e) / np.sqrt(o),
            "g2": np.clip(g2, 0, None),
            "delta_p_ab": o / r1 - (c1 - o) / (big_n - r1),
            "delta_p_ba": o / c1 - (r1 - o) / (big_n - c1),
        }


def _association_coded(n_ab: np.ndarray, a: np.ndarray, b: np.ndarray, freq: np.ndarray, n: int, slots: int) -> dict[str, np.ndarray]:
    r""":func:`association` for pairs of term codes, with the margins' logarithms looked up per term.

    Same values as ``association(n_ab, freq[a], freq[b], n, slots=slots)``; G² uses
    :math:`\sum O \ln(O/E) = \sum O \ln O - \sum_i R_i \ln R_i - \sum_j C_j \ln C_j + N \ln N`
    for a 2×2 table with :math:`E_{ij} = R_i C_j / N`, so only the cells need a logarithm per pair.
    The cells :math:`O_{12} = R_1 - O` and :math:`O_{21} = C_1 - O` are whole numbers from 0 to a
    margin (a pair fills at most one slot of each occurrence), so their :math:`x \ln x` is looked
    up in a table when the table is no longer than the pairs. The measures are rows of one
    ``(8, len(n_ab))`` array, computed in blocks of pairs so that the temporaries stay in the
    processor's cache.
    """
    out = np.empty((len(MEASURES), len(n_ab)))
    if n == 0:
        return dict(zip(MEASURES, out))
    big_n = float(slots) * n
    freq = freq.astype(float)
    margin = slots * freq  # R1 or C1 of each term
    with np.errstate(divide="ignore", invalid="ignore"):
        x_log_x = special.xlogy(margin, margin) + special.xlogy(big_n - margin, big_n - margin)
        log2_f = np.log2(freq)
        n_ln_n, log2_n, log2_share, ln_2 = big_n * np.log(big_n), np.log2(big_n), np.log2(float(slots) / n), np.log(2)
        largest, table = int(margin.max(initial=0)), None
        if largest < max(len(n_ab), 1 << 16):
            whole = np.arange(largest + 1, dtype=float)
            table = special.xlogy(whole, whole)
        for start in range(0, len(n_ab), _BLOCK):
            part = slice(start, start + _BLOCK)
            i, j, o = a[part], b[part], n_ab[part].astype(float)
            r1, c1 = margin[i], margin[j]
            o12, o21 = r1 - o, c1 - o
            rest1 = big_n - r1
            o22 = rest1 - c1 + o
            if table is not None:
                x12, x21 = table[o12.astype(np.intp)], table[o21.astype(np.intp)]
            else:
                x12, x21 = special.xlogy(o12, o12), special.xlogy(o21, o21)
            ln_o = np.log(o)
            cells = o * ln_o + x12 + x21 + special.xlogy(o22, o22)
            lo = ln_o / ln_2
            le = log2_share + log2_f[i] + log2_f[j]
            pmi = np.subtract(lo, le, out=out[0, part])
            npmi = np.divide(pmi, log2_n - lo, out=out[1, part])
            npmi[o >= big_n] = 1.0
            np.subtract(3 * lo, le, out=out[2, part])
            np.subtract(15 + lo, np.log2(freq[i] + freq[j]), out=out[3, part])
            np.divide(o - np.exp2(le), np.sqrt(o), out=out[4, part])
            np.clip(2 * (cells - x_log_x[i] - x_log_x[j] + n_ln_n), 0, None, out=out[5, part])
            np.subtract(o / r1, o21 / rest1, out=out[6, part])
            np.subtract(o / c1, o12 / (big_n - c1), out=out[7, part])
    return dict(zip(MEASURES, out))


def _check_window(window) -> None:
    if window is not None and (isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1):
        raise ValueError(f"window = {window!r} is invalid; value must be an int >= 1, or None for co-presence")


def _require_tokens(tokens, unit: str) -> None:
    if not isinstance(tokens, pd.DataFrame):
        raise TypeError(f"tokens must be the DataFrame of corpus_tools.tokenize, not {type(tokens).__name__}")
    missing = [c for c in ("doc_id", "sent_id", "is_punct", "is_stop", unit) if c not in tokens.columns]
    if missing:
        raise ValueError(f"tokens lacks column(s) {missing}; pass the table of corpus_tools.tokenize (got columns {list(tokens.columns)[:12]})")


def _document_codes(doc_id: pd.Series) -> np.ndarray:
    """``pd.factorize(doc_id)[0]`` as int64, read off the boundaries when each document is one run of rows."""
    values = doc_id.array
    if len(values) > 1 and not doc_id.hasnans:
        starts = np.flatnonzero(np.asarray(values[1:] != values[:-1], dtype=bool)) + 1
        # numbering the runs is factorizing when no document comes back after another one
        if len(pd.unique(values.take(np.r_[0, starts]))) == len(starts) + 1:
            codes = np.zeros(len(values), dtype=np.int64)
            codes[starts] = 1
            return np.cumsum(codes, out=codes)
    return np.asarray(pd.factorize(doc_id)[0], dtype=np.int64)


def _run_starts(values: np.ndarray) -> np.ndarray:
    """Indices where a run of equal neighbours begins, 0 included."""
    change = np.empty(len(values), dtype=bool)
    change[:1] = True
    np.not_equal(values[1:], values[:-1], out=change[1:])
    return np.flatnonzero(change)


def _run_lengths(starts: np.ndarray, total: int) -> np.ndarray:
    """Lengths of the runs that begin at ``starts`` in an array of ``total`` items."""
    lengths = np.empty_like(starts)
    np.subtract(starts[1:], starts[:-1], out=lengths[:-1])
    lengths[-1:] = total - starts[-1:]
    return lengths


def _word_positions(units: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Running-word number of every token within its run of equal ``units`` (meaningful for words only)."""
    if not len(units):
        return np.zeros(0, dtype=np.int64)
    running = words.astype(np.int64)  # cumsum straight from bool takes numpy's slow casting path
    np.cumsum(running, out=running)  # words up to and including each token
    starts = _run_starts(units)
    # minus the words before the run's first token, and 1 to count from 0
    running -= np.repeat(running[starts] - words[starts] + 1, _run_lengths(starts, len(units)))
    return running


def _counted(tokens: pd.DataFrame, unit: Unit, within: str, by: str | None):
    """Arrays of the counted terms: boundary unit, running-word position, term code, group code.

    Term codes index an alphabetically sorted vocabulary, so sorting codes sorts terms.
    """
    if unit not in ("lemma", "token"):
        raise ValueError(f"unit={unit!r} is invalid; use 'lemma' or 'token'")
    words = ~tokens["is_punct"].to_numpy(dtype=bool)
    # row numbers rather than a boolean mask: numpy takes by index several times faster
    content = words & ~tokens["is_stop"].to_numpy(dtype=bool)
    if "is_link" in tokens.columns:  # pieces of links pad windows like stop words
        content &= ~tokens["is_link"].to_numpy(dtype=bool)
    counted = np.flatnonzero(content)
    doc = _document_codes(tokens["doc_id"])
    units = sentence_key(tokens, doc) if within == "sentence" else doc
    positions = _word_positions(units, words).take(counted)
    column = tokens[unit]
    if unit == "token":
        values = column.iloc[counted].astype(str).str.lower()
    elif isinstance(column.dtype, pd.CategoricalDtype):
        # factorize(sort=True) follows the category order; make it alphabetical like strings
        values = column.iloc[counted].cat.remove_unused_categories()
        values = values.cat.reorder_categories(sorted(values.cat.categories))
    else:
        values = column.array.take(counted)  # the array alone: no index to carry along
    codes, vocabulary = pd.factorize(values, sort=True)
    if by:
        group_codes, groups = pd.factorize(tokens[by].iloc[counted].astype(str), sort=True)
    else:
        group_codes, groups = np.zeros(len(codes), dtype=np.int64), pd.Index(["all"])
    return units.take(counted), positions, np.asarray(codes, dtype=np.int64), pd.Index(vocabulary).astype(str), group_codes, groups


def _code_bits(size: int) -> int:
    """Bits of one term code in a packed int64 key."""
    return max(int(size - 1).bit_length(), 1)


def _pair_counts(codes: np.ndarray, unit: np.ndarray, pos: np.ndarray, window: int | None, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pair counts among integer-coded terms as arrays ``(code_a, code_b, n_ab)`` with a < b, sorted by (a, b)."""
    empty = np.zeros(0, dtype=np.int64)
    if window is None:
        # co-presence: unit x term incidence, then B^T B
        unit_codes = pd.factorize(unit)[0]
        incidence = sparse.csr_matrix((np.ones(len(codes), dtype=np.int32), (unit_codes, codes)), shape=(unit_codes.max() + 1 if len(codes) else 0, size))
        incidence.data[:] = 1
        incidence.sum_duplicates()
        incidence.data[:] = 1
        pairs = sparse.triu(incidence.T @ incidence, k=1, format="csr")
        pairs.sort_indices()
        pairs = pairs.tocoo()
        return pairs.row.astype(np.int64), pairs.col.astype(np.int64), pairs.data.astype(np.int64)
    if len(codes) < 2:
        return empty, empty, empty
    # one int64 location per term: unit, then position. Terms of different units end up more
    # than `reach` apart, so one subtraction tells whether two terms share a window.
    longest = int(pos.max())
    reach = min(window, longest)
    stride = longest + reach + 1
    if int(unit.max()) >= 2**62 // stride:
        unit = np.unique(unit, return_inverse=True)[1]  # dense ranks keep the order and fit
    location = np.asarray(unit, dtype=np.int64) * stride + pos
    if not (location[1:] >= location[:-1]).all():  # tokenize gives them in order
        order = np.argsort(location, kind="stable")
        codes, location = codes[order], location[order]
    codes = codes.astype(np.int32 if size < 2**31 else np.int64)
    bits = _code_bits(size)
    keys = []
    for shift in range(1, window + 1):
        # pairs of terms `shift` places apart in the sorted arrays; their distance in running
        # words is at least `shift`, so `window` shifts reach every pair within the window
        near = (location[shift:] - location[:-shift]) <= reach
        if not near.any():
            break
        low, high = np.minimum(codes[:-shift], codes[shift:]), np.maximum(codes[:-shift], codes[shift:])
        near &= low != high
        rows = np.flatnonzero(near)
        keys.append((low.take(rows).astype(np.int64) << bits) | high.take(rows))
    keys = np.concatenate(keys) if keys else empty
    if not len(keys):  # no pairs, or only a term next to itself
        return empty, empty, empty
    # equal (low, high) keys lie side by side once sorted; each run is one pair
    keys.sort()
    first = _run_starts(keys)
    n_ab = _run_lengths(first, len(keys))
    keys = keys.take(first)
    return keys >> bits, keys & ((1 << bits) - 1), n_ab


def _ranked(a: np.ndarray, b: np.ndarray, n_ab: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs sorted by (a, b), as :func:`_pair_counts` gives them, re-sorted by ``n_ab`` descending."""
    if not len(n_ab):
        return a, b, n_ab
    top = int(n_ab.max())
    if top - int(n_ab.min()) < 2**16:
        # a stable sort keeps (a, b) order among equal counts; numpy radix-sorts 16-bit keys
        order = np.argsort((top - n_ab).astype(np.uint16), kind="stable")
        return a[order], b[order], n_ab[order]
    bits = _code_bits(size)
    if top < 2 ** (62 - 2 * bits):
        # (top - n_ab, a, b) packed in one int64 per pair: sorting the keys sorts the pairs
        key = ((top - n_ab) << (2 * bits)) | (a << bits) | b
        key.sort()
        mask = (1 << bits) - 1
        return (key >> bits) & mask, key & mask, top - (key >> (2 * bits))
    order = np.lexsort((b, a, -n_ab))
    return a[order], b[order], n_ab[order]


def _term_counts(codes: np.ndarray, units: np.ndarray, window: int | None, size: int) -> tuple[np.ndarray, int]:
    """Each term's count and the total ``n``: occurrences (window), or units containing it (co-presence)."""
    if window is None:
        present = np.unique(pd.factorize(units)[0].astype(np.int64) * size + codes)
        return np.bincount(present % size, minlength=size), len(np.unique(units))
    return np.bincount(codes, minlength=size), len(codes)


# evidence floors of cooccurrence and collocates (see cooccurrence's docstring)
MIN_COUNT = 3
MIN_FREQ = 3


def _check_min_freq(min_freq) -> int:
    if isinstance(min_freq, bool) or not isinstance(min_freq, (int, np.integer)) or min_freq < 0:
        raise ValueError(f"min_freq = {min_freq!r} is invalid; value must be an int >= 0 (0 or 1 turns the floor off)")
    return max(int(min_freq), 1)


def _by_size(group_codes: np.ndarray, groups: pd.Index, units: np.ndarray | None = None) -> np.ndarray:
    """Group codes from the largest group to the smallest, ties by name: size is the number of
    counted terms, or with ``units`` (co-presence) of distinct units, i.e. each group's ``n``."""
    if units is None:
        sizes = np.bincount(group_codes, minlength=len(groups))
    else:
        pairs = np.unique(np.column_stack([group_codes, units]), axis=0) if len(units) else np.zeros((0, 2), dtype=np.int64)
        sizes = np.bincount(pairs[:, 0], minlength=len(groups))
    return np.lexsort((np.asarray(groups, dtype=object), -sizes))


def cooccurrence(
    tokens: pd.DataFrame,
    *,
    window: int | None = 5,
    within: Literal["sentence", "document"] = "sentence",
    unit: Unit = "lemma",
    min_count: int = MIN_COUNT,
    by: str | None = None,
    docs: pd.DataFrame | None = None,
    min_freq: int = MIN_FREQ,
) -> pd.DataFrame:
    """Count co-occurring pairs of terms and score their association.

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize`; punctuation, stop words and links
        (``is_link``) are not counted (stop words and links still take up window positions);
        ``tokens.assign(is_link=False)`` counts links.
    window
        Maximal distance in running words (5 = up to five words to either side), or None to
        count co-presence in the ``within`` unit instead.
    within
        ``"sentence"`` (default) or ``"document"``: windows never cross this boundary, and with
        ``window=None`` it is the unit of co-presence.
    unit
        ``"lemma"`` or ``"token"`` (see :func:`corpus_tools.terms`).
    min_count
        Evidence floor: keep pairs with ``n_ab`` at least this (default 3). Association measures
        reward rarity: two words seen together once or twice, and nowhere else, get the highest
        PMI and logDice of the corpus (on the ru_news_mix sample 74 % of the 50 strongest pairs by
        logDice rest on ``n_ab`` <= 2). Evert (2008, ch. 58, section 3) recommends a frequency
        threshold of 3 or 5 for exactly this reason. 1 turns the floor off.
    by, docs
        Count separately per group (e.g. ``"source"``), as in :func:`corpus_tools.frequency`.
    min_freq
        Evidence floor: keep pairs whose two terms both have ``n_a``/``n_b`` at least this
        (default 3), so that a word seen once or twice cannot top the list by pairing with its
        own neighbours. 0 or 1 turns the floor off. The measures of a kept pair do not depend on
        either floor.

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair (``term_a`` < ``term_b``) per group: ``group`` (``"all"``
        without ``by``), ``term_a``, ``term_b``, ``n_ab``, ``n_a``, ``n_b`` (term frequencies, or
        units containing the term for co-presence), ``n`` (counted terms, or units) and the
        measures listed in Notes. Sorted by group, ``n_ab`` descending, ``term_a``,
        ``term_b``; groups by their size ``n`` (counted terms, or units for co-presence)
        descending, then name, which is also the order of the ``group`` categories. ``attrs["slots"]`` is the ``s`` used for the expected
        counts.

    Raises
    ------
    TypeError
        ``tokens`` is not a DataFrame.
    ValueError
        ``window`` is not an int >= 1 or None; ``within``, ``unit``, ``min_count`` or ``min_freq``
        is invalid; a token column is missing; ``by`` is in neither table or some token's document is not in ``docs``.
        Each message names the argument and its valid values.

    Notes
    -----
    Two ways of counting are offered (Evert 2008, "Corpora and collocations", in *Corpus
    Linguistics. An International Handbook*, ch. 58):

    * **Window** (``window=k``): a pair is counted once for every two counted terms at most *k*
      running words apart. Positions are numbered over words (punctuation is not a word); stop words
      and other filtered tokens keep their positions as padding, so a window of 5 spans 5 running
      words whatever is counted. Windows never cross the boundary given by ``within`` (a sentence or
      a document).
    * **Co-presence** (``window=None``): a pair is counted once per sentence (or document) that
      contains both terms, and ``n_a``/``n_b``/``n`` count sentences (documents).

    Both lead to the same 2×2 contingency table of *pair slots*. With ``s`` slots per term
    occurrence (``s = 2k`` for a symmetric window of *k*, ``L + R`` for an asymmetric one, 1 for
    co-presence), ``N = s·n``, ``R1 = s·n_a``, ``C1 = s·n_b``, observed ``O = n_ab`` and expected
    ``E = R1·C1/N = s·n_a·n_b/n``. The measures (``E`` includes the window size, so PMI does not grow
    with the window):

    ===========  ==================================================================================
    pmi          :math:`\\log_2 (O/E)` (Church & Hanks 1990)
    npmi         :math:`\\mathrm{pmi} / -\\log_2 (O/N)`, in [-1, 1] (Bouma 2009)
    mi3          :math:`\\log_2 (O^3/E)` (Daille 1994)
    log_dice     :math:`14 + \\log_2 \\frac{2 n_{ab}}{n_a + n_b}` (Rychlý 2008)
    t_score      :math:`(O - E)/\\sqrt{O}` (Church et al. 1991)
    g2           Dunning's log-likelihood :math:`2\\sum O_{ij} \\ln (O_{ij}/E_{ij})` over the 2×2 table (Dunning 1993)
    delta_p_ab   :math:`O_{11}/R_1 - O_{21}/(N - R_1)`: how much *a* raises the chance of *b* (Gries 2013)
    delta_p_ba   :math:`O_{11}/C_1 - O_{12}/(N - C_1)`: how much *b* raises the chance of *a*
    ===========  ==================================================================================

    With co-presence (``s = 1``) these are exactly NLTK's ``BigramAssocMeasures`` for pmi, student_t,
    likelihood_ratio and dice given ``(n_ab, (n_a, n_b), n)``.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> toks = ct.tokenize(["Путин встретил Токаева. Токаев поблагодарил Путина."])
    >>> cooccurrence(toks, window=2, min_count=1, min_freq=1)[["term_a", "term_b", "n_ab"]]
              term_a  term_b  n_ab
    0          путин  токаев     2
    1      встретить   путин     1
    2      встретить  токаев     1
    3  поблагодарить   путин     1
    4  поблагодарить  токаев     1
    """
    _check_window(window)
    if within not in ("sentence", "document"):
        raise ValueError(f"within={within!r} is invalid; use 'sentence' or 'document'")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count = {min_count!r} is invalid; value must be an int >= 1")
    min_freq = _check_min_freq(min_freq)
    _require_tokens(tokens, unit)
    source = attach(tokens, by, docs) if by else tokens
    unit_ids, positions, codes, vocabulary, group_codes, groups = _counted(source, unit, within, by)
    slots = 2 * window if window is not None else 1
    size = len(vocabulary)
    terms = pd.CategoricalDtype(vocabulary)
    ranking = _by_size(group_codes, groups, unit_ids if window is None else None)
    categories = pd.CategoricalDtype(groups[ranking])
    parts = []
    for rank, g in enumerate(ranking):
        rows = np.flatnonzero(group_codes == g) if len(groups) > 1 else slice(None)
        part_units, part_codes = unit_ids[rows], codes[rows]
        a, b, n_ab = _pair_counts(part_codes, part_units, positions[rows], window, size)
        freq, n = _term_counts(part_codes, part_units, window, size)
        freq = np.asarray(freq, dtype=np.int64)
        if min_count > 1 or min_freq > 1:
            keep = (n_ab >= min_count) & (freq[a] >= min_freq) & (freq[b] >= min_freq)
            a, b, n_ab = a[keep], b[keep], n_ab[keep]
        a, b, n_ab = _ranked(a, b, n_ab, size)
        columns = {
            "group": pd.Categorical.from_codes(np.full(len(a), rank), dtype=categories),
            "term_a": pd.Categorical.from_codes(a, dtype=terms, validate=False),
            "term_b": pd.Categorical.from_codes(b, dtype=terms, validate=False),
            "n_ab": n_ab,
            "n_a": freq[a],
            "n_b": freq[b],
            "n": np.full(len(a), n, dtype=np.int64),
        }
        columns.update(_association_coded(n_ab, a, b, freq, n, slots))
        parts.append(pd.DataFrame(columns, copy=False))
    result = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else None)
    if result is None or tokens.empty:
        result = pd.DataFrame({c: pd.Series(dtype="float64" if c in MEASURES else ("int64" if c.startswith("n") else "category")) for c in PAIR_COLUMNS})
    result = result[PAIR_COLUMNS]
    result.attrs["slots"] = slots
    return result


def _node_mask(values: pd.Series, node: str | Iterable[str]) -> np.ndarray:
    patterns = [node] if isinstance(node, str) else list(node)
    if not patterns:
        raise ValueError("node is empty; give a lemma, a glob pattern such as 'казах*', or a list of lemmas")
    distinct = pd.Index(pd.unique(values.astype(str)))
    hit = np.zeros(len(distinct), dtype=bool)
    for pattern in patterns:
        pattern = str(pattern).lower().replace("ё", "е")
        if any(ch in pattern for ch in "*?["):
            regex = re.compile(fnmatch.translate(pattern))
            hit |= np.array([bool(regex.match(v.lower())) for v in distinct], dtype=bool)
        else:
            hit |= np.asarray(distinct.str.lower() == pattern)
    return values.astype(str).isin(distinct[hit]).to_numpy()


def collocates(
    tokens: pd.DataFrame,
    node: str | Iterable[str],
    *,
    window: tuple[int, int] = (5, 5),
    within: Literal["sentence", "document"] = "sentence",
    unit: Unit = "lemma",
    by: str | None = None,
    docs: pd.DataFrame | None = None,
    measure: str = "log_dice",
    min_count: int = MIN_COUNT,
    min_freq: int = MIN_FREQ,
) -> pd.DataFrame:
    """The collocates of one node (a lemma, a glob pattern such as ``"казах*"``, or a list of lemmas).

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize`.
    node
        What to look around; every matching term counts as the node, and node terms are never
        their own collocates.
    window
        ``(left, right)`` running words; stop words keep their positions, punctuation is not a
        word, and windows never cross ``within``.
    unit, by, docs
        As in :func:`cooccurrence`.
    measure
        The column to sort by (descending; ties by ``n_ab`` descending then collocate).
    min_count
        Evidence floor: keep collocates seen at least this often with the node (default 3; see
        :func:`cooccurrence`). 1 turns it off.
    min_freq
        Evidence floor: keep collocates whose own frequency ``n_b`` is at least this (default
        3). 0 or 1 turns it off.

    Returns
    -------
    pandas.DataFrame
        ``group, node, collocate, n_ab, left, right`` (co-occurrences on each side), ``n_a`` (node
        occurrences), ``n_b`` (collocate frequency), ``n`` (counted terms) and the measures of the
        module docstring with ``s = left + right`` slots per node occurrence. Sorted by group
        (the largest, by counted terms, first; ties by name), then as ``measure`` says.

    Raises
    ------
    TypeError
        ``tokens`` is not a DataFrame.
    ValueError
        ``window`` is not a pair of ints >= 0 (not both 0); ``measure``, ``within``, ``unit`` is
        invalid; ``node`` is empty; a token column is missing; ``by`` cannot be attached.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> toks = ct.tokenize(["Песков заявил, что Путин встретил Токаева. Путин улетел."])
    >>> collocates(toks, "путин", window=(2, 2), min_count=1, min_freq=1)[["collocate", "n_ab", "left", "right"]]
       collocate  n_ab  left  right
    0  встретить     1     0      1
    1    заявить     1     1      0
    2     токаев     1     0      1
    3    улететь     1     0      1
    """
    if (not isinstance(window, tuple) or len(window) != 2 or any(not isinstance(w, (int, np.integer)) or w < 0 for w in window) or sum(window) == 0):
        raise ValueError(f"window = {window!r} is invalid; give (left, right) with ints >= 0, not both 0")
    if measure not in MEASURES + ["n_ab"]:
        raise ValueError(f"measure={measure!r} is invalid; use one of {', '.join(MEASURES + ['n_ab'])}")
    if within not in ("sentence", "document"):
        raise ValueError(f"within={within!r} is invalid; use 'sentence' or 'document'")
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 0:
        raise ValueError(f"min_count = {min_count!r} is invalid; value must be an int >= 0 (0 or 1 turns the floor off)")
    min_freq = _check_min_freq(min_freq)
    _require_tokens(tokens, unit)
    source = attach(tokens, by, docs) if by else tokens
    unit_ids, positions, codes, vocabulary, group_codes, groups = _counted(source, unit, within, by)
    node_codes = _node_mask(pd.Series(vocabulary), node)
    is_node = node_codes[codes] if len(codes) else np.zeros(0, dtype=bool)
    label = node if isinstance(node, str) else "|".join(node)
    left_w, right_w = window
    # one sortable int64 per counted term: unit, then position (positions < stride)
    stride = int(positions.max()) + left_w + right_w + 2 if len(positions) else 1
    location = unit_ids.astype(np.int64) * stride + positions
    order = np.argsort(location, kind="stable")
    sorted_location = location[order]
    parts = []
    for rank, g in enumerate(_by_size(group_codes, groups)):
        group, in_group = groups[g], group_codes == g
        nodes_at = np.flatnonzero(is_node & in_group)
        hits = []
        for side, offsets in (("left", range(-left_w, 0)), ("right", range(1, right_w + 1))):
            for off in offsets:
                wanted = location[nodes_at] + off
                slot = np.minimum(np.searchsorted(sorted_location, wanted), max(len(sorted_location) - 1, 0))
                found = order[slot][sorted_location[slot] == wanted] if len(sorted_location) else np.zeros(0, dtype=np.int64)
                found = found[~is_node[found]]
                hits.append(pd.DataFrame({"code": codes[found], "side": side}))
        hits = pd.concat(hits, ignore_index=True)
        if hits.empty:
            continue
        counts = hits.groupby(["code", "side"]).size().unstack(fill_value=0).reindex(columns=["left", "right"], fill_value=0)
        counts.columns.name = None
        counts["n_ab"] = counts["left"] + counts["right"]
        freq = np.bincount(codes[in_group], minlength=len(vocabulary))
        counts = counts[(counts["n_ab"] >= min_count) & (freq[counts.index.to_numpy()] >= min_freq)]
        frame = counts.reset_index()
        frame.insert(0, "collocate", np.asarray(vocabulary, dtype=object)[frame["code"].to_numpy()])
        frame["group"] = group
        frame["_rank"] = rank
        frame["node"] = label
        frame["n_a"] = len(nodes_at)
        frame["n_b"] = freq[frame["code"].to_numpy()]
        frame["n"] = int(in_group.sum())
        for name, values in association(frame["n_ab"], frame["n_a"], frame["n_b"], int(in_group.sum()), slots=left_w + right_w).items():
            frame[name] = values
        parts.append(frame)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in MEASURES else ("int64" if c in ("n_ab", "left", "right", "n_a", "n_b", "n") else "str")) for c in COLLOCATE_COLUMNS})
    result = pd.concat(parts, ignore_index=True)
    result = result.sort_values(["_rank", measure, "n_ab", "collocate"], ascending=[True, False, False, True], kind="mergesort")
    result = result.astype({"n_ab": "int64", "left": "int64", "right": "int64", "n_a": "int64", "n_b": "int64", "n": "int64"})
    return result[COLLOCATE_COLUMNS].reset_index(drop=True)
