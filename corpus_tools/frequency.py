"""Terms and their frequencies: units of counting, frequency tables and dispersion across documents.

:func:`terms` turns the token table into the units that are counted (lemmas, word forms, lemma
n-grams, multiword expressions), applying the stop-word, punctuation and POS filters once;
:func:`frequency` counts them per group with their dispersion across documents. Both
:func:`frequency` and :func:`corpus_tools.keyness` accept either a token table or a terms table
(anything with a ``term`` column), so a custom unit is built once and reused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

import numpy as np
import pandas as pd

from corpus_tools.summary import attach
from corpus_tools.tokens import sentence_key as tokens_sentence_key

Unit = Literal["lemma", "token", "bigram", "trigram"]
FREQUENCY_COLUMNS = ["group", "term", "frequency", "per_10k", "docfreq", "rank", "juilland_d", "gries_dp"]
TERM_COLUMNS = ["doc_id", "sent_id", "token_id", "start", "stop", "in_title", "term"]
# token-level columns of tokenize(); any other column (e.g. a "source" joined from docs) is kept
_TOKEN_COLUMNS = {"doc_id", "sent_id", "token_id", "start", "stop", "token", "lemma", "pos", "upos", "tag", "is_punct", "is_stop", "is_link", "in_title"}
_NGRAM = {"bigram": 2, "trigram": 3}
_EXCLUDE = {"punct", "stop", "link"}
# what content terms leave out unless told otherwise; exclude=("punct", "stop") keeps links
DEFAULT_EXCLUDE = ("punct", "stop", "link")


def _check(unit: str, exclude: Iterable[str]) -> None:
    if unit not in ("lemma", "token", *_NGRAM):
        raise ValueError(f"unit={unit!r} is invalid; use 'lemma', 'token', 'bigram' or 'trigram'")
    unknown = set(exclude) - _EXCLUDE
    if unknown:
        raise ValueError(f"exclude={tuple(exclude)!r} has unknown entries {sorted(unknown)}; use any of 'punct', 'stop' and 'link'")


def _require(tokens, unit: str, pos, *, terms_ok: bool = True) -> None:
    """Raise a clear error for a table that is not a token or terms table (instead of a KeyError)."""
    if not isinstance(tokens, pd.DataFrame):
        raise TypeError(f"tokens must be the DataFrame of corpus_tools.tokenize (or of terms), not {type(tokens).__name__}")
    if terms_ok and "term" in tokens.columns:
        needed = ["doc_id"]
    else:
        needed = ["doc_id", "sent_id", "token_id", "start", "stop", "in_title", "is_punct", "is_stop", "token" if unit == "token" else "lemma"]
        needed += ["upos"] if pos is not None else []
    missing = [c for c in needed if c not in tokens.columns]
    if missing:
        raise ValueError(
            f"tokens lacks column(s) {missing}; pass the table of corpus_tools.tokenize, or a terms table "
            f"with 'doc_id' and 'term' (got columns {list(tokens.columns)[:12]})"
        )


def _phrase_lemmas(phrase: str) -> tuple[str, ...]:
    from razdel import tokenize as razdel_tokenize

    from corpus_tools.morphology import tag_words

    words = [t.text for t in razdel_tokenize(phrase)]
    if len(words) < 2:
        raise ValueError(f"multiword expression {phrase!r} has fewer than two words")
    # a phrase is a name inside a sentence: analyse it as if it did not open one
    tagged = tag_words(["и", *words])
    return tuple(tagged["lemma"].iloc[1:])


def mwe_patterns(mwe: Iterable[str] | Mapping[str, Iterable[str]]) -> dict[tuple[str, ...], str]:
    """Lemmatize multiword expressions into ``{lemma sequence: term}``.

    ``mwe`` is a list of phrases (each becomes the term written as its lemmas, «Белый дом» →
    ``"белый дом"``) or a mapping ``{term: [phrases]}`` that names the term and lists its variants.

    Examples
    --------
    >>> mwe_patterns(["Белый дом", "Соглашения Авраама"])
    {('белый', 'дом'): 'белый дом', ('соглашение', 'авраам'): 'соглашение авраам'}
    >>> mwe_patterns({"Авраамовы соглашения": ["соглашения Авраама", "Авраамские соглашения"]})
    {('соглашение', 'авраам'): 'Авраамовы соглашения', ('авраамский', 'соглашение'): 'Авраамовы соглашения'}
    """
    pairs = mwe.items() if isinstance(mwe, Mapping) else ((None, [phrase]) for phrase in mwe)
    patterns: dict[tuple[str, ...], str] = {}
    for term, phrases in pairs:
        if isinstance(phrases, str):
            phrases = [phrases]
        for phrase in phrases:
            lemmas = _phrase_lemmas(phrase)
            patterns[lemmas] = term if term is not None else " ".join(lemmas)
    return patterns


def _match_mwe(codes: np.ndarray, sentence: np.ndarray, patterns: dict[tuple[int, ...], str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return (start index, length, term) of non-overlapping matches; longer patterns win."""
    n = len(codes)
    taken = np.zeros(n, dtype=bool)
    starts, lengths, names = [], [], []
    for pattern, term in sorted(patterns.items(), key=lambda p: (-len(p[0]), p[1])):
        k = len(pattern)
        if n < k:
            continue
        # the positions of the first word, narrowed word by word
        found = np.flatnonzero(codes[: n - k + 1] == pattern[0])
        for j, code in enumerate(pattern[1:], start=1):
            found = found[(codes[found + j] == code) & (sentence[found + j] == sentence[found])]
        for i in found:
            if not taken[i : i + k].any():
                taken[i : i + k] = True
                starts.append(i)
                lengths.append(k)
                names.append(term)
    return np.asarray(starts, dtype=np.int64), np.asarray(lengths, dtype=np.int64), names


def terms(
    tokens: pd.DataFrame,
    *,
    unit: Unit = "lemma",
    exclude: Iterable[str] = DEFAULT_EXCLUDE,
    pos: Iterable[str] | None = None,
    mwe: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
) -> pd.DataFrame:
    """Turn a token table into the terms that are counted, one row per term occurrence.

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize` (needs ``doc_id, sent_id, token_id,
        start, stop, token, lemma, upos, is_punct, is_stop, in_title``).
    unit
        ``"lemma"``, ``"token"`` (the word form, lowercased), ``"bigram"`` or ``"trigram"`` (lemma
        n-grams of adjacent words in one sentence; punctuation breaks them, and with stop words
        excluded an n-gram containing one is dropped rather than bridged).
    exclude
        ``"punct"`` drops punctuation and symbols, ``"stop"`` stop words (see
        :mod:`corpus_tools.stopwords`), ``"link"`` the pieces of URLs, e-mail addresses,
        @handles, #hashtags and link arrows (``is_link``, see :func:`corpus_tools.tokens.link_spans`;
        a table without that column has none). All three by default; ``("punct", "stop")`` keeps
        links. N-grams never bridge a dropped link.
    pos
        Keep only these UPOS tags (e.g. ``{"NOUN", "PROPN"}``); for n-grams every word must pass.
    mwe
        Multiword expressions counted as single terms, matched on lemmas of adjacent tokens in one
        sentence, longest first and without overlaps: a list of phrases or ``{term: [phrases]}``
        (see :func:`mwe_patterns`). They pass every filter.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, token_id, start, stop, in_title, term``: ``token_id``/``start`` of the
        first and ``stop`` of the last token of the term, so each term can be traced back to the
        text; any further columns of ``tokens`` (e.g. ``source``) follow. In token order.

    Raises
    ------
    TypeError
        ``tokens`` is not a DataFrame.
    ValueError
        A needed column is missing (the message names it); ``unit`` or ``exclude`` is invalid; a multiword
        expression has fewer than two words.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> toks = ct.tokenize(["Глава Белого дома принял лидеров."])
    >>> terms(toks, mwe=["Белый дом"]).term.tolist()
    ['глава', 'белый дом', 'принять', 'лидер']
    >>> terms(toks, unit="bigram").term.tolist()
    ['глава белый', 'белый дом', 'дом принять', 'принять лидер']
    """
    exclude = tuple(exclude)
    _check(unit, exclude)
    _require(tokens, unit, pos, terms_ok=False)
    n = _NGRAM.get(unit, 1)
    # a categorical lemma column (a table read from a store) stays integer codes for single lemmas:
    # a hundred million strings would not fit in memory
    as_codes = unit == "lemma" and n == 1 and not mwe and isinstance(tokens["lemma"].dtype, pd.CategoricalDtype)
    base = None if as_codes else tokens["token"].astype(str).str.lower() if unit == "token" else tokens["lemma"].astype(str)
    sentence_key = tokens_sentence_key(tokens)
    keep = np.ones(len(tokens), dtype=bool)
    if "punct" in exclude or unit in _NGRAM:
        # punctuation is never part of an n-gram
        keep &= ~tokens["is_punct"].to_numpy(dtype=bool)
    if "link" in exclude and "is_link" in tokens.columns:
        # like punctuation, a link leaves a gap that n-grams do not bridge
        keep &= ~tokens["is_link"].to_numpy(dtype=bool)
    stop = tokens["is_stop"].to_numpy(dtype=bool) if "stop" in exclude else np.zeros(len(tokens), dtype=bool)
    if pos is not None:
        keep &= tokens["upos"].astype(str).isin(set(pos)).to_numpy()
    first = np.arange(len(tokens))
    last = np.arange(len(tokens))
    is_mwe = np.zeros(len(tokens), dtype=bool)
    drop = np.zeros(len(tokens), dtype=bool)
    starts, names = np.zeros(0, dtype=np.int64), []
    if mwe:
        patterns = mwe_patterns(mwe)
        lemma_codes, vocabulary = pd.factorize(tokens["lemma"].astype(str))
        index = {w: i for i, w in enumerate(vocabulary)}
        coded = {tuple(index.get(w, -1) for w in p): t for p, t in patterns.items() if all(w in index for w in p)}
        starts, lengths, names = _match_mwe(lemma_codes, sentence_key, coded)
        for i, k in zip(starts, lengths):
            last[i] = i + k - 1
            is_mwe[i] = True
            drop[i + 1 : i + k] = True
    keep = (keep | is_mwe) & ~drop
    stop = stop & ~is_mwe
    if n == 1:
        rows = np.flatnonzero(keep & ~stop)
        if as_codes:
            lemma = tokens["lemma"].array
            out_terms = pd.Categorical.from_codes(lemma.codes[rows], dtype=lemma.dtype)
        else:
            # taken from the (Arrow) string column without a Python string per row
            out_terms = pd.array(base.array.take(rows), dtype="str")
            if len(starts):
                out_terms[np.searchsorted(rows, starts)] = np.asarray(names, dtype=object)
        out_last = last[rows]
    else:
        words = base.to_numpy(dtype=object)
        words[starts] = names
        # adjacent = consecutive among the kept words of the same sentence (punctuation removed
        # above leaves a gap in the positions, so n-grams never bridge it)
        kept = np.flatnonzero(keep)
        valid = np.ones(max(len(kept) - n + 1, 0), dtype=bool)
        for j in range(1, n):
            a, b = kept[j - 1 : len(kept) - n + j], kept[j : len(kept) - n + 1 + j]
            valid &= (sentence_key[a] == sentence_key[b]) & (first[b] == last[a] + 1)
        for j in range(n):
            valid &= ~stop[kept[j : len(kept) - n + 1 + j]]
        rows = kept[: len(valid)][valid]
        parts = [words[kept[j : len(kept) - n + 1 + j][valid]] for j in range(n)]
        out_terms = pd.array(np.array([" ".join(t) for t in zip(*parts)], dtype=object), dtype="str")
        out_last = last[kept[n - 1 : len(kept)][valid]] if len(valid) else np.zeros(0, dtype=np.int64)
    frame = pd.DataFrame(
        {
            "doc_id": _take(tokens["doc_id"], rows),
            "sent_id": tokens["sent_id"].to_numpy()[rows],
            "token_id": tokens["token_id"].to_numpy()[rows],
            "start": tokens["start"].to_numpy()[rows],
            "stop": tokens["stop"].to_numpy()[out_last],
            "in_title": tokens["in_title"].to_numpy(dtype=bool)[rows],
            "term": out_terms,
        }
    )
    for column in tokens.columns:
        if column not in _TOKEN_COLUMNS:
            frame[column] = _take(tokens[column], rows)
    return frame


def _isin(values: pd.Series, wanted: set) -> np.ndarray:
    """``values.astype(str).isin(wanted)`` as a NumPy mask; a categorical is tested per category."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        per_category = pd.Index(values.cat.categories).astype(str).isin(wanted)
        # code -1 (missing) picks the appended False
        return np.append(per_category, False)[values.cat.codes.to_numpy()]
    return values.astype(str).isin(wanted).to_numpy()


def _take(values: pd.Series, rows: np.ndarray):
    """``values.to_numpy()[rows]`` as a table column; an Arrow string column is taken as is and a
    categorical one stays categorical (the same column, without making a Python string per row)."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow" and values.dtype.na_value is np.nan:
        return values.array.take(rows)
    if isinstance(values.dtype, pd.CategoricalDtype):  # a store's columns: codes, not a string per row
        return pd.Categorical.from_codes(values.array.codes[rows], dtype=values.dtype)
    return values.to_numpy()[rows]


def as_terms(tokens: pd.DataFrame, *, unit: Unit = "lemma", exclude=DEFAULT_EXCLUDE, pos=None, mwe=None) -> pd.DataFrame:
    """Return ``tokens`` if it is already a terms table (has ``term``), else :func:`terms` of it.

    Raises
    ------
    TypeError
        ``tokens`` is not a DataFrame.
    ValueError
        A column needed is missing (named in the message), or ``unit``/``exclude`` is invalid.
    """
    _require(tokens, unit, pos)
    if "term" in tokens.columns:
        return tokens
    return terms(tokens, unit=unit, exclude=exclude, pos=pos, mwe=mwe)


def _dispersion(counts: pd.DataFrame, doc_sizes: pd.DataFrame) -> pd.DataFrame:
    """Juilland's D and Gries' DP per (group, term) from nonzero (group, doc_id, term, n) counts."""
    sizes = doc_sizes[doc_sizes["size"] > 0]
    part = sizes.groupby("group", observed=True).agg(parts=("size", "size"), total=("size", "sum"))
    c = counts.merge(sizes[["group", "doc_id", "size"]], on=["group", "doc_id"])
    c = c.join(part, on="group")
    c["p"] = c["n"] / c["size"]  # relative frequency in the document
    c["p2"] = c["p"] ** 2
    c["w"] = c["size"] / c["total"]  # the document's share of the group
    c["f"] = c.groupby(["group", "term"], observed=True)["n"].transform("sum")
    c["dev"] = (c["n"] / c["f"] - c["w"]).abs() - c["w"]
    agg = c.groupby(["group", "term"], observed=True).agg(
        sum_p=("p", "sum"), sum_p2=("p2", "sum"), dev=("dev", "sum"), parts=("parts", "first")
    )
    d, dp = dispersion_measures(agg["sum_p"], agg["sum_p2"], agg["parts"], agg["dev"])
    return pd.DataFrame({"juilland_d": d, "gries_dp": dp}).reset_index()


def dispersion_measures(sum_p: pd.Series, sum_p2: pd.Series, parts: pd.Series, dev: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Juilland's D and Gries' DP from sums over the documents where a term occurs.

    ``sum_p`` and ``sum_p2`` add up the term's relative frequency in each document and its square,
    ``parts`` is the number of documents of the group, ``dev`` adds up ``|n/f - w| - w`` (``w`` the
    document's share of the group, ``f`` the term's total), so the documents without the term
    contribute through the constant 1 of DP = 0.5·(1 + dev). These sums add up over any split of
    the documents, which is what lets ``corpus_tools.store.frequency`` work partition by partition.
    """
    mean = sum_p / parts
    var = (sum_p2 / parts - mean**2).clip(lower=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = 1 - (np.sqrt(var) / mean) / np.sqrt(parts - 1)
    return d.where(parts > 1), (0.5 * (1 + dev)).clip(lower=0)


def frequency(
    tokens: pd.DataFrame,
    *,
    by: str | None = None,
    unit: Unit = "lemma",
    docs: pd.DataFrame | None = None,
    exclude: Iterable[str] = DEFAULT_EXCLUDE,
    pos: Iterable[str] | None = None,
    mwe: Iterable[str] | Mapping[str, Iterable[str]] | None = None,
    min_count: int = 1,
) -> pd.DataFrame:
    """Count terms per group, with their dispersion across the group's documents.

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize`, or a terms table of :func:`terms` (then
        ``unit``, ``exclude``, ``pos`` and ``mwe`` are not applied again). Filter it first to count
        a part only, e.g. ``tokens[tokens.in_title]`` for headlines.
    by
        A column to group by (e.g. ``"source"``), taken from ``tokens`` or, if absent there, from
        ``docs`` via ``doc_id``. None counts the whole corpus as one group named ``"all"``.
    unit, exclude, pos, mwe
        What is counted; see :func:`terms`.
    docs
        The documents table of :func:`corpus_tools.read_corpus`, needed when ``by`` is a document
        column that ``tokens`` lacks.
    min_count
        Drop terms whose frequency in the group is below this (after all statistics are computed).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``term``, ``frequency`` (count in the group); ``per_10k`` (count per 10,000
        counted terms of the group, so it sums to 10,000 per group before ``min_count``);
        ``docfreq`` (documents of the group containing the term); ``rank`` (1 = most frequent;
        ties share the lowest rank); and two measures of dispersion over the group's documents
        with at least one counted term (the parts, of sizes :math:`s_i` = counted terms, shares
        :math:`w_i = s_i / \\sum s`; :math:`v_i` = the term's count in part *i*, :math:`f = \\sum v_i`):

        * ``juilland_d`` — Juilland's D (Juilland & Chang-Rodríguez 1964, *Frequency Dictionary
          of Spanish Words*), computed on relative frequencies :math:`p_i = v_i / s_i` so parts
          of unequal size are comparable (as reviewed by Gries 2008):
          :math:`D = 1 - \\frac{\\sigma(p)/\\bar p}{\\sqrt{n - 1}}` with the population standard
          deviation over all *n* parts; 1 = perfectly even, 0 = in one part only. NaN for *n* = 1.
        * ``gries_dp`` — Gries' deviation of proportions (Gries 2008, "Dispersions and adjusted
          frequencies in corpora", *International Journal of Corpus Linguistics* 13(4):403–437):
          :math:`DP = \\tfrac12 \\sum_i |v_i / f - w_i|`; 0 = distributed exactly as the parts'
          sizes, towards 1 = concentrated in a small part.

        Sorted by group (the largest, by counted terms, first; ties by name), frequency
        descending, then term.

    Raises
    ------
    TypeError
        ``tokens`` is not a DataFrame.
    ValueError
        A needed column is missing (the message names it); ``unit``/``exclude`` is invalid; ``min_count`` < 1;
        ``by`` is in neither table or some token's document is not in ``docs``.

    Notes
    -----
    :func:`terms` turns the token table into the units that are counted (lemmas, word forms, lemma
    n-grams, multiword expressions), applying the stop-word, punctuation and POS filters once;
    :func:`frequency` counts them per group with their dispersion across documents. Both
    :func:`frequency` and :func:`corpus_tools.keyness` accept either a token table or a terms table
    (anything with a ``term`` column), so a custom unit is built once and reused.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": 0, "token_id": [0, 1, 0],
    ...                      "lemma": ["мир", "мир", "война"], "token": ["Мир", "мира", "война"],
    ...                      "upos": "NOUN", "is_punct": False, "is_stop": False, "in_title": False,
    ...                      "start": 0, "stop": 1})
    >>> frequency(toks)[["term", "frequency", "per_10k", "docfreq", "rank", "gries_dp"]]
        term  frequency      per_10k  docfreq  rank  gries_dp
    0    мир          2  6666.666667        1     1  0.333333
    1  война          1  3333.333333        1     2  0.666667
    """
    if min_count < 1:
        raise ValueError(f"min_count = {min_count} is invalid; value must be >= 1")
    table = as_terms(tokens, unit=unit, exclude=exclude, pos=pos, mwe=mwe)
    # count on integer codes; labels are put back at the end
    doc_codes, doc_names = pd.factorize(table["doc_id"])
    group_codes, group_names = _groups(table, by, docs, doc_codes, doc_names) if by else (np.zeros(len(table), dtype=np.int64), pd.Index(["all"]))
    if table.empty:
        dtypes = {"frequency": "int64", "docfreq": "int64", "rank": "int64", "per_10k": "float64", "juilland_d": "float64", "gries_dp": "float64"}
        return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, object)) for c in FREQUENCY_COLUMNS})
    term_codes, term_names = _factorize_labels(table["term"])
    codes = pd.DataFrame({"group": group_codes, "doc_id": doc_codes, "term": term_codes})
    per_doc = codes.groupby(["group", "doc_id", "term"], sort=False).size().rename("n").reset_index()
    doc_sizes = per_doc.groupby(["group", "doc_id"], sort=False)["n"].sum().rename("size").reset_index()
    counts = per_doc.groupby(["group", "term"], sort=False).agg(frequency=("n", "sum"), docfreq=("n", "size")).reset_index()
    totals = counts.groupby("group")["frequency"].transform("sum")
    counts["per_10k"] = counts["frequency"] / totals * 10_000
    counts = counts.merge(_dispersion(per_doc, doc_sizes), on=["group", "term"], how="left")
    counts["group"] = np.asarray(group_names, dtype=object)[counts["group"].to_numpy()]
    counts["term"] = np.asarray(term_names, dtype=object)[counts["term"].to_numpy()]
    counts["_group_size"] = totals.to_numpy()  # the group's counted terms: the largest group comes first
    counts = counts[counts["frequency"] >= min_count]
    counts = counts.sort_values(["_group_size", "group", "frequency", "term"], ascending=[False, True, False, True], kind="mergesort")
    counts["rank"] = counts.groupby("group")["frequency"].rank(method="min", ascending=False).astype("int64")
    counts = counts.astype({"frequency": "int64", "docfreq": "int64"})
    return counts[FREQUENCY_COLUMNS].reset_index(drop=True)


def _groups(table: pd.DataFrame, by: str, docs: pd.DataFrame | None, doc_codes: np.ndarray, doc_names: pd.Index) -> tuple[np.ndarray, pd.Index]:
    """Group codes of the rows of ``table`` and the group labels, as ``_factorize_labels(attach(table, by, docs)[by])``.

    A column of ``docs`` is looked up once per document rather than once per row.
    """
    if by in table.columns or (doc_codes < 0).any():
        return _factorize_labels(attach(table, by, docs)[by])
    try:
        per_document = attach(pd.DataFrame({"doc_id": doc_names}), by, docs)
    except ValueError:
        attach(table, by, docs)  # the same error, with its count of tokens
        raise
    codes, labels = _factorize_labels(per_document[by])
    return codes[doc_codes], labels


def _factorize_labels(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and string labels; a categorical is coded without making a string per row."""
    if isinstance(values.dtype, pd.CategoricalDtype) and not values.isna().any():
        codes, uniques = pd.factorize(values)
        return codes, pd.Index(np.asarray(uniques.astype(str), dtype=object))
    return pd.factorize(values.astype(str))


def word_forms(tokens: pd.DataFrame, lemmas: Iterable[str], *, by: str | None = None, docs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Count the word forms in which each of ``lemmas`` appears, per group: how outlets name things.

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize`.
    lemmas
        The lemmas to look at (e.g. ``["токаев", "путин"]``); compared lowercased, ё as е.
    by, docs
        Grouping as in :func:`frequency`; None gives one group ``"all"``.

    Returns
    -------
    pandas.DataFrame
        ``group, lemma, form, frequency, share`` where ``form`` is the token lowercased and
        ``share`` its fraction of the lemma's occurrences in the group; sorted by group, lemma,
        frequency descending, form.

    Raises
    ------
    TypeError
        ``lemmas`` is a single string.
    ValueError
        ``tokens`` is not a table with ``doc_id``, ``lemma`` and ``token``; ``by`` is in neither
        table or some token's document is not in ``docs``.

    Examples
    --------
    >>> toks = pd.DataFrame({"doc_id": ["a"] * 3, "lemma": ["путин", "путин", "мир"],
    ...                      "token": ["Путин", "Путину", "мир"]})
    >>> word_forms(toks, ["Путин"])
      group  lemma    form  frequency  share
    0   all  путин   путин          1    0.5
    1   all  путин  путину          1    0.5
    """
    if isinstance(lemmas, str):
        raise TypeError(f"lemmas must be a list of lemmas, not one string; wrap it: [{lemmas!r}]")
    missing = [c for c in ("doc_id", "lemma", "token") if c not in getattr(tokens, "columns", ())]
    if not isinstance(tokens, pd.DataFrame) or missing:
        raise ValueError(f"tokens lacks column(s) {missing or ['doc_id', 'lemma', 'token']}; pass the table of corpus_tools.tokenize")
    wanted = {str(w).lower().replace("ё", "е") for w in lemmas}
    mask = _isin(tokens["lemma"], wanted)
    joined_late = by and by not in tokens.columns and docs is not None and "doc_id" in docs.columns
    if joined_late and pd.Index(pd.unique(tokens["doc_id"])).isin(docs["doc_id"]).all():
        # every document is in docs: the column is joined to the hits only
        hits = attach(tokens[mask], by, docs)
    else:
        hits = (attach(tokens, by, docs) if by else tokens)[mask]
    frame = pd.DataFrame(
        {
            "group": hits[by].astype(str).to_numpy() if by else np.full(len(hits), "all", dtype=object),
            "lemma": hits["lemma"].astype(str).to_numpy(),
            "form": hits["token"].astype(str).str.lower().to_numpy(),
        }
    )
    counts = frame.groupby(["group", "lemma", "form"]).size().rename("frequency").reset_index()
    counts["share"] = counts["frequency"] / counts.groupby(["group", "lemma"])["frequency"].transform("sum")
    counts = counts.sort_values(["group", "lemma", "frequency", "form"], ascending=[True, True, False, True], kind="mergesort")
    return counts.astype({"frequency": "int64"}).reset_index(drop=True)
