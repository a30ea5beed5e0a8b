"""Split documents into sentences and tokens, with lemma, part of speech and stop-word flags.

Every token carries ``start``/``stop`` character offsets into the *document text* returned by
:func:`document_text` (the title, a blank line, then the body), so any count can be traced back
to the words that produced it: ``document_text(docs)[doc][start:stop] == token``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

import numpy as np
import pandas as pd
from razdel import sentenize

from corpus_tools import morphology, parallel
from corpus_tools.morphology import POS_TAGS, UPOS_TAGS, YoPolicy
from corpus_tools.segmentation import tokenize_spans
from corpus_tools.stopwords import stopword_mask

Lemmatizer = Callable[[str, bool], tuple[str, str, str]]

COLUMNS = (
    "doc_id", "sent_id", "token_id", "start", "stop", "token",
    "lemma", "pos", "upos", "is_punct", "is_stop", "in_title",
)  # fmt: skip
TITLE_SEPARATOR = "\n\n"
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")


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
    texts = [(_title(title) + TITLE_SEPARATOR if _title(title) else "") + body for title, body in _parts(frame)]
    return pd.Series(texts, index=frame.index, dtype="str")


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
        Documents per batch (the unit of work of a worker and of the progress bar).
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
    bounds = list(range(0, len(frame), batch_size)) or [0]
    if len(bounds) == 1:
        return _tokenize_frame(frame, **options)
    batches = [frame.iloc[start : start + batch_size] for start in bounds]
    parts = parallel.map_batches(_tokenize_frame, batches, options, n_jobs=jobs, progress=progress, desc="tokenize")
    return pd.concat(parts, ignore_index=True)


def _tokenize_frame(frame: pd.DataFrame, *, yo: str, stopwords, lemmatizer) -> pd.DataFrame:
    """:func:`tokenize` of one batch of documents."""
    # pass 1: split every document and collect the (token, proper) keys that may be needed
    keys: dict[tuple[str, bool], int] = {}
    documents = []
    for row, (title, body) in enumerate(_parts(frame)):
        sentences = _sentences(title, body)
        words = [sentence[2] for sentence in sentences]
        candidates = morphology.candidate_flags(words)
        for sentence_words, flags in zip(words, candidates):
            for word, flag in zip(sentence_words, flags):
                if flag is not False:
                    keys.setdefault((word, True), len(keys))
                if flag is not True:
                    keys.setdefault((word, False), len(keys))
        documents.append((row, sentences, words, candidates))

    # pass 2: analyse each key once, then settle proper context per document
    analyses = _analyse_keys(keys, lemmatizer)
    lemmas, pos, upos = _columns(analyses, yo)
    context = lemmatizer is None
    revised: dict[morphology.Analysis, int] = {}  # readings chosen in context, coded after the keys

    def lookup(word: str, proper: bool) -> tuple[str, str, str]:
        code = keys[word, proper]
        return lemmas[code], pos[code], upos[code]

    doc_rows, sent_ids, starts, stops, tokens, in_title, codes = [], [], [], [], [], [], []
    for row, sentences, words, candidates in documents:
        flags = morphology.proper_flags(words, lookup, candidates=candidates)
        for sent_id, (sentence, proper) in enumerate(zip(sentences, flags)):
            sent_starts, sent_stops, sentence_words, title_part = sentence
            n = len(sentence_words)
            doc_rows.extend([row] * n)
            sent_ids.extend([sent_id] * n)
            in_title.extend([title_part] * n)
            starts.extend(sent_starts)
            stops.extend(sent_stops)
            tokens.extend(sentence_words)
            sentence_codes = [keys[key] for key in zip(sentence_words, proper)]
            if context:
                rows = [analyses[code] for code in sentence_codes]
                for i, chosen in enumerate(morphology.in_context(sentence_words, rows)):
                    if chosen is not rows[i]:
                        sentence_codes[i] = revised.setdefault(chosen, len(keys) + len(revised))
            codes.extend(sentence_codes)
    if revised:
        extra_lemmas, extra_pos, extra_upos = _columns(list(revised), yo)
        lemmas, pos, upos = lemmas + extra_lemmas, pos + extra_pos, upos + extra_upos

    # per-key values, then one vectorised take per column
    if stopwords is None:
        stop = stopword_mask(lemmas, upos)
    else:
        stop = pd.Series(lemmas, dtype=object).isin(frozenset(stopwords)).to_numpy()
    punct = np.isin(np.asarray(upos, dtype=object), ["PUNCT", "SYM"])
    pos_codes = pd.Categorical(pos, categories=POS_TAGS).codes
    upos_codes = pd.Categorical(upos, categories=UPOS_TAGS).codes
    take = np.asarray(codes, dtype=np.int64)
    rows = np.asarray(doc_rows, dtype=np.int64)
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]]) if len(rows) else rows
    token_id = np.arange(len(rows)) - np.repeat(first, np.diff(np.r_[first, len(rows)]))

    return pd.DataFrame(
        {
            "doc_id": frame["doc_id"].take(rows).reset_index(drop=True),
            "sent_id": np.asarray(sent_ids, dtype=np.int32),
            "token_id": token_id.astype(np.int32),
            "start": np.asarray(starts, dtype=np.int32),
            "stop": np.asarray(stops, dtype=np.int32),
            "token": pd.Series(tokens, dtype="str"),
            "lemma": pd.Series(np.asarray(lemmas, dtype=object)[take], dtype="str"),
            "pos": pd.Categorical.from_codes(pos_codes[take], categories=POS_TAGS),
            "upos": pd.Categorical.from_codes(upos_codes[take], categories=UPOS_TAGS),
            "is_punct": punct[take].astype(bool),
            "is_stop": stop[take].astype(bool),
            "in_title": np.asarray(in_title, dtype=bool),
        },
        columns=list(COLUMNS),
    )


def _analyse_keys(keys: dict[tuple[str, bool], int], lemmatizer: Lemmatizer | None) -> list:
    """Analyse each distinct (token, proper) key once, lemmas with «ё»; indexed by the key's code."""
    # dicts keep insertion order, which is the code order; invisible characters (soft hyphens,
    # zero-width spaces) in text that did not come through read_corpus are ignored for the look-up
    # only: the token keeps them, so its offsets stay true
    words = [(morphology.lookup_form(word), proper) for word, proper in keys]
    if lemmatizer is None:
        return morphology.analyse_many(words, yo="keep")
    return [lemmatizer(word, proper) for word, proper in words]


def _columns(results: list, yo: str) -> tuple[list, list, list]:
    """Lemma (under the ё policy), pos and upos lists of ``(lemma, pos, upos, ...)`` results."""
    lemmas = [morphology.fold_yo(r[0]) if yo == "fold" else r[0] for r in results]
    return lemmas, [r[1] for r in results], [r[2] for r in results]


def _sentences(title: str, body: str) -> list[tuple[list[int], list[int], list[str], bool]]:
    """Return ``(starts, stops, tokens, in_title)`` per sentence; offsets into the document text."""
    title = _title(title)
    parts = [(body, 0, False)]
    if title:
        parts = [(title, 0, True), (body, len(title) + len(TITLE_SEPARATOR), False)]
    sentences = []
    for part, offset, in_title in parts:
        for line in _LINE.finditer(part):
            for sentence in sentenize(line.group()):
                base = offset + line.start() + sentence.start
                spans = tokenize_spans(sentence.text)
                if spans:
                    starts, stops, words = zip(*spans)
                    if base:
                        starts = [base + start for start in starts]
                        stops = [base + stop for stop in stops]
                    sentences.append((starts, stops, list(words), in_title))
    return sentences


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
