"""Frames: find the cue words and phrases of each frame in a token table, and score them per group.

A frame dictionary (the bundled ``data/frames.yaml`` or a user file in the same format, see its
header) lists per frame single-word lemma patterns (``cues``), multiword ``phrases`` and
``exclude`` entries. :func:`frame_hits` finds every hit with its character offsets,
:func:`hit_sentences` adds the sentence around each hit so it can be read, and
:func:`frame_scores` / :func:`frame_document_scores` turn hits into rates per 1,000 words and
shares of sentences, per group (with a document bootstrap) or per document.
"""

from __future__ import annotations

import functools
import os
import re
import zlib
from fnmatch import fnmatchcase
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from corpus_tools.frequency import _match_mwe, _phrase_lemmas, _take
from corpus_tools.tokens import sentence_key
from corpus_tools.resources import data_path
from corpus_tools.summary import attach
from corpus_tools.tokens import document_text

FRAME_COLUMNS = ["frame", "label", "definition", "kind", "pattern", "lemmas"]
HIT_COLUMNS = ["doc_id", "sent_id", "token_id", "start", "stop", "frame", "cue", "text"]
SCORE_COLUMNS = ["group", "frame", "docs", "hits", "tokens", "per_1k", "sentence_share", "ci_low", "ci_high"]
DOCUMENT_COLUMNS = ["doc_id", "frame", "hits", "tokens", "per_1k", "sentence_share"]

_REQUIRED = ("name", "label", "definition", "example", "cues")
_KEYS = (*_REQUIRED, "phrases", "exclude")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_WILDCARDS = re.compile(r"[*?\[]")
_HIT_TOKEN_COLUMNS = ("doc_id", "sent_id", "token_id", "start", "stop", "token", "lemma")

Frames = pd.DataFrame | str | os.PathLike | None


def load_frames(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read a frame dictionary into a table with one row per cue, phrase or exclude entry.

    Parameters
    ----------
    path : str or path-like, optional
        A YAML file in the format described at the top of ``data/frames.yaml``. None reads the
        bundled ``data/frames.yaml``.

    Returns
    -------
    pandas.DataFrame
        Columns ``frame, label, definition, kind, pattern, lemmas``; ``kind`` is ``"cue"``,
        ``"phrase"`` or ``"exclude"``; ``pattern`` is the entry as written (single-word patterns
        lowercased, «ё» as «е»); ``lemmas`` is the tuple of lemmas of a phrase (an exclude phrase
        included), lemmatized once here, and ``()`` for a single-word pattern. Rows are in file
        order: per frame its cues, phrases, then exclude entries.

    Raises
    ------
    FileNotFoundError
        If ``path`` is not a file.
    ValueError
        Naming the file, the frame and what to fix: a YAML syntax error, a missing or unknown
        key, an empty ``cues`` list, a cue with a space, a phrase of one word or with a glob, a
        duplicate frame name or entry.

    Examples
    --------
    >>> frames = load_frames()
    >>> frames.frame.unique().tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['strategic_partnership', 'praise', 'mediation', 'balancing', 'resources', 'abraham_accords',
     'military_escort']
    >>> frames.loc[frames.pattern == "нейтральная площадка", ["frame", "kind", "lemmas"]].iloc[0].tolist()
    ['mediation', 'phrase', ('нейтральный', 'площадка')]
    """
    path = Path(path) if path is not None else data_path("frames.yaml")
    if not path.is_file():
        raise FileNotFoundError(f"{path}: frame dictionary not found; pass the path of a YAML file in the format of data/frames.yaml")
    stat = path.stat()
    # phrases are lemmatized once per version of the file
    return _load(str(path), stat.st_mtime_ns, stat.st_size).copy()


@functools.lru_cache(maxsize=8)
def _load(name: str, mtime_ns: int, size: int) -> pd.DataFrame:
    """Parse and validate the file ``name``; the modification time and size key the cache."""
    path = Path(name)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise ValueError(f"{path}: YAML syntax error{where}: {problem}; fix the quoting or indentation there") from None
    if not isinstance(document, dict) or set(document) != {"frames"}:
        found = sorted(document) if isinstance(document, dict) else type(document).__name__
        raise ValueError(f"{path}: the file must have exactly one top-level key 'frames' holding a list of frames; found {found}")
    entries = document["frames"]
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{path}: 'frames' must be a non-empty list of frame mappings")
    rows: list[dict] = []
    names: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        rows.extend(_frame_rows(entry, path, number, names))
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def _frame_rows(entry, path: Path, number: int, names: set[str]) -> list[dict]:
    """Validate the ``number``-th frame mapping and return its rows; ``names`` collects the names seen."""
    where = f"{path}: frame #{number}"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: each frame must be a mapping with keys {list(_KEYS)}, got {type(entry).__name__}")
    name = entry.get("name")
    if isinstance(name, str) and name.strip():
        where = f"{path}: frame {name!r}"
    unknown = sorted(set(map(str, entry)) - set(_KEYS))
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {unknown}; allowed keys are {list(_KEYS)} (check the spelling)")
    missing = [key for key in _REQUIRED if entry.get(key) in (None, "")]
    if missing:
        raise ValueError(f"{where}: missing field(s) {missing}; every frame needs {list(_REQUIRED)}")
    for key in ("name", "label", "definition", "example"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise ValueError(f"{where}: {key!r} must be a non-empty string, got {entry[key]!r}")
    if not _NAME.match(name):
        raise ValueError(f"{where}: name {name!r} is not snake_case; use lowercase letters, digits and '_'")
    if name in names:
        raise ValueError(f"{where}: duplicate frame name {name!r}; give each frame its own name")
    names.add(name)
    if "\n" in entry["definition"].strip():
        raise ValueError(f"{where}: 'definition' must be one line; shorten it")
    lists = {key: entry.get(key) or [] for key in ("cues", "phrases", "exclude")}
    for key, values in lists.items():
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise ValueError(f"{where}: {key!r} must be a list of non-empty strings, got {values!r}")
    if not lists["cues"]:
        raise ValueError(f"{where}: 'cues' is empty; list at least one single-word lemma pattern such as 'союз*'")

    base = {"frame": name, "label": entry["label"].strip(), "definition": entry["definition"].strip()}
    rows, seen = [], {}
    for kind, key in (("cue", "cues"), ("phrase", "phrases"), ("exclude", "exclude")):
        for text in lists[key]:
            text = text.strip()
            multiword = len(text.split()) > 1
            if kind == "cue" and multiword:
                raise ValueError(f"{where}: cue {text!r} has a space; move it to 'phrases'")
            if kind == "phrase" and not multiword:
                raise ValueError(f"{where}: phrase {text!r} is a single word; move it to 'cues'")
            if multiword:
                if _WILDCARDS.search(text):
                    raise ValueError(f"{where}: phrase {text!r} contains a glob; phrases are lemmatized, write the words out")
                lemmas = _phrase_lemmas(text)
                pattern, key_ = text, lemmas
            else:
                pattern = _fold(text)
                if not _WILDCARDS.sub("", pattern):
                    raise ValueError(f"{where}: pattern {text!r} would match every word; add letters to it")
                lemmas, key_ = (), pattern
            if key_ in seen:
                raise ValueError(f"{where}: {kind} {text!r} duplicates {seen[key_]!r} (same lemmas); keep one of them")
            seen[key_] = text
            rows.append({**base, "kind": kind, "pattern": pattern, "lemmas": lemmas})
    return rows


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _as_frames(frames: Frames) -> pd.DataFrame:
    """Return a frames table: ``frames`` itself, or :func:`load_frames` of a path or of None."""
    if isinstance(frames, pd.DataFrame):
        missing = [c for c in ("frame", "kind", "pattern", "lemmas") if c not in frames.columns]
        if missing:
            raise ValueError(f"frames lacks column(s) {missing}; pass the table of load_frames() or a YAML path")
        return frames
    return load_frames(frames)


def _require(tokens: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in columns if c not in tokens.columns]
    if missing:
        raise ValueError(f"{what} needs token column(s) {missing}; pass the table of corpus_tools.tokenize")


def _glob_codes(vocab_sorted: np.ndarray, order: np.ndarray, pattern: str) -> np.ndarray:
    """Codes of the vocabulary lemmas matching ``pattern``; the literal prefix narrows the search."""
    cut = _WILDCARDS.search(pattern)
    prefix = pattern[: cut.start()] if cut else pattern
    lo = np.searchsorted(vocab_sorted, prefix, side="left")
    hi = np.searchsorted(vocab_sorted, prefix + "\U0010ffff", side="right") if cut else np.searchsorted(vocab_sorted, prefix, side="right")
    if not cut:
        return order[lo:hi]
    candidates = vocab_sorted[lo:hi]
    keep = np.fromiter((fnmatchcase(w, pattern) for w in candidates), dtype=bool, count=len(candidates))
    return order[lo:hi][keep]


def _match(tokens: pd.DataFrame, table: pd.DataFrame) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Find the hits: frame names, then per hit its first row, last row, frame index and cue."""
    names = list(dict.fromkeys(table["frame"]))
    codes, vocab = pd.factorize(tokens["lemma"].astype(str), sort=False)
    # one code per folded lemma, so «партнёр» and «партнер» are the same word
    codes_folded, vocab = pd.factorize(pd.Index(vocab, dtype=object).str.lower().str.replace("ё", "е", regex=False))
    codes = codes_folded[codes] if len(codes) else codes.astype(np.int64)
    vocab = np.asarray(vocab, dtype=object).astype(str)
    order = np.argsort(vocab, kind="stable")
    vocab_sorted = vocab[order]
    index = {w: i for i, w in enumerate(vocab)}
    sentence = sentence_key(tokens)
    n = len(tokens)
    firsts, lasts, frame_ids, cues = [], [], [], []
    for f, name in enumerate(names):
        rows = table[table["frame"] == name]
        phrase_rows = [r for r in rows.itertuples(index=False) if len(r.lemmas) > 1]
        # longest first; at equal length exclude phrases before positive ones, then dictionary order
        ranked = sorted(enumerate(phrase_rows), key=lambda p: (-len(p[1].lemmas), p[1].kind != "exclude", p[0]))
        coded = {}
        for rank, (_, row) in enumerate(ranked):
            if all(w in index for w in row.lemmas):
                coded.setdefault(tuple(index[w] for w in row.lemmas), f"{rank:08d}")
        starts, lengths, keys = _match_mwe(codes, sentence, coded)
        covered = np.zeros(n, dtype=bool)
        for i, k, key in zip(starts, lengths, keys):
            covered[i : i + k] = True
            row = ranked[int(key)][1]
            if row.kind == "phrase":
                firsts.append(i)
                lasts.append(i + k - 1)
                frame_ids.append(f)
                cues.append(row.pattern)
        cue_of_code = np.full(len(vocab), -1, dtype=np.int64)
        excluded = np.zeros(len(vocab), dtype=bool)
        single = [r for r in rows.itertuples(index=False) if len(r.lemmas) <= 1]
        patterns = [r.pattern for r in single if r.kind == "cue"]
        for p, pattern in enumerate(patterns):
            matched = _glob_codes(vocab_sorted, order, pattern)
            # the first pattern of the frame that matches a lemma names the cue
            matched = matched[cue_of_code[matched] < 0]
            cue_of_code[matched] = p
        for row in single:
            if row.kind == "exclude":
                excluded[_glob_codes(vocab_sorted, order, row.pattern)] = True
        cue_index = cue_of_code[codes]
        hit = (cue_index >= 0) & ~covered & ~excluded[codes]
        positions = np.flatnonzero(hit)
        firsts.extend(positions.tolist())
        lasts.extend(positions.tolist())
        frame_ids.extend([f] * len(positions))
        cues.extend(np.asarray(patterns, dtype=object)[cue_index[positions]].tolist() if len(positions) else [])
    return (
        names,
        np.asarray(firsts, dtype=np.int64),
        np.asarray(lasts, dtype=np.int64),
        np.asarray(frame_ids, dtype=np.int64),
        np.asarray(cues, dtype=object),
    )


def frame_hits(tokens: pd.DataFrame, frames: Frames = None) -> pd.DataFrame:
    """Return one row per hit of a frame: a cue word or phrase of that frame, with its offsets.

    Within a frame, phrases and exclude phrases are matched first on the lemmas of adjacent
    tokens of one sentence, longest first and without overlaps (an exclude phrase wins a tie);
    single-word cues then count on the tokens no phrase took, unless an exclude pattern of the
    frame matches their lemma. So a phrase wins over the single cues inside it and counts once, a
    token counts at most once per frame, and a token can count for several frames. Lemmas are
    compared lowercased with «ё» as «е»; glob cues are matched once against the distinct lemmas.

    Parameters
    ----------
    tokens : pandas.DataFrame
        The token table of :func:`corpus_tools.tokenize` (needs ``doc_id, sent_id, token_id,
        start, stop, token, lemma``). Not modified.
    frames : DataFrame, str or path-like, optional
        The table of :func:`load_frames`, or the path of a frame dictionary; None uses the
        bundled ``data/frames.yaml``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sent_id, token_id, start, stop, frame, cue, text``: ``token_id`` and ``start``
        of the first and ``stop`` of the last token of the hit (offsets into
        :func:`corpus_tools.document_text`); ``cue`` the dictionary entry that matched (the
        pattern or the phrase as written); ``text`` the tokens as written, joined by one space
        where the text has a gap between them. Sorted by position in ``tokens``, then frame.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> toks = ct.tokenize(["Казахстан — стратегический партнёр России и нейтральная площадка."])
    >>> hits = frame_hits(toks)
    >>> hits[["start", "stop", "frame", "text"]]
       start  stop                  frame                    text
    0     12    34  strategic_partnership  стратегический партнёр
    1     44    64              mediation    нейтральная площадка
    >>> hits.cue.tolist()
    ['стратегический партнер', 'нейтральная площадка']
    """
    _require(tokens, _HIT_TOKEN_COLUMNS, "frame_hits")
    table = _as_frames(frames)
    names, firsts, lasts, frame_ids, cues = _match(tokens, table)
    # by position, then frame name
    frame_rank = np.argsort(np.argsort(np.asarray(names, dtype=str), kind="stable"), kind="stable")
    order = np.lexsort((frame_rank[frame_ids], firsts))
    firsts, lasts, frame_ids, cues = firsts[order], lasts[order], frame_ids[order], cues[order]
    starts = tokens["start"].to_numpy()
    stops = tokens["stop"].to_numpy()
    # the words of the hits only, not a Python string per token of the table
    lengths = lasts - firsts + 1
    shown = np.repeat(firsts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
    words = tokens["token"].iloc[shown].astype(str).to_numpy(dtype=object)
    at = dict(zip(shown.tolist(), words.tolist()))
    texts = np.asarray([at[i] for i in firsts.tolist()], dtype=object)
    for h in np.flatnonzero(lasts > firsts):
        i, j = firsts[h], lasts[h]
        parts = [at[i]]
        for k in range(i + 1, j + 1):
            parts.append((" " if starts[k] > stops[k - 1] else "") + at[k])
        texts[h] = "".join(parts)
    return pd.DataFrame(
        {
            "doc_id": _take(tokens["doc_id"], firsts),
            "sent_id": tokens["sent_id"].to_numpy()[firsts],
            "token_id": tokens["token_id"].to_numpy()[firsts],
            "start": starts[firsts],
            "stop": stops[lasts],
            "frame": pd.array(np.asarray(names, dtype=object)[frame_ids], dtype="str"),
            "cue": pd.array(cues, dtype="str"),
            "text": pd.array(texts, dtype="str"),
        },
        columns=HIT_COLUMNS,
    )


def hit_sentences(hits: pd.DataFrame, tokens: pd.DataFrame, docs: pd.DataFrame) -> pd.DataFrame:
    """Return ``hits`` with a ``sentence`` column: the text of the sentence around each hit.

    The sentence is ``document_text(docs)[doc][first start : last stop]`` over the tokens of the
    hit's sentence, so every count can be checked by reading.

    Parameters
    ----------
    hits : pandas.DataFrame
        The table of :func:`frame_hits` (needs ``doc_id`` and ``sent_id``). Not modified.
    tokens : pandas.DataFrame
        The token table the hits were found in.
    docs : pandas.DataFrame
        The documents table the tokens were made from (``doc_id``, ``text``, optional ``title``).

    Returns
    -------
    pandas.DataFrame
        The columns of ``hits`` followed by ``sentence`` (str), rows in the same order.

    Raises
    ------
    ValueError
        If a hit's sentence is not in ``tokens`` or its document is not in ``docs``.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> docs = pd.DataFrame({"doc_id": ["a"], "text": ["Погода ясная. Токаев назвал Путина старшим товарищем."]})
    >>> toks = ct.tokenize(docs)
    >>> hit_sentences(frame_hits(toks), toks, docs)[["text", "sentence"]]
                     text                                           sentence
    0  старшим товарищем  Токаев назвал Путина старшим товарищем.
    """
    located = hits[["doc_id", "sent_id"]].assign(**_sentence_bounds(tokens, hits))
    if located["first"].isna().any():
        example = located.loc[located["first"].isna(), ["doc_id", "sent_id"]].iloc[0].tolist()
        raise ValueError(f"hit sentence {example} (doc_id, sent_id) is not in tokens; pass the token table the hits came from")
    texts = pd.Series(document_text(docs).to_numpy(), index=docs["doc_id"].to_numpy())
    texts = texts[~texts.index.duplicated()]
    position = texts.index.get_indexer(hits["doc_id"])
    absent = position < 0
    if absent.any():
        example = hits["doc_id"].iloc[int(np.argmax(absent))]
        raise ValueError(f"{int(absent.sum())} hit(s) belong to documents missing from docs, e.g. {example!r}; pass the read_corpus table")
    text_at = texts.to_numpy()
    sentences = [
        text_at[p][int(a) : int(b)]
        for p, a, b in zip(position.tolist(), located["first"].to_numpy(), located["last"].to_numpy())
    ]
    return hits.assign(sentence=pd.array(sentences, dtype="str"))


def _sentence_bounds(tokens: pd.DataFrame, hits: pd.DataFrame) -> dict[str, np.ndarray]:
    """``first`` start and ``last`` stop of the tokens of each hit's sentence (NaN: not in tokens)."""
    doc_codes, doc_ids = pd.factorize(tokens["doc_id"])
    sent = tokens["sent_id"].to_numpy(dtype=np.int64)
    width = int(sent.max()) + 1 if len(sent) else 1
    token_key = np.where(doc_codes >= 0, doc_codes * width + sent, -1)
    hit_doc = doc_ids.get_indexer(hits["doc_id"])
    hit_sent = hits["sent_id"].to_numpy(dtype=np.int64)
    hit_key = np.where((hit_doc >= 0) & (hit_sent >= 0) & (hit_sent < width), hit_doc * width + hit_sent, -2)
    # only the tokens of the sentences with a hit
    rows = np.isin(token_key, hit_key)
    starts = pd.Series(tokens["start"].to_numpy()[rows]).groupby(token_key[rows]).min()
    stops = pd.Series(tokens["stop"].to_numpy()[rows]).groupby(token_key[rows]).max()
    return {"first": starts.reindex(hit_key).to_numpy(), "last": stops.reindex(hit_key).to_numpy()}


def _document_counts(tokens: pd.DataFrame, frames: Frames):
    """Per document: ids, word and sentence counts, and hits / hit sentences per frame (matrices)."""
    _require(tokens, (*_HIT_TOKEN_COLUMNS, "is_punct"), "frame scores")
    table = _as_frames(frames)
    names, firsts, _, frame_ids, _ = _match(tokens, table)
    doc_codes, doc_ids = pd.factorize(tokens["doc_id"], sort=False)
    n_docs, n_frames = len(doc_ids), len(names)
    words = np.bincount(doc_codes, weights=~tokens["is_punct"].to_numpy(dtype=bool), minlength=n_docs).astype(np.int64)
    sentence = sentence_key(tokens)
    unique_sentences, first_of_sentence = np.unique(sentence, return_index=True)
    sentences = np.bincount(doc_codes[first_of_sentence], minlength=n_docs).astype(np.int64)
    hits = np.bincount(doc_codes[firsts] * n_frames + frame_ids, minlength=n_docs * n_frames).reshape(n_docs, n_frames)
    # a sentence counts once per frame however many hits it has
    pairs = np.unique(np.stack([sentence[firsts], frame_ids]), axis=1) if len(firsts) else np.zeros((2, 0), dtype=np.int64)
    pair_docs = doc_codes[first_of_sentence[np.searchsorted(unique_sentences, pairs[0])]]
    hit_sentences_ = np.bincount(pair_docs * n_frames + pairs[1], minlength=n_docs * n_frames).reshape(n_docs, n_frames)
    return doc_ids, names, words, sentences, hits.astype(np.int64), hit_sentences_.astype(np.int64), doc_codes


def _rate(hits, words):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(words > 0, hits / np.where(words > 0, words, 1) * 1000, np.nan)


def _share(part, whole):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(whole > 0, part / np.where(whole > 0, whole, 1), np.nan)


def frame_document_scores(tokens: pd.DataFrame, frames: Frames = None) -> pd.DataFrame:
    """Return every document × frame with its hits per 1,000 words and share of sentences with a hit.

    Parameters
    ----------
    tokens : pandas.DataFrame
        The token table of :func:`corpus_tools.tokenize` (also needs ``is_punct``). Not modified.
    frames : DataFrame, str or path-like, optional
        As in :func:`frame_hits`.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, frame, hits, tokens, per_1k, sentence_share``: ``hits`` of the frame in the
        document (see :func:`frame_hits`); ``tokens`` the document's words (tokens that are not
        punctuation); ``per_1k`` = hits / tokens × 1000 (NaN without words); ``sentence_share``
        the share of the document's sentences with at least one hit. Every document of
        ``tokens`` appears with every frame, zeros included. Sorted by doc_id, then frame.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> toks = ct.tokenize(["Посредник предложил перемирие. Переговоры сорвались."])
    >>> scores = frame_document_scores(toks)
    >>> scores[scores.frame == "mediation"]
       doc_id      frame  hits  tokens  per_1k  sentence_share
    2       0  mediation     2       5   400.0             0.5
    """
    doc_ids, names, words, sentences, hits, hit_sents, _ = _document_counts(tokens, frames)
    n_docs, n_frames = hits.shape
    frame = pd.DataFrame(
        {
            "doc_id": np.repeat(np.asarray(doc_ids), n_frames),
            "frame": pd.array(np.tile(np.asarray(names, dtype=object), n_docs), dtype="str"),
            "hits": hits.ravel(),
            "tokens": np.repeat(words, n_frames),
            "per_1k": _rate(hits, words[:, None]).ravel(),
            "sentence_share": _share(hit_sents, sentences[:, None]).ravel(),
        },
        columns=DOCUMENT_COLUMNS,
    )
    return frame.sort_values(["doc_id", "frame"], kind="mergesort").reset_index(drop=True)


def _bootstrap(hits: np.ndarray, words: np.ndarray, *, n_boot: int, rng: np.random.Generator, ci: float):
    """Percentile interval of total hits / total words × 1000 over documents resampled with replacement."""
    n, n_frames = hits.shape
    if n < 2 or n_boot == 0 or words.sum() == 0:
        return np.full(n_frames, np.nan), np.full(n_frames, np.nan)
    rates = np.empty((n_boot, n_frames))
    # integer counts in float64 are exact (< 2**53), so a resample equal to the sample gives per_1k exactly
    hits_f, words_f = hits.astype(np.float64), words.astype(np.float64)
    batch = max(1, min(n_boot, 2_000_000 // n))
    for begin in range(0, n_boot, batch):
        size = min(batch, n_boot - begin)
        drawn = rng.integers(0, n, size=(size, n))
        counts = np.bincount((drawn + (np.arange(size) * n)[:, None]).ravel(), minlength=size * n).reshape(size, n)
        rates[begin : begin + size] = _rate(counts @ hits_f, (counts @ words_f)[:, None])
    alpha = (1 - ci) / 2
    # a resample of documents without words has no rate; it is left out
    low, high = np.nanquantile(rates, [alpha, 1 - alpha], axis=0)
    return low, high


def frame_scores(
    tokens: pd.DataFrame,
    frames: Frames = None,
    *,
    by: str | None = "source",
    docs: pd.DataFrame | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Return every group × frame with hits per 1,000 words, share of sentences and a bootstrap interval.

    Parameters
    ----------
    tokens : pandas.DataFrame
        The token table of :func:`corpus_tools.tokenize` (also needs ``is_punct``). Not modified.
    frames : DataFrame, str or path-like, optional
        As in :func:`frame_hits`.
    by : str or None
        A document column to group by (e.g. ``"source"``), taken from ``tokens`` or, if absent
        there, from ``docs`` via ``doc_id``. None makes the whole corpus one group ``"all"``.
    docs : pandas.DataFrame, optional
        The documents table of :func:`corpus_tools.read_corpus`, needed when ``by`` is a document
        column that ``tokens`` lacks.
    n_boot : int
        Bootstrap resamples; 0 skips the bootstrap (``ci_low``/``ci_high`` are NaN).
    seed : int
        Seed of the bootstrap. Each group draws from ``numpy.random.default_rng([seed,
        crc32(group)])``, so its interval is the same whatever other groups the corpus holds.
    ci : float
        Coverage of the interval, in (0, 1).

    Returns
    -------
    pandas.DataFrame
        ``group, frame, docs, hits, tokens, per_1k, sentence_share, ci_low, ci_high``:

        - ``docs``: documents of the group in ``tokens``; ``hits``: hits of the frame in them
          (see :func:`frame_hits`); ``tokens``: their words (tokens that are not punctuation);
        - ``per_1k`` = hits / tokens × 1000 (NaN for a group without words);
        - ``sentence_share``: the share of the group's sentences with at least one hit;
        - ``ci_low``, ``ci_high``: a percentile bootstrap interval for ``per_1k`` over documents
          (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13): the group's
          documents are resampled with replacement ``n_boot`` times, each resample's per_1k is
          total hits / total words × 1000, and the interval is its ``(1 - ci) / 2`` and
          ``(1 + ci) / 2`` quantiles. Documents are the unit because words of one text are not
          independent. NaN for a group with a single document (one text shows no spread between
          texts) and when ``n_boot=0``.

        Every group × frame appears, zeros included; sorted by group, then frame.

    Examples
    --------
    >>> import corpus_tools as ct
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["ТАСС", "ТАСС", "РИА"],
    ...                      "text": ["Стороны обсудили перемирие.", "Погода ясная.", "Нужен посредник."]})
    >>> scores = frame_scores(ct.tokenize(docs), by="source", docs=docs, n_boot=200)
    >>> scores[scores.frame == "mediation"].drop(columns=["frame", "ci_high"])
      group  docs  hits  tokens  per_1k  sentence_share  ci_low
    2   РИА     1     1       2   500.0             1.0     NaN
    9  ТАСС     2     1       5   200.0             0.5     0.0
    """
    if not isinstance(n_boot, (int, np.integer)) or isinstance(n_boot, bool) or n_boot < 0:
        raise ValueError(f"n_boot = {n_boot!r} is invalid; value must be an integer >= 0")
    if not 0 < ci < 1:
        raise ValueError(f"ci = {ci!r} is invalid; value must be between 0 and 1, e.g. 0.95")
    doc_ids, names, words, sentences, hits, hit_sents, doc_codes = _document_counts(tokens, frames)
    if by is None:
        groups = np.full(len(doc_ids), "all", dtype=object)
    elif by in tokens.columns:
        first_rows = np.unique(doc_codes, return_index=True)[1]
        groups = tokens[by].to_numpy()[first_rows]
    else:
        groups = attach(pd.DataFrame({"doc_id": doc_ids}), by, docs)[by].to_numpy()
    group_codes, group_names = pd.factorize(pd.Series(groups, dtype=object).astype(str), sort=True)
    rows = []
    for g, group in enumerate(group_names):
        members = group_codes == g
        rng = np.random.default_rng([seed, zlib.crc32(str(group).encode("utf-8"))])
        low, high = _bootstrap(hits[members], words[members], n_boot=int(n_boot), rng=rng, ci=ci)
        total_hits = hits[members].sum(axis=0)
        total_words = words[members].sum()
        rows.append(
            pd.DataFrame(
                {
                    "group": group,
                    "frame": names,
                    "docs": int(members.sum()),
                    "hits": total_hits,
                    "tokens": total_words,
                    "per_1k": _rate(total_hits, total_words),
                    "sentence_share": _share(hit_sents[members].sum(axis=0), sentences[members].sum()),
                    "ci_low": low,
                    "ci_high": high,
                }
            )
        )
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("per_1k", "sentence_share", "ci_low", "ci_high") else object) for c in SCORE_COLUMNS})
    frame = pd.concat(rows, ignore_index=True)
    frame = frame.astype({"group": "str", "frame": "str", "docs": "int64", "hits": "int64", "tokens": "int64"})
    frame = frame.sort_values(["group", "frame"], kind="mergesort").reset_index(drop=True)
    return frame[SCORE_COLUMNS]
