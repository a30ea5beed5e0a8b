"""Keyword in context: every occurrence of a word or phrase with the words around it.

:func:`kwic` finds a pattern in the token table of :func:`corpus_tools.tokenize` — by lemma, so
«Токаев» also finds «Токаева» and «Токаевым», or by word form — and returns one row per hit with
its left and right context and its character offsets into :func:`corpus_tools.document_text`, so
every line of a concordance can be traced back to the text.
"""

from __future__ import annotations

import re
from typing import Literal

import numpy as np
import pandas as pd

from corpus_tools.morphology import fold_yo, tag_words
from corpus_tools.tokens import document_text

On = Literal["lemma", "token"]
COLUMNS = ["doc_id", "sent_id", "token_id", "left", "match", "right", "start", "stop"]
DOC_COLUMNS = ["source", "date"]
_TOKEN_COLUMNS = ["doc_id", "sent_id", "token_id", "start", "stop", "token"]
_LINE_BREAK = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")


def kwic(
    tokens: pd.DataFrame,
    pattern: str,
    *,
    docs: pd.DataFrame | None = None,
    window: int = 7,
    on: On = "lemma",
    regex: bool = False,
    ignore_case: bool = True,
) -> pd.DataFrame:
    """Return one row per occurrence of ``pattern``, with ``window`` tokens of context each side.

    Parameters
    ----------
    tokens
        The token table of :func:`corpus_tools.tokenize` (needs ``doc_id, sent_id, token_id,
        start, stop, token`` and the ``on`` column). Not modified; its rows may be in any order.
    pattern
        One word, or several separated by spaces that must match consecutive tokens of one
        document (punctuation tokens count, so «Белый дом» must be adjacent). Each word is an
        exact word, a glob with ``*`` (any characters) and ``?`` (one character) such as
        ``"казах*"``, or with ``regex=True`` a Python regular expression that must match the
        whole token (``re.fullmatch``). «ё» and «е» are the same letter everywhere.
    docs
        The documents table of :func:`corpus_tools.read_corpus` (``doc_id``, ``text``, optional
        ``title``, ``source``, ``date``). With it, ``left``, ``match`` and ``right`` are exact
        slices of the document text and ``source`` and ``date`` are added; without it they are
        the tokens joined by single spaces.
    window
        Number of tokens of context on each side (punctuation counts), never crossing into
        another document; 0 gives empty contexts.
    on
        ``"lemma"`` matches lemmas: an exact word matches its own lowercase form and its lemma,
        found by analysing the pattern as words inside a sentence (so «Белого дома» and
        «Путина» work as patterns). ``"token"`` matches the word form only. Lemmas are
        lowercase, so globs and regexes on lemmas should be lowercase unless ``ignore_case``.
    regex
        Treat each pattern word as a regular expression instead of an exact word or glob.
    ignore_case
        Compare case-insensitively (for a regex, with ``re.IGNORECASE``).

    Returns
    -------
    pandas.DataFrame
        Columns, in this order:

        - ``doc_id``, ``sent_id``, ``token_id``: of the first token of the hit (dtypes of ``tokens``);
        - ``left``, ``match``, ``right`` (str): the context before, the hit, the context after.
          With ``docs``, ``match`` is ``text[start:stop]`` and the contexts are the text from
          the first context token to the hit and from the hit to the last context token,
          stripped, with line breaks turned into one space;
        - ``start``, ``stop``: character offsets of the hit in
          ``document_text(docs)`` of its document, from the first token's ``start`` to the last
          token's ``stop``;
        - ``source``, ``date``: only when ``docs`` is given, from ``docs`` (missing if it lacks them).

        Sorted by document (in order of first appearance in ``tokens``), then ``token_id``. No hit
        gives an empty table with the same columns. Hits of a multiword pattern may overlap
        (``"* *"`` starts a hit at every token but a document's last).

    Raises
    ------
    ValueError
        For an empty pattern, an invalid regex, ``window`` that is not an int >= 0, an unknown
        ``on``, missing columns, or ``docs`` that lack a document of ``tokens`` or whose text
        does not match the token offsets.

    Notes
    -----
    :func:`kwic` finds a pattern in the token table of :func:`corpus_tools.tokenize` — by lemma, so
    «Токаев» also finds «Токаева» and «Токаевым», or by word form — and returns one row per hit with
    its left and right context and its character offsets into :func:`corpus_tools.document_text`, so
    every line of a concordance can be traced back to the text.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> text = "Путин принял Токаева. Токаев поблагодарил Путина."
    >>> docs = pd.DataFrame({"doc_id": ["d1"], "text": [text]})
    >>> toks = ct.tokenize(docs)
    >>> kwic(toks, "Токаев", docs=docs, window=2)[["token_id", "left", "match", "right", "start", "stop"]]
       token_id          left    match                right  start  stop
    0         2  Путин принял  Токаева             . Токаев     13    20
    1         4      Токаева.   Токаев  поблагодарил Путина     22    28
    >>> kwic(toks, "принять токаев", window=1)[["left", "match", "right"]]
        left           match right
    0  Путин  принял Токаева     .
    """
    _check_arguments(tokens, pattern, window, on)
    words = pattern.split()
    # order: documents by first appearance, then token_id; skip the sort when already in order
    doc_codes, doc_names = pd.factorize(tokens["doc_id"], sort=False)
    token_ids = tokens["token_id"].to_numpy(dtype=np.int64)
    order = None
    if len(tokens) > 1:
        step_doc = np.diff(doc_codes)
        in_order = (step_doc > 0) | ((step_doc == 0) & (np.diff(token_ids) > 0))
        if not in_order.all():
            order = np.lexsort((token_ids, doc_codes))
            doc_codes, token_ids = doc_codes[order], token_ids[order]

    masks = _word_masks(tokens[on], words, on=on, regex=regex, ignore_case=ignore_case, order=order)
    k = len(words)
    n = len(doc_codes)
    hits = np.flatnonzero(masks[0][: max(n - k + 1, 0)])
    for j in range(1, k):
        # the j-th word must be the very next token of the same document
        following = hits + j
        adjacent = (doc_codes[following] == doc_codes[hits]) & (token_ids[following] == token_ids[hits] + j)
        hits = hits[masks[j][following] & adjacent]

    def rows_of(positions: np.ndarray) -> np.ndarray:
        return positions if order is None else order[positions]

    last = hits + k - 1
    first_rows, last_rows = rows_of(hits), rows_of(last)
    table = pd.DataFrame({c: tokens[c].take(first_rows).reset_index(drop=True) for c in ("doc_id", "sent_id", "token_id")})
    # context bounds in document order, clipped to the hit's document
    left_from = np.maximum(hits - window, np.searchsorted(doc_codes, doc_codes[hits], side="left"))
    right_to = np.minimum(last + 1 + window, np.searchsorted(doc_codes, doc_codes[hits], side="right"))
    if docs is None:
        left, match, right = _joined(tokens["token"], rows_of, hits, last, left_from, right_to)
    else:
        texts = _texts(docs, doc_names, doc_codes[hits])
        bounds = first_rows, last_rows, rows_of(left_from), rows_of(right_to - 1)
        left, match, right = _sliced(tokens, texts, doc_codes[hits], bounds, left_from < hits, right_to > last + 1)
    table["left"] = pd.Series(left, dtype="str")
    table["match"] = pd.Series(match, dtype="str")
    table["right"] = pd.Series(right, dtype="str")
    table["start"] = tokens["start"].take(first_rows).reset_index(drop=True)
    table["stop"] = tokens["stop"].take(last_rows).reset_index(drop=True)
    if docs is not None:
        unique_docs = docs.drop_duplicates("doc_id").set_index("doc_id")
        for column in DOC_COLUMNS:
            if column in unique_docs.columns:
                table[column] = unique_docs[column].reindex(table["doc_id"]).reset_index(drop=True)
            else:
                table[column] = np.nan
    return table


def _check_arguments(tokens: pd.DataFrame, pattern: str, window: int, on: str) -> None:
    if on not in ("lemma", "token"):
        raise ValueError(f"on={on!r} is invalid; use 'lemma' or 'token'")
    if not isinstance(pattern, str):
        raise ValueError(f"pattern={pattern!r} is invalid; pass a string such as 'Токаев' or 'Белый дом'")
    if not pattern.strip():
        raise ValueError("pattern is empty; pass one or more space-separated words such as 'Токаев' or 'Белый дом'")
    if isinstance(window, (bool, np.bool_)) or not isinstance(window, (int, np.integer)):
        raise ValueError(f"window = {window!r} is invalid; value must be an int >= 0")
    if window < 0:
        raise ValueError(f"window = {window} is invalid; value must be >= 0")
    if not isinstance(tokens, pd.DataFrame):
        raise ValueError(f"tokens must be the table of corpus_tools.tokenize, got {type(tokens).__name__}")
    missing = [c for c in dict.fromkeys([*_TOKEN_COLUMNS, on]) if c not in tokens.columns]
    if missing:
        raise ValueError(f"tokens lacks column(s) {missing}; pass the table of corpus_tools.tokenize")


def _normalize(text: str, ignore_case: bool) -> str:
    return fold_yo(text.lower() if ignore_case else text)


def _word_masks(values: pd.Series, words: list[str], *, on: str, regex: bool, ignore_case: bool, order) -> list:
    """One boolean mask per pattern word over the tokens in document order, tested once per distinct value."""
    codes, uniques = pd.factorize(values, sort=False)
    if order is not None:
        codes = codes[order]
    distinct = pd.Series(uniques, dtype="str")
    if ignore_case and not regex:
        distinct = distinct.str.lower()
    distinct = distinct.str.replace("ё", "е").str.replace("Ё", "Е")
    lemmas = _pattern_lemmas(words) if on == "lemma" and not regex else [None] * len(words)
    masks = []
    for word, lemma in zip(words, lemmas):
        test = _matcher(word, regex=regex, ignore_case=ignore_case, lemma=lemma)
        if isinstance(test, set):
            matched = distinct.isin(test).to_numpy(dtype=bool)
        else:
            matched = np.fromiter(map(test, distinct.tolist()), dtype=bool, count=len(distinct))
        # code -1 (a missing value) looks up the appended False
        masks.append(np.append(matched, False)[codes])
    return masks


def _pattern_lemmas(words: list[str]) -> list[str | None]:
    """The lemma of each exact word (None for a glob), analysed as a phrase not opening a sentence."""
    if all(_is_glob(w) for w in words):
        return [None] * len(words)
    # "и" first: «Белого дома» is analysed as a name inside a sentence, as frequency.mwe_patterns does
    tagged = tag_words(["и", *words])["lemma"].iloc[1:]
    return [None if _is_glob(w) else lemma for w, lemma in zip(words, tagged)]


def _is_glob(word: str) -> bool:
    return "*" in word or "?" in word


def _matcher(word: str, *, regex: bool, ignore_case: bool, lemma: str | None):
    """Return a test of one normalized distinct value against one pattern word, or the set of exact values."""
    if regex:
        try:
            compiled = re.compile(fold_yo(word), re.IGNORECASE if ignore_case else 0)
        except re.error as err:
            message = f"pattern word {word!r} is not a valid regular expression ({err}); fix it or pass regex=False"
            raise ValueError(message) from None
        return lambda value: compiled.fullmatch(value) is not None
    if _is_glob(word):
        body = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in _normalize(word, ignore_case))
        compiled = re.compile(body, re.DOTALL)
        return lambda value: compiled.fullmatch(value) is not None
    wanted = {_normalize(word, ignore_case)}
    if lemma is not None:
        # lemmas are lowercase: the word itself is compared lowercased too
        wanted |= {fold_yo(word.lower()), fold_yo(lemma)}
    return wanted


def _joined(token: pd.Series, rows_of, hits, last, left_from, right_to) -> tuple[list, ...]:
    """Contexts and matches as tokens joined by single spaces."""
    lengths = right_to - left_from
    total = int(lengths.sum())
    if total < len(token):
        # few hits: fetch only the tokens shown, hit after hit
        base = np.cumsum(lengths) - lengths
        positions = np.arange(total) - np.repeat(base - left_from, lengths)
        words = token.take(rows_of(positions)).to_numpy(dtype=object)
    else:
        base = left_from
        words = token.take(rows_of(np.arange(len(token)))).to_numpy(dtype=object)
    left, match, right = [], [], []
    for b, a, first, final, stop in zip(base, left_from, hits, last, right_to):
        shown = words[b : b + stop - a]
        left.append(" ".join(shown[: first - a]))
        match.append(" ".join(shown[first - a : final + 1 - a]))
        right.append(" ".join(shown[final + 1 - a :]))
    return left, match, right


def _texts(docs: pd.DataFrame, doc_names: pd.Index, hit_codes: np.ndarray) -> dict[int, str]:
    """The document text of each document with a hit, by its code in ``doc_names``."""
    if not isinstance(docs, pd.DataFrame) or "doc_id" not in docs.columns or "text" not in docs.columns:
        raise ValueError(
            "docs must be the read_corpus table with columns 'doc_id' and 'text' (and maybe 'title'); "
            "pass docs=None to join the tokens instead"
        )
    unique_docs = docs.drop_duplicates("doc_id")
    position = pd.Series(np.arange(len(unique_docs)), index=pd.Index(unique_docs["doc_id"])).reindex(doc_names)
    absent = position.isna().to_numpy()
    if absent.any():
        raise ValueError(
            f"docs lacks {int(absent.sum())} document(s) of tokens, e.g. doc_id {doc_names[absent][0]!r}; "
            "pass the docs the tokens were made from"
        )
    needed = np.unique(hit_codes)
    texts = document_text(unique_docs.iloc[position.to_numpy(dtype=np.int64)[needed]])
    return dict(zip(needed.tolist(), texts.tolist()))


def _sliced(tokens: pd.DataFrame, texts: dict[int, str], hit_codes, bounds, has_left, has_right) -> tuple[list, ...]:
    """Contexts and matches as exact slices of the document text."""
    first_rows, last_rows, left_rows, right_rows = bounds
    starts = tokens["start"].to_numpy(dtype=np.int64)
    stops = tokens["stop"].to_numpy(dtype=np.int64)
    words = tokens["token"].take(first_rows).to_numpy(dtype=object)
    left, match, right = [], [], []
    for code, word, first, final, a, b, with_left, with_right in zip(
        hit_codes.tolist(), words, first_rows, last_rows, left_rows, right_rows, has_left, has_right
    ):
        text = texts[code]
        if text[starts[first] : stops[first]] != word:
            raise ValueError(
                f"docs do not match tokens: token {word!r} at {starts[first]}:{stops[first]} reads "
                f"{text[starts[first] : stops[first]]!r}; pass the docs the tokens were made from"
            )
        match.append(text[starts[first] : stops[final]])
        left.append(_LINE_BREAK.sub(" ", text[starts[a] : starts[first]]).strip() if with_left else "")
        right.append(_LINE_BREAK.sub(" ", text[stops[final] : stops[b]]).strip() if with_right else "")
    return left, match, right
