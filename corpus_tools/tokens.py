"""Split documents into sentences and tokens, with lemma, part of speech, stop-word and link flags.

Every token carries ``start``/``stop`` character offsets into the *document text* returned by
:func:`document_text` (the title, a blank line, then the body), so any count can be traced back
to the words that produced it: ``document_text(docs)[doc][start:stop] == token``.

Links are kept as tokens, split as razdel splits them (``https://t.me/x`` is ``https``, ``:``,
``/``, ``/``, ``t``, ``.``, ``me``, ``/``, ``x``), and flagged ``is_link``: every token that
overlaps a span of :func:`link_spans` (a URL with or without a scheme, an e-mail address, an
@handle, a #hashtag, a link arrow such as «👉» or «➡читать»). Content terms leave them out by
default (:func:`corpus_tools.terms`, and so frequency, keyness, co-occurrence and networks).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
from razdel import sentenize  # the reference pipeline only
from razdel import tokenize as razdel_tokenize

from corpus_tools import morphology, names, parallel
from corpus_tools.morphology import POS_TAGS, UPOS_TAGS, YoPolicy
from corpus_tools.segmentation import sentenize_spans, tokenize_coded
from corpus_tools.stopwords import stopword_mask

Lemmatizer = Callable[[str, bool], tuple[str, str, str]]

COLUMNS = (
    "doc_id", "sent_id", "token_id", "start", "stop", "token",
    "lemma", "pos", "upos", "is_punct", "is_stop", "is_link", "in_title",
)  # fmt: skip
TITLE_SEPARATOR = "\n\n"
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")

# --- links: what link_spans finds, one alternative per kind (the first that matches wins) ---
# the end of a URL: not a space, quote, bracket or a sentence's final punctuation
_URL_TAIL = r"(?:[^\s<>«»\"“”„'()\[\]{}]*[^\s<>«»\"“”„'()\[\]{}.,;:!?…])?"
# top-level domains that news texts link to; a bare «слово.ru» without them is not taken for a link
_TLDS = "ru|su|com|net|org|info|biz|me|io|tv|news|media|online|site|pro|ua|by|kz|uz|kg|am|ge|az|md|tj|tm|de|uk|us|eu|ly|gl|cc|co|to|be|fm|рф|рус"
_ARROW_CHARS = "[➡→⇒⟶▶►⏩👉👇👆⬇↓⤵🔗📎☝]"
_ARROW = _ARROW_CHARS + "[\ufe0f\U0001f3fb-\U0001f3ff]?"  # with an emoji presentation or skin tone
# calls to action that go with a link arrow («➡читать», «Читать далее 👉»)
_CALLS = r"(?:читать|читайте|подробнее|подпис\w+|смотреть|смотрите|слушать|слушайте|перейти|переходите|ссылк\w*|источник|далее|полностью|продолжение|тут|здесь)"
_LINK = re.compile(
    "|".join(
        (
            r"(?P<email>(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
            rf"(?P<url>(?:\b(?:https?|ftp)://|\bwww\.){_URL_TAIL})",
            rf"(?P<domain>(?<![\w@./-])(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:{_TLDS})\b(?![.-]?\w)(?:/{_URL_TAIL})?)",
            r"(?P<handle>(?<![\w@.])@[A-Za-z0-9_]{2,}(?:\.[A-Za-z0-9_]+)*)",
            r"(?P<hashtag>(?<![\w#&])#(?=\w*[^\W\d_])\w+)",
            rf"(?P<arrow>(?:\b{_CALLS}(?:[ \t]+{_CALLS})?[ \t:]*)?(?:{_ARROW}[ \t:]*)*{_ARROW}(?:[ \t]*{_CALLS}(?:[ \t]+{_CALLS})?\b)?)",
        )
    ),
    re.I,
)
LINK_KINDS = ("email", "url", "domain", "handle", "hashtag", "arrow")
# every link holds one of these; _LINK runs only on the words around them (most texts have none)
_TRIGGER = re.compile(rf"://|www\.|[@#]|{_ARROW_CHARS}|\.(?:{_TLDS})\b", re.I)
_WORDS_AFTER = re.compile(r"\S*(?:\s+\S+){0,2}")
_SPACES = re.compile(r"\s+")
_LOOK_BACK = 200  # characters; no link starts further before its trigger


def link_spans(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, stop, kind)`` of the links in ``text``, in order, never overlapping.

    Kinds: ``"url"`` (``http(s)://``, ``ftp://`` or ``www.``, up to a space, quote or bracket,
    without final punctuation), ``"domain"`` (a bare ``ria.ru`` or ``t.me/rian_ru`` with a
    top-level domain of the list ``_TLDS``), ``"email"``, ``"handle"`` (``@rian_ru``, Latin
    letters, digits and ``_``), ``"hashtag"`` (``#новости``, at least one letter) and ``"arrow"``
    (link arrows and pointing emoji, with a call to action on the same line right before or
    after them: «➡читать», «Подробнее 👉», «👇»). Scanning is linear in the text's length.

    Examples
    --------
    >>> text = "Подробнее: https://t.me/rian_ru/1, пишите на info@tass.ru, @rian_ru #новости ➡читать"
    >>> [(text[a:b], kind) for a, b, kind in link_spans(text)]  # doctest: +NORMALIZE_WHITESPACE
    [('https://t.me/rian_ru/1', 'url'), ('info@tass.ru', 'email'), ('@rian_ru', 'handle'),
     ('#новости', 'hashtag'), ('➡читать', 'arrow')]
    """
    windows: list[list[int]] = []
    for trigger in _TRIGGER.finditer(text):
        # from two words before the trigger's word (a call to action) to two words after it
        stop = _WORDS_AFTER.match(text, trigger.end()).end()
        if windows and trigger.start() < windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], stop)
            continue
        before = text[max(0, trigger.start() - _LOOK_BACK) : trigger.start()]
        gaps = [gap.end() for gap in _SPACES.finditer(before)]
        start = trigger.start() - len(before) + (gaps[-3] if len(gaps) >= 3 else 0)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = stop  # overlapping windows are scanned as one
        else:
            windows.append([start, stop])
    return [(m.start(), m.end(), m.lastgroup) for start, stop in windows for m in _LINK.finditer(text, start, stop)]


def link_mask(texts: Sequence[str], rows: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Flag each token (``rows[i]``: its text in ``texts``; ``starts``/``stops``: its offsets there)
    that overlaps a span of :func:`link_spans`."""
    n = len(rows)
    if not n:
        return np.zeros(0, dtype=bool)
    span_rows, span_starts, span_stops = [], [], []
    for row, text in enumerate(texts):
        for start, stop, _ in link_spans(text):
            span_rows.append(row)
            span_starts.append(start)
            span_stops.append(stop)
    if not span_rows:
        return np.zeros(n, dtype=bool)
    # one coordinate for (text, offset); spans are sorted and disjoint within a text
    width = max(map(len, texts)) + 1
    rows = np.asarray(rows, dtype=np.int64)
    begin = np.asarray(span_rows, dtype=np.int64) * width + np.asarray(span_starts, dtype=np.int64)
    end = np.asarray(span_rows, dtype=np.int64) * width + np.asarray(span_stops, dtype=np.int64)
    token_start = rows * width + np.asarray(starts, dtype=np.int64)
    token_stop = rows * width + np.asarray(stops, dtype=np.int64)
    # the last span that begins before the token ends overlaps it if it ends after the token begins
    last = np.searchsorted(begin, token_stop, side="left") - 1
    return (last >= 0) & (end[np.maximum(last, 0)] > token_start)


def document_text(docs: pd.DataFrame | pd.Series | Sequence[str]) -> pd.Series:
    """Return the text analysed for each document: ``title + "\\n\\n" + text``, or ``text`` alone.

    The title is used when it is a non-empty string; a missing ``text`` counts as ``""``.
    Token offsets from :func:`tokenize` refer to this string.

    Parameters
    ----------
    docs : DataFrame, Series or list of str
        A table with a ``text`` column and an optional ``title`` column, or the texts themselves.

    Returns
    -------
    pandas.Series of str
        One string per document, indexed like ``docs`` for a DataFrame, 0..n-1 otherwise.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Мир", None], "text": ["Текст.", "Без."]})
    >>> document_text(docs).tolist()
    ['Мир\\n\\nТекст.', 'Без.']
    """
    frame = _as_frame(docs)
    return pd.Series(_document_texts(frame), index=frame.index, dtype="str")


def _document_texts(frame: pd.DataFrame) -> list[str]:
    """The document text of each row of ``frame`` (see :func:`document_text`)."""
    return [(_title(title) + TITLE_SEPARATOR if _title(title) else "") + body for title, body in _parts(frame)]


def tokenize(
    docs: pd.DataFrame | pd.Series | Sequence[str],
    *,
    yo: YoPolicy = "fold",
    stopwords: Collection[str] | None = None,
    lemmatizer: Lemmatizer | None = None,
    n_jobs: int = 1,
    batch_size: int = 2000,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Return one row per token of every document, with its sentence, offsets, lemma and tags.

    The title and the body are split into sentences separately with ``razdel.sentenize`` (so the
    title is at least one sentence even without final punctuation, and a line break always ends a
    sentence: scraped news puts headlines, bylines and list items on lines of their own without
    final punctuation), then into tokens exactly as ``razdel.tokenize`` splits them (computed by
    ``corpus_tools.segmentation``, faster, with identical output). Each distinct
    ``(token, proper)`` pair is analysed once (``corpus_tools.morphology``): a capitalized token is
    in proper context when it is not sentence-initial, or when the document names the same word
    capitalized mid-sentence elsewhere (``morphology.proper_flags``), so «Песков» opening a
    sentence is the press secretary, not sand, if he is named elsewhere in the text. Then each
    sentence's readings are revised where its context decides (``morphology.in_context``:
    possessive «его», ordinal years, «т. д.», female surnames, the learned choice among readings
    of ambiguous function words); not with a custom ``lemmatizer``. Only the document itself counts
    as evidence: results do not depend on how a corpus is batched.

    Parameters
    ----------
    docs : DataFrame, Series or list of str
        A table with columns ``doc_id`` and ``text`` (and optionally ``title``), or the texts
        themselves, in which case ``doc_id`` is the position 0..n-1. Not modified.
    yo : {"fold", "keep"}
        ``"fold"`` writes «ё» in lemmas as «е» (``партнёром`` → ``партнер``); ``"keep"`` keeps
        the dictionary's «ё». Tokens are never changed.
    stopwords : collection of str, optional
        Lemmas that are stop words, replacing the default policy of
        ``corpus_tools.stopwords.stopword_mask`` (function UPOS plus the reviewed lists).
    lemmatizer : callable, optional
        ``lemmatizer(token, proper) -> (lemma, pos, upos)`` used instead of pymorphy3, e.g. a
        fast fake in tests; it is called once per distinct ``(token, proper)`` pair. Values of
        ``pos``/``upos`` outside ``morphology.POS_TAGS``/``UPOS_TAGS`` become missing.
    n_jobs : int
        Worker processes (``-1``: one per CPU). Documents are cut into consecutive batches of
        ``batch_size``; the result is the same, row for row, whatever ``n_jobs`` and
        ``batch_size`` are, because every decision is taken within one document. With more than
        one worker, ``lemmatizer`` must be picklable where processes are not forked (macOS,
        Windows).
    batch_size : int
        Documents per batch, at most (the unit of work of a worker and of the progress bar); a
        batch also ends once its texts hold ``corpus_tools.corpus.BATCH_CHARS`` characters, so
        that batches cost about the same where long articles cluster.
    progress : bool, optional
        Show a progress bar (``tqdm.auto``: a widget in Jupyter, a line in a terminal). None
        (default) shows it for more than one batch unless the environment variable
        ``CORPUS_TOOLS_PROGRESS`` is ``0`` (as in the test suite).

    Returns
    -------
    pandas.DataFrame
        Columns, in this order:

        - ``doc_id``: as in ``docs`` (same dtype), or int64 positions for a list or Series;
        - ``sent_id`` (int32): 0-based sentence number within the document, title first;
        - ``token_id`` (int32): 0-based token number within the document;
        - ``start``, ``stop`` (int32): offsets of the token in ``document_text(docs)``;
        - ``token`` (str): the token as written;
        - ``lemma`` (str): lowercase lemma;
        - ``pos`` (category): pymorphy3 part of speech or token class (PNCT, NUMB, LATN, ROMN, UNKN);
        - ``upos`` (category): Universal Dependencies UPOS (see ``corpus_tools.morphology``);
        - ``is_punct`` (bool): punctuation or symbol (upos PUNCT or SYM);
        - ``is_stop`` (bool): stop word under the policy of ``corpus_tools.stopwords``;
        - ``is_link`` (bool): part of a URL, e-mail address, @handle, #hashtag or link arrow
          (:func:`link_spans`); such tokens are not content terms by default;
        - ``in_title`` (bool): the token is part of the title.

        Rows are in input document order, then ``token_id``. Empty documents give no rows.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["d1"], "title": ["Песков о мире"], "text": ["Дмитрий Песков ответил."]})
    >>> tokenize(docs)[["sent_id", "start", "stop", "token", "lemma", "upos", "is_stop", "in_title"]]
       sent_id  start  stop    token     lemma   upos  is_stop  in_title
    0        0      0     6   Песков    песков  PROPN    False      True
    1        0      7     8        о         о    ADP     True      True
    2        0      9    13     мире       мир   NOUN    False      True
    3        1     15    22  Дмитрий   дмитрий  PROPN    False     False
    4        1     23    29   Песков    песков  PROPN    False     False
    5        1     30    37  ответил  ответить   VERB    False     False
    6        1     37    38        .         .  PUNCT     True     False
    """
    morphology.check_yo(yo)
    frame = _as_frame(docs)
    jobs = parallel.workers(n_jobs)
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size={batch_size!r} is invalid; use a positive number of documents per batch")
    options = {"yo": yo, "stopwords": stopwords, "lemmatizer": lemmatizer}
    bounds = _batch_bounds(frame, batch_size)
    if len(bounds) == 1:
        return _tokenize_frame(frame, **options)
    batches = [frame.iloc[start:stop] for start, stop in zip(bounds, [*bounds[1:], len(frame)])]
    parts = parallel.map_batches(_tokenize_frame, batches, options, n_jobs=jobs, progress=progress, desc="tokenize")
    return pd.concat(parts, ignore_index=True)


def _batch_bounds(frame: pd.DataFrame, batch_size: int) -> list[int]:
    """First rows of consecutive batches: at most ``batch_size`` documents and about
    ``BATCH_CHARS`` characters of title and text each (a longer document is a batch of its own)."""
    from corpus_tools.corpus import BATCH_CHARS

    bounds, docs, chars = [0], 0, 0
    for row, (title, text) in enumerate(_parts(frame)):
        if docs == batch_size or (docs and chars >= BATCH_CHARS):
            bounds.append(row)
            docs, chars = 0, 0
        docs += 1
        chars += len(_title(title)) + len(text)
    return bounds


def _tokenize_frame(frame: pd.DataFrame, *, yo: str, stopwords, lemmatizer) -> pd.DataFrame:
    """:func:`tokenize` of one batch of documents.

    Python touches each token only to split the text; everything after works on integer codes:
    each distinct token is described once (capitalization, letters, openers), the proper-context
    rules of ``morphology.proper_flags`` run as array operations over the batch, each distinct
    ``(token, proper)`` key is analysed once, and ``morphology.revise`` is called only where
    ``morphology.may_revise`` says a context rule can apply. :func:`reference_tokenize` is the
    plain per-sentence version of the same steps; the tests check that both agree.
    """
    seg = _segment(frame)
    n = len(seg.codes)
    tcode, uniques = seg.codes, seg.uniques
    lowered = [w.lower() for w in uniques]
    lower_code = pd.factorize(np.asarray(lowered, dtype=object))[0].astype(np.int64)
    unique_traits = np.fromiter(map(_traits, uniques), dtype=np.int8, count=len(uniques))
    traits = unique_traits[tcode]
    rows = np.repeat(seg.sentence_rows, seg.sizes)

    # which words are initial (morphology.initial_flags), then the candidates of proper context
    sentence_stop = np.repeat(np.cumsum(seg.sizes), seg.sizes)  # per token: end of its sentence
    sentence_first = sentence_stop - np.repeat(seg.sizes, seg.sizes)  # and its first token
    initial = _initial(traits, sentence_first)
    capitalized = (traits & _CAPITALIZED).astype(bool)
    n_lower = len(lowered) + 1
    evidence = capitalized & ~initial
    undecided = capitalized & initial
    if undecided.any():
        named = rows[evidence] * n_lower + lower_code[tcode[evidence]]
        undecided[undecided] = ~np.isin(rows[undecided] * n_lower + lower_code[tcode[undecided]], named)
    decided = capitalized & ~undecided  # proper context for sure; undecided: the analyses decide

    # each distinct (token, proper) key once; its code is its position in the sorted keys
    wanted = np.unique(np.concatenate([tcode[capitalized] * 2 + 1, tcode[~decided] * 2]))
    analyses = _analyse_keys([(uniques[k >> 1], bool(k & 1)) for k in wanted.tolist()], lemmatizer)
    lemmas, pos, upos = _columns(analyses, yo)
    proper = decided
    if undecided.any():
        propn = np.asarray([u == "PROPN" for u in upos], dtype=bool)
        lemma_code = pd.factorize(np.asarray(lemmas, dtype=object))[0].astype(np.int64)
        as_proper = np.searchsorted(wanted, tcode * 2 + 1)
        names_at = decided & propn[np.where(capitalized, as_proper, 0)]
        n_lemmas = len(lemmas) + 1
        names = rows[names_at] * n_lemmas + lemma_code[as_proper[names_at]]
        key = as_proper[undecided]
        proper = decided.copy()
        proper[undecided] = propn[key] & np.isin(rows[undecided] * n_lemmas + lemma_code[key], names)
    codes = np.searchsorted(wanted, tcode * 2 + proper)

    if lemmatizer is None and n:  # the context rules: revised readings get codes after the keys
        extra = _revise(codes, tcode, lowered, analyses, (wanted >> 1).tolist(), sentence_first, sentence_stop)
        if extra:
            extra_lemmas, extra_pos, extra_upos = _columns(extra, yo)
            lemmas, pos, upos = lemmas + extra_lemmas, pos + extra_pos, upos + extra_upos
        # one lemma for the forms of a name within each document (corpus_tools.names)
        capital = np.flatnonzero(unique_traits & _CAPITALIZED)
        lemmas, pos, upos = _harmonize(codes, tcode, uniques, lowered, (lemmas, pos, upos), rows, capital, capitalized & ~initial, yo)

    # per-key values, then one vectorised take per column
    if stopwords is None:
        stop = stopword_mask(lemmas, upos)
    else:
        stop = pd.Series(lemmas, dtype=object).isin(frozenset(stopwords)).to_numpy()
    punct = np.isin(np.asarray(upos, dtype=object), ["PUNCT", "SYM"])
    pos_codes = pd.Categorical(pos, categories=POS_TAGS).codes
    upos_codes = pd.Categorical(upos, categories=UPOS_TAGS).codes
    first_sentence = np.r_[0, np.cumsum(np.bincount(seg.sentence_rows, minlength=len(frame)))[:-1]] if len(frame) else np.zeros(0, np.int64)
    sentence_ids = np.arange(len(seg.sizes)) - first_sentence[seg.sentence_rows]
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if n else rows
    token_id = np.arange(n) - np.repeat(first, np.diff(np.r_[first, n]))
    bases = np.repeat(np.asarray(seg.bases, dtype=np.int64), seg.sizes)
    starts = np.asarray(seg.starts, dtype=np.int64) + bases
    stops = np.asarray(seg.stops, dtype=np.int64) + bases
    links = link_mask(_document_texts(frame), rows, starts, stops)

    return pd.DataFrame(
        {
            "doc_id": frame["doc_id"].take(rows).reset_index(drop=True),
            "sent_id": np.repeat(sentence_ids, seg.sizes).astype(np.int32),
            "token_id": token_id.astype(np.int32),
            "start": starts.astype(np.int32),
            "stop": stops.astype(np.int32),
            "token": _strings(uniques, tcode),
            "lemma": _strings(lemmas, codes),
            "pos": pd.Categorical.from_codes(pos_codes[codes], categories=POS_TAGS),
            "upos": pd.Categorical.from_codes(upos_codes[codes], categories=UPOS_TAGS),
            "is_punct": punct[codes].astype(bool),
            "is_stop": stop[codes].astype(bool),
            "is_link": links,
            "in_title": np.repeat(np.asarray(seg.in_title, dtype=bool), seg.sizes),
        },
        columns=list(COLUMNS),
    )


def _strings(values: list[str], codes: np.ndarray) -> pd.Series:
    """``pd.Series(values[codes], dtype="str")``, with the repetition done by Arrow, not Python."""
    taken = pa.array(values, type=pa.large_string()).take(pa.array(codes, type=pa.int64()))
    return taken.to_pandas(types_mapper={pa.large_string(): pd.StringDtype("pyarrow", na_value=np.nan)}.get)


# traits of a distinct token, one bit each (see morphology.initial_flags)
_CAPITALIZED, _LETTER, _TRANSPARENT, _OPENER, _INITIAL_LETTER, _FULL_STOP = 1, 2, 4, 8, 16, 32


def _traits(word: str) -> int:
    """The bits of one distinct token that the proper-context rules look at."""
    if word.isalpha():  # most tokens: a plain word
        return _LETTER | (_CAPITALIZED if word[0].isupper() and not word.isupper() else 0) | (_INITIAL_LETTER if len(word) == 1 and word.isupper() else 0)
    bits = _CAPITALIZED if morphology.is_capitalized(word) else 0
    if any(ch.isalpha() for ch in word):
        bits |= _LETTER
    if all(ch in morphology.TRANSPARENT_CHARS for ch in word):
        bits |= _TRANSPARENT
    if all(ch in morphology.OPENER_CHARS for ch in word):
        bits |= _OPENER
    if word == ".":
        bits |= _FULL_STOP
    return bits


def _initial(traits: np.ndarray, first: np.ndarray) -> np.ndarray:
    """``morphology.initial_flags`` of every sentence at once, from the tokens' traits.

    ``first[i]`` is the index of the first token of token ``i``'s sentence. A token is initial
    when no earlier token of its sentence has a letter, or when the previous non-transparent
    token is an opener (not a full stop after a one-letter capital).
    """
    n = len(traits)
    letter = (traits & _LETTER).astype(np.int64)
    letters_before = np.cumsum(letter) - letter
    seen_letter = letters_before > letters_before[first]
    # the nearest non-transparent token before each token (-1: none), over the whole batch
    latest = np.empty(n, dtype=np.int64)
    latest[:1] = -1
    latest[1:] = np.maximum.accumulate(np.where(traits & _TRANSPARENT, -1, np.arange(n)))[:-1]
    has_previous = latest >= first
    previous = np.where(has_previous, latest, 0)
    before = latest[previous]  # the one before that
    has_before = has_previous & (before >= first)
    opener = has_previous & (traits[previous] & _OPENER).astype(bool)
    after_initial = (traits[previous] & _FULL_STOP).astype(bool) & has_before & (traits[np.where(has_before, before, 0)] & _INITIAL_LETTER).astype(bool)
    return ~seen_letter | (opener & ~after_initial)


def _revise(
    codes: np.ndarray, tcode: np.ndarray, lowered: list[str], analyses: list, key_tokens: list[int], first: np.ndarray, stop: np.ndarray
) -> list:
    """Apply ``morphology.revise`` wherever ``morphology.revision_kind`` allows; update ``codes``.

    ``key_tokens[k]`` is the distinct token of key ``k``; ``first``/``stop`` give, per token, the
    first token of its sentence and the end of it. Neighbours are read from the per-form
    readings, as ``morphology.in_context`` does. Where only the learned model applies, the
    result depends on the word and its neighbours' UPOS alone, so ``revise`` runs once per
    distinct (key, previous UPOS, next UPOS). Returns the revised readings; the code of the
    ``i``-th is ``len(analyses) + i``.
    """
    model = morphology.context_model()
    kinds = np.fromiter(
        (morphology.revision_kind(lowered[t], a, model) for t, a in zip(key_tokens, analyses)), dtype=np.int8, count=len(analyses)
    )
    kind = kinds[codes]
    positions = np.flatnonzero(kind != morphology.NO_REVISION)
    if not len(positions):
        return []
    has_before = positions > first[positions]
    has_after = positions + 1 < stop[positions]
    # positions that only the model can revise: one call per distinct (key, UPOS before, UPOS after)
    upos_code, upos_values = pd.factorize(np.asarray([a[2] for a in analyses], dtype=object))
    edge = len(upos_values)  # BOS/EOS: outside the UPOS codes
    before = np.where(has_before, upos_code[codes[np.maximum(positions - 1, 0)]], edge)
    after = np.where(has_after, upos_code[codes[np.minimum(positions + 1, len(codes) - 1)]], edge)
    by_upos = kind[positions] == morphology.BY_NEIGHBOURS_UPOS
    context = (codes[positions] * (edge + 1) + before) * (edge + 1) + after
    context[~by_upos] = -1 - np.arange(int((~by_upos).sum()))  # every other position is its own case
    _, first, inverse = np.unique(context, return_index=True, return_inverse=True)

    code_list, token_list = codes.tolist(), tcode.tolist()  # snapshots: neighbours keep their own reading
    revised: dict = {}
    base = len(analyses)
    chosen_codes = []
    for j in first.tolist():
        i = int(positions[j])
        before_ok, after_ok = bool(has_before[j]), bool(has_after[j])
        chosen = morphology.revise(
            lowered[token_list[i - 1]] if before_ok else "",
            lowered[token_list[i]],
            lowered[token_list[i + 1]] if after_ok else "",
            analyses[code_list[i - 1]] if before_ok else None,
            analyses[code_list[i]],
            analyses[code_list[i + 1]] if after_ok else None,
            model,
        )
        chosen_codes.append(code_list[i] if chosen is None else revised.setdefault(chosen, base + len(revised)))
    codes[positions] = np.asarray(chosen_codes, dtype=codes.dtype)[inverse.reshape(-1)]
    return list(revised)


def _harmonize(codes, tcode, uniques, lowered, readings, rows, capital, inside, yo) -> tuple[list, list, list]:
    """``names.harmonize_names`` on the codes of a batch: name tokens whose lemma changes (or
    whose UPOS X becomes PROPN) get new keys after the others; updates ``codes`` in place.
    ``capital`` lists the capitalized distinct tokens (the only ones that can be names)."""
    lemmas, pos, upos = readings
    shaped = np.zeros(len(uniques), dtype=bool)
    shaped[capital] = [names.is_name_shaped(uniques[i]) for i in capital.tolist()]
    if not shaped.any():
        return lemmas, pos, upos
    key_upos = np.asarray(upos, dtype=object)
    token_upos = key_upos[codes]
    chosen = np.flatnonzero(names.name_mask(shaped[tcode], token_upos, inside))
    if not len(chosen):
        return lemmas, pos, upos
    fold = yo == "fold"
    forms = pd.Series([morphology.fold_yo(lowered[t]) if fold else lowered[t] for t in tcode[chosen].tolist()], dtype=object)
    current = pd.Series(np.asarray(lemmas, dtype=object)[codes[chosen]], dtype=object)
    new_lemma = names.choose_lemmas(rows[chosen], forms, current)
    unknown = token_upos[chosen] == "X"
    changed = (new_lemma != current.to_numpy(dtype=object)) | unknown
    if not changed.any():
        return lemmas, pos, upos
    keys: dict[tuple, int] = {}
    base = len(lemmas)
    new_codes = []
    for i, lemma, key, is_unknown in zip(chosen[changed].tolist(), new_lemma[changed].tolist(), codes[chosen[changed]].tolist(), unknown[changed].tolist()):
        reading = (lemma, pos[key], "PROPN" if is_unknown else upos[key])
        new_codes.append(keys.setdefault(reading, base + len(keys)))
    codes[chosen[changed]] = np.asarray(new_codes, dtype=codes.dtype)
    added = list(keys)
    return lemmas + [r[0] for r in added], pos + [r[1] for r in added], upos + [r[2] for r in added]


def _analyse_keys(keys: list[tuple[str, bool]], lemmatizer: Lemmatizer | None) -> list:
    """Analyse each distinct (token, proper) key once, lemmas with «ё»; in the order of ``keys``."""
    # invisible characters (soft hyphens, zero-width spaces) in text that did not come through
    # read_corpus are ignored for the look-up only: the token keeps them, so its offsets stay true
    if morphology.has_invisible(word for word, _ in keys):
        words = [(morphology.lookup_form(word), proper) for word, proper in keys]
    else:  # the usual case: one scan of the batch instead of one regex call per key
        words = keys
    if lemmatizer is None:
        return morphology.analyse_many(words, yo="keep")
    return [lemmatizer(word, proper) for word, proper in words]


def _columns(results: list, yo: str) -> tuple[list, list, list]:
    """Lemma (under the ё policy), pos and upos lists of ``(lemma, pos, upos, ...)`` results."""
    lemmas = [morphology.fold_yo(r[0]) if yo == "fold" else r[0] for r in results]
    return lemmas, [r[1] for r in results], [r[2] for r in results]


class _Segments(NamedTuple):
    """The tokens of a batch, flat: offsets are relative to their sentence's ``bases`` entry;
    token ``i`` is ``uniques[codes[i]]``, the distinct tokens in order of first appearance."""

    codes: np.ndarray
    uniques: list[str]
    starts: np.ndarray
    stops: np.ndarray
    sizes: np.ndarray  # tokens per sentence (sentences with tokens only)
    bases: np.ndarray  # offset of each sentence in its document text
    sentence_rows: np.ndarray  # row of each sentence's document in the batch
    in_title: np.ndarray  # per sentence


def _segment(frame: pd.DataFrame) -> _Segments:
    """Split every document of ``frame`` into sentences and tokens (see :func:`tokenize`)."""
    texts: list[str] = []
    bases: list[int] = []
    sentence_rows: list[int] = []
    in_title: list[bool] = []
    for row, (title, body) in enumerate(_parts(frame)):
        parts = _text_parts(title, body)
        for part, offset, title_part in parts:
            for line in _LINE.finditer(part):
                base = offset + line.start()
                for start, text in _sentences(line.group()):
                    texts.append(text)
                    bases.append(base + start)
                    sentence_rows.append(row)
                    in_title.append(title_part)
    # all sentences of the batch at once; sentences without a token are dropped
    index, starts, stops, codes, uniques = tokenize_coded(texts)
    counts = np.bincount(index, minlength=len(texts))
    kept = np.flatnonzero(counts)
    return _Segments(
        codes,
        uniques,
        starts,
        stops,
        counts[kept],
        np.asarray(bases, dtype=np.int64)[kept],
        np.asarray(sentence_rows, dtype=np.int64)[kept],
        np.asarray(in_title, dtype=bool)[kept],
    )


_SENTENCES: dict[str, list[tuple[int, str]]] = {}  # line -> razdel's sentences (repeated lines are common)
_SENTENCES_LIMIT = 200_000
_SENTENCES_MAX_LINE = 1_000


def _sentences(line: str) -> list[tuple[int, str]]:
    """``(start, text)`` of ``razdel.sentenize(line)``'s sentences (``segmentation.sentenize_spans``),
    memoised per line."""
    found = _SENTENCES.get(line)
    if found is None:
        found = sentenize_spans(line)
        if len(line) <= _SENTENCES_MAX_LINE:  # repeats are short lines; long ones would only hold memory
            if len(_SENTENCES) >= _SENTENCES_LIMIT:
                _SENTENCES.clear()
            _SENTENCES[line] = found
    return found


def reference_tokenize(docs: pd.DataFrame | pd.Series | Sequence[str], *, yo: YoPolicy = "fold") -> pd.DataFrame:
    """The plain, unoptimised pipeline behind :func:`tokenize`: the specification it must meet.

    Per document: ``razdel.sentenize`` per line, ``razdel.tokenize`` per sentence,
    ``morphology.proper_flags`` over the document, ``morphology.analyse`` per token and
    ``morphology.in_context`` per sentence. Slow (every step per token in Python); the tests
    compare :func:`tokenize` with it on a real sample. Returns the columns of :func:`tokenize`.
    """
    frame = _as_frame(docs)
    rows = []
    for row, (title, body) in enumerate(_parts(frame)):
        parts = _text_parts(title, body)
        sentences = []
        for part, offset, title_part in parts:
            for line in _LINE.finditer(part):
                for sentence in sentenize(line.group()):
                    base = offset + line.start() + sentence.start
                    found = [(base + t.start, base + t.stop, t.text) for t in razdel_tokenize(sentence.text)]
                    if found:
                        sentences.append((found, title_part))
        words = [[text for _, _, text in found] for found, _ in sentences]
        flags = morphology.proper_flags(words, lambda w, p: morphology.analyse(morphology.lookup_form(w), proper=p, yo=yo))
        token_id = 0
        for sent_id, ((found, title_part), sentence_words, proper) in enumerate(zip(sentences, words, flags)):
            readings = [morphology.analyse(morphology.lookup_form(w), proper=p, yo="keep") for w, p in zip(sentence_words, proper)]
            for (start, stop, text), reading in zip(found, morphology.in_context(sentence_words, readings)):
                lemma = morphology.fold_yo(reading.lemma) if yo == "fold" else reading.lemma
                rows.append((row, sent_id, token_id, start, stop, text, lemma, reading.pos, reading.upos, title_part))
                token_id += 1
    table = pd.DataFrame(rows, columns=["row", "sent_id", "token_id", "start", "stop", "token", "lemma", "pos", "upos", "in_title"])
    if len(table):  # one lemma for the forms of a name within each document
        table = names.harmonize_names(table.assign(doc_id=table["row"], is_punct=table["upos"].isin(["PUNCT", "SYM"])), yo=yo)
    spans = [link_spans(text) for text in _document_texts(frame)]
    return pd.DataFrame(
        {
            "doc_id": frame["doc_id"].take(table["row"].to_numpy(dtype=np.int64)).reset_index(drop=True),
            "sent_id": table["sent_id"].astype(np.int32),
            "token_id": table["token_id"].astype(np.int32),
            "start": table["start"].astype(np.int32),
            "stop": table["stop"].astype(np.int32),
            "token": table["token"].astype("str"),
            "lemma": table["lemma"].astype("str"),
            "pos": pd.Categorical(table["pos"], categories=POS_TAGS),
            "upos": pd.Categorical(table["upos"], categories=UPOS_TAGS),
            "is_punct": table["upos"].isin(["PUNCT", "SYM"]).to_numpy(),
            "is_stop": stopword_mask(table["lemma"].tolist(), table["upos"].tolist()).astype(bool),
            "is_link": [any(a < stop and b > start for a, b, _ in spans[row]) for row, start, stop in zip(table["row"], table["start"], table["stop"])],
            "in_title": table["in_title"].astype(bool),
        },
        columns=list(COLUMNS),
    )


def _as_frame(docs: pd.DataFrame | pd.Series | Sequence[str]) -> pd.DataFrame:
    """Return a DataFrame view with ``doc_id``, ``text`` and maybe ``title``; never modifies ``docs``."""
    if isinstance(docs, pd.DataFrame):
        missing = [c for c in ("doc_id", "text") if c not in docs.columns]
        if missing:
            raise ValueError(
                f"docs lacks column(s) {missing}; it needs 'doc_id' and 'text' (and may have 'title'), "
                f"got {list(docs.columns)}. For a plain list of texts pass the list itself."
            )
        return docs
    if isinstance(docs, str):
        raise TypeError("docs must be a DataFrame, a Series or a list of texts, not one string; wrap it: [text]")
    texts = list(docs)
    return pd.DataFrame({"doc_id": np.arange(len(texts), dtype=np.int64), "text": pd.Series(texts, dtype=object)})


def _text_parts(title, body: str) -> tuple[tuple[str, int, bool], ...]:
    """``(text, offset in the document text, in_title)`` of the title (if any) and the body."""
    title = _title(title)
    if not title:
        return ((body, 0, False),)
    return ((title, 0, True), (body, len(title) + len(TITLE_SEPARATOR), False))


def _parts(frame: pd.DataFrame):
    """Yield ``(title, text)`` per document with missing values as empty strings."""
    titles = frame["title"].tolist() if "title" in frame.columns else [""] * len(frame)
    for title, text in zip(titles, frame["text"].tolist()):
        yield title, text if isinstance(text, str) else ""


def _title(title) -> str:
    return title if isinstance(title, str) else ""


def sentence_key(tokens: pd.DataFrame, doc_codes: np.ndarray | None = None) -> np.ndarray:
    """One int64 per token, equal exactly for the tokens of one sentence of one document.

    ``doc_codes`` (integer codes of ``doc_id``, e.g. from ``pd.factorize``) saves factorising
    the document ids again when the caller already has them.

    >>> sentence_key(pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 1, 0]})).tolist()
    [0, 1, 2]
    """
    if tokens.empty:
        return np.zeros(0, dtype=np.int64)
    if doc_codes is None:
        doc_codes = pd.factorize(tokens["doc_id"])[0]
    sent = tokens["sent_id"].to_numpy(dtype=np.int64)
    return np.asarray(doc_codes, dtype=np.int64) * (int(sent.max()) + 1) + sent
