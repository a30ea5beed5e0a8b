"""Passages shared between documents: syndicated wire copy, reprints and quotations taken whole.

:func:`near_duplicates` finds every passage that two documents share (allowing small edits) and
returns it with character offsets into :func:`corpus_tools.document_text`, so it can be read in
context; :func:`syndicated_mask` turns those passages into a token mask, so frequency or framing
statistics can be computed with the copied text counted once, e.g.
``frequency(tokens[~syndicated_mask(tokens, pairs)])``.

How passages are found (exact, no sampling, so the result never depends on a seed):

1. Words are runs of ``\\w`` characters outside links (``http://``, ``https://``, ``www.``),
   compared lowercased with «ё» read as «е»; punctuation, spacing and quote styles are ignored.
2. Every ``shingle`` consecutive words of a document are hashed to 64 bits (BLAKE2b of each word,
   combined by a polynomial hash), so the hash depends on the words only, not on the corpus.
3. An inverted index (the shingle hashes sorted once) pairs the occurrences of each shingle in
   different documents. A shingle occurring more than ``max_docs`` times is boilerplate (a channel's
   signature, a hashtag block, a legal notice) and is not used. Documents with identical text are
   indexed once: they are reported as one whole-document passage per pair and share the
   passages of their text, so replicated records add no work to the index.
4. Matches on one diagonal of a document pair (position in a minus position in b) with
   consecutive positions form a *run*: a maximal stretch of at least ``shingle`` identical words.
5. Runs of a pair, in text order, are joined into one passage when at most ``max_gap`` unshared
   words separate them in each document (a substituted word, an inserted or dropped clause) and
   the joined passage keeps ``similarity >= threshold``. Passages shorter than ``min_words`` words
   in either document are dropped.
"""

from __future__ import annotations

import hashlib
import re
from itertools import islice
from typing import Literal

import numpy as np
import pandas as pd

from corpus_tools.tokens import _as_frame, document_text

PAIR_COLUMNS = ["doc_a", "doc_b", "start_a", "stop_a", "start_b", "stop_b", "text_a", "text_b", "similarity"]
# a link is not words: its slug would make a list of links look like a shared passage
_TOKEN = re.compile(r"(?:https?://|www\.)[^\s<>«»\"()\[\]]+|(\w+)")
_WORD = re.compile(r"\w")
_PUNCT_AFTER = re.compile(r"[^\w\s]*")
_PRIME = np.uint64(0x100000001B3)
# how many recent passages of a pair a run may still join (more only matters for heavy repeats)
_OPEN = 4


def near_duplicates(
    docs: pd.DataFrame | pd.Series | list[str],
    *,
    shingle: int = 8,
    threshold: float = 0.5,
    min_words: int = 12,
    max_gap: int = 10,
    max_docs: int = 100,
) -> pd.DataFrame:
    """Return one row per passage shared by two documents, with offsets, texts and similarity.

    A passage is a stretch of text that both documents contain word for word in runs of at least
    ``shingle`` words, possibly interrupted by small edits; see the module docstring for the
    method. Exact duplicate documents give one whole-document passage with similarity 1.0.

    Parameters
    ----------
    docs : DataFrame, Series or list of str
        A table with ``doc_id`` and ``text`` (and optionally ``title``, ``source``, ``date``), e.g.
        from :func:`corpus_tools.read_corpus`, or the texts themselves (``doc_id`` = position).
        Offsets refer to :func:`corpus_tools.document_text` (title, blank line, body). Not modified.
    shingle : int
        Words per shingle: the shortest word-for-word match that can start a passage. Shorter
        shingles find more (and more accidental) matches; a longer one misses passages whose edits
        leave no long unchanged stretch. 8 never matches set phrases such as «президент
        Казахстана Касым-Жомарт Токаев» (5 words, in four of the seeds) and keeps both halves of
        the seeds' reworded C5+1 paragraph (16 and 13 unchanged words). On the seeds any size
        from 4 to 13 gives the same two passages (``min_words`` drops the set phrases); 14 loses
        the 13-word half.
    threshold : float
        Least similarity of a passage, in (0, 1]. Two runs are joined only while the joined
        passage stays at or above it, so it bounds how much of a passage may be rewording. The
        seeds' C5+1 paragraph scores 0.89; 0.5 (the default) keeps passages at least half shared.
    min_words : int
        Least number of words of a passage, in each document. 12 rather than 20: the seeds'
        quotation «государственный деятель, посланный небесами, …, которые мы все разделяем» is
        all that 000 and 002 share word for word of it, 14 words (the opening differs: «Вы великий
        лидер, государственный» / «Вы — великий лидер и государственный»); a copied quotation or
        lead is often all that two outlets share.
    max_gap : int
        Most unshared words allowed between two runs of one passage, in each document: a changed
        word, an inserted or dropped clause. 10 covers the 7 words («Во время саммита в формате
        C5+1») that one seed inserts into the C5+1 paragraph; 0 reports every run of identical
        words as a passage of its own.
    max_docs : int
        A shingle occurring more than this many times (counting identical texts once) is treated
        as boilerplate (a channel's signature, a hashtag block) and ignored. Raise it for a corpus
        where one wire story is reprinted by more documents than this.

    Returns
    -------
    pandas.DataFrame
        One row per shared passage, columns in this order:

        - ``doc_a``, ``doc_b``: the two documents; ``doc_a`` comes earlier in ``docs``;
        - ``start_a``, ``stop_a``, ``start_b``, ``stop_b`` (int64): character offsets of the
          passage in each document's text, from the first shared word (with any punctuation
          directly before it, such as an opening quote) to the last (with the punctuation directly
          after it), so ``document_text(docs)[i][start_a:stop_a] == text_a``;
        - ``text_a``, ``text_b`` (str): the passage in each document;
        - ``similarity`` (float64): word coverage,
          ``(covered_a + covered_b) / (words_a + words_b)``, where ``words_x`` is the number of
          words of the passage in document x and ``covered_x`` those lying in its shared runs
          (the shared shingles); 1.0 when the passage is identical word for word. It is the Dice
          coefficient of the aligned words, not the Jaccard index of the shingle sets: one
          changed word lowers it by about one word, where it would remove ``shingle`` shingles.
          On the seeds the C5+1 paragraph scores 0.89 (its Jaccard index of 8-word shingles is
          0.42, which would split it at the inserted «Во время саммита в формате C5+1»);
        - ``source_a``, ``source_b``, ``date_a``, ``date_b``: copied from ``docs`` when it has
          ``source`` / ``date`` columns;
        - ``first``: the ``doc_id`` with the earlier ``date``; missing when either date is missing
          or they are equal (or ``docs`` has no dates).

        Sorted by the positions of ``doc_a`` and ``doc_b`` in ``docs``, then ``start_a``,
        ``start_b``. Empty (with these columns) when nothing is shared.

    Notes
    -----
    The work grows with the number of words plus the pairs of occurrences of shared shingles
    (at most ``max_docs * (max_docs - 1) / 2`` per shingle). On ``ru_news_mix_full`` (26,989
    documents, 1.75 M words) it takes about 3 s; see ``benchmarks/near_duplicates.py``. When one
    document repeats text that the other has once, both repeats are reported, so passages of one
    pair may overlap in the other document.

    Examples
    --------
    >>> wire = "Президент Казахстана Касым-Жомарт Токаев совершит государственный визит в Россию 11-12 ноября, сообщил Песков."
    >>> docs = pd.DataFrame({"doc_id": ["тасс", "риа", "погода"],
    ...                      "text": ["Москва. " + wire, wire + " Визит начнется завтра.", "В Москве дождь."]})
    >>> pairs = near_duplicates(docs)
    >>> pairs[["doc_a", "doc_b", "start_a", "stop_a", "start_b", "stop_b", "similarity"]]
      doc_a doc_b  start_a  stop_a  start_b  stop_b  similarity
    0  тасс   риа        8     118        0     110         1.0
    >>> pairs.text_a[0] == wire
    True
    """
    _check(shingle, threshold, min_words, max_gap, max_docs)
    frame = _as_frame(docs)
    texts = document_text(frame).tolist()
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object))
    uniques = list(uniques)

    words = _words(uniques)
    passages = _shared_passages(words, shingle=shingle, threshold=threshold, min_words=min_words,
                                max_gap=max_gap, max_docs=max_docs)
    passages = pd.concat([passages, _whole_copies(codes, words, min_words)], ignore_index=True)
    spans = _char_spans(passages, uniques)
    return _pair_table(_expand_copies(spans, codes), spans, frame, uniques)


def syndicated_mask(
    tokens: pd.DataFrame,
    pairs: pd.DataFrame,
    *,
    keep: Literal["first"] | None = "first",
) -> pd.Series:
    """Return a boolean Series over ``tokens``: True inside passages shared with another document.

    Nothing is excluded unless asked: ``frequency(tokens[~syndicated_mask(tokens, pairs)])``
    counts each shared passage once, in the document that published it first, and leaves it out
    of the reprints; with ``keep=None`` shared text is left out everywhere, so only each outlet's
    own words remain. To down-weight rather than drop it, turn the mask into token weights for a
    weighted count, e.g. ``tokens.assign(weight=np.where(mask, 0.5, 1.0)).groupby("lemma").weight.sum()``.

    Parameters
    ----------
    tokens : DataFrame
        Token table of :func:`corpus_tools.tokenize` (``doc_id``, ``start``, ``stop``) for the same
        documents as ``pairs``, so offsets refer to the same texts. Not modified.
    pairs : DataFrame
        Result of :func:`near_duplicates`.
    keep : {"first"} or None
        ``"first"`` marks a passage only in the document that is not ``first`` (the later by
        date); when ``first`` is missing (no dates, or equal ones), ``doc_a``, the earlier in
        ``docs`` order, is kept and ``doc_b`` marked. ``None`` marks the passage in both documents.

    Returns
    -------
    pandas.Series of bool
        Indexed like ``tokens``. A token is marked when its span overlaps a marked passage of its
        document (a token such as «Касым-Жомарт» may straddle a passage's first word).

    Examples
    --------
    >>> tokens = pd.DataFrame({"doc_id": ["а", "а", "б", "б"], "start": [0, 6, 0, 6], "stop": [5, 10, 5, 10]})
    >>> pairs = pd.DataFrame({"doc_a": ["а"], "doc_b": ["б"], "start_a": [0], "stop_a": [5],
    ...                       "start_b": [0], "stop_b": [5], "first": [None]})
    >>> syndicated_mask(tokens, pairs).tolist()
    [False, False, True, False]
    >>> syndicated_mask(tokens, pairs, keep=None).tolist()
    [True, False, True, False]
    """
    if keep not in ("first", None):
        raise ValueError(f"keep={keep!r} is invalid; use 'first' (mark reprints only) or None (mark both documents)")
    missing = [c for c in ("doc_id", "start", "stop") if c not in tokens.columns]
    if missing:
        raise ValueError(f"tokens lacks column(s) {missing}; pass the table returned by corpus_tools.tokenize")
    if len(pairs) == 0 or len(tokens) == 0:
        return pd.Series(False, index=tokens.index, dtype=bool)

    doc_a, doc_b = pairs["doc_a"].to_numpy(dtype=object), pairs["doc_b"].to_numpy(dtype=object)
    if keep is None:
        mark_a = np.ones(len(pairs), dtype=bool)
        mark_b = mark_a
    else:
        first = pairs["first"].to_numpy(dtype=object) if "first" in pairs.columns else np.full(len(pairs), None)
        known = pd.notna(first)
        # a is the original unless b is known to be first
        mark_a = known & (first == doc_b)
        mark_b = ~mark_a
    docs = np.concatenate([doc_a[mark_a], doc_b[mark_b]])
    starts = np.concatenate([pairs["start_a"].to_numpy(np.int64)[mark_a], pairs["start_b"].to_numpy(np.int64)[mark_b]])
    stops = np.concatenate([pairs["stop_a"].to_numpy(np.int64)[mark_a], pairs["stop_b"].to_numpy(np.int64)[mark_b]])

    # one integer key per (document, offset): documents never mix, offsets stay ordered
    ids, uniques = pd.factorize(pd.Series(np.concatenate([tokens["doc_id"].to_numpy(dtype=object), docs]), dtype=object))
    token_doc, span_doc = ids[: len(tokens)].astype(np.int64), ids[len(tokens):].astype(np.int64)
    shift = np.int64(1) << np.int64(32)
    span_start, span_stop = _union(span_doc * shift + starts, span_doc * shift + stops)
    token_start = token_doc * shift + tokens["start"].to_numpy(np.int64)
    token_stop = token_doc * shift + tokens["stop"].to_numpy(np.int64)
    # the last span starting before the token ends is the only one that can overlap it
    last = np.searchsorted(span_start, token_stop, side="left") - 1
    inside = (last >= 0) & (span_stop[np.maximum(last, 0)] > token_start)
    return pd.Series(inside, index=tokens.index, dtype=bool)


def _check(shingle, threshold, min_words, max_gap, max_docs) -> None:
    if not isinstance(shingle, (int, np.integer)) or shingle < 1:
        raise ValueError(f"shingle = {shingle!r} is invalid; value must be an integer >= 1 (words per shingle)")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold = {threshold!r} is invalid; value must be in (0, 1]")
    if not isinstance(min_words, (int, np.integer)) or min_words < 1:
        raise ValueError(f"min_words = {min_words!r} is invalid; value must be an integer >= 1")
    if not isinstance(max_gap, (int, np.integer)) or max_gap < 0:
        raise ValueError(f"max_gap = {max_gap!r} is invalid; value must be an integer >= 0")
    if not isinstance(max_docs, (int, np.integer)) or max_docs < 2:
        raise ValueError(f"max_docs = {max_docs!r} is invalid; value must be an integer >= 2 (a shingle in fewer documents is never shared)")


def _words(texts: list[str]) -> dict[str, np.ndarray]:
    """Return the hash and text number of every word, and the index of each text's first word."""
    found = [[w for w in _TOKEN.findall(text) if w] for text in texts]
    first = np.cumsum([0] + [len(words) for words in found], dtype=np.int64)
    raw_codes, raw = pd.factorize(pd.Series([w for words in found for w in words], dtype=object))
    norm_codes, norm = pd.factorize(pd.Series([w.lower().replace("ё", "е") for w in raw], dtype=object))
    hashes = np.array(
        [int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little") for w in norm],
        dtype=np.uint64,
    )
    word_hash = hashes[norm_codes[raw_codes]] if len(raw_codes) else np.zeros(0, dtype=np.uint64)
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), np.diff(first))
    # "first": index of each text's first word, so text i has words first[i]..first[i + 1] - 1
    return {"hash": word_hash, "doc": doc, "first": first}


def _spans(text: str, count: int) -> list[tuple[int, int]]:
    """Return the ``(start, stop)`` character spans of the first ``count`` words of ``text`` (as in :func:`_words`)."""
    spans = (m.span(1) for m in _TOKEN.finditer(text))
    return list(islice((span for span in spans if span[0] >= 0), count))


def _shingles(word_hash: np.ndarray, doc: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the hash and first word index of every run of ``k`` words inside one text."""
    n = len(word_hash) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = h * _PRIME + word_hash[j : j + n]
    # splitmix64 finaliser: spreads the polynomial's low-entropy bits over the word
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    start = np.flatnonzero(doc[:n] == doc[k - 1 :])
    return h[start], start


def _matches(hashes: np.ndarray, where: np.ndarray, doc: np.ndarray, max_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Return word indices ``(i, j)`` of every shingle occurring at i and j in two different texts, doc(i) < doc(j)."""
    order = np.argsort(hashes, kind="stable")  # stable: within a hash, occurrences stay in text order
    sorted_hash, sorted_where = hashes[order], where[order]
    bounds = np.flatnonzero(np.r_[True, sorted_hash[1:] != sorted_hash[:-1], True])
    starts, sizes = bounds[:-1], np.diff(bounds)
    keep = (sizes >= 2) & (sizes <= max_docs)
    starts, sizes = starts[keep], sizes[keep]
    left_parts, right_parts = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for size in np.unique(sizes):
        first = starts[sizes == size]
        i, j = np.triu_indices(int(size), 1)
        left_parts.append(sorted_where[(first[:, None] + i).ravel()])
        right_parts.append(sorted_where[(first[:, None] + j).ravel()])
    left, right = np.concatenate(left_parts), np.concatenate(right_parts)
    other = doc[left] != doc[right]  # repeats inside one text are not shared with another
    return left[other], right[other]


def _runs(left: np.ndarray, right: np.ndarray, doc: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """Join matches on one diagonal with consecutive positions into runs of shared words."""
    if len(left) == 0:
        return {key: np.zeros(0, dtype=np.int64) for key in ("a", "b", "a0", "a1", "b0", "b1")}
    # one sort key: diagonal (right - left, shifted to >= 0), then position; fits int64 below ~2e9 words
    n = np.int64(len(doc))
    order = np.argsort((right - left + n) * n + left)
    left, right = left[order], right[order]
    da, db = doc[left], doc[right]
    new = np.r_[True, (left[1:] != left[:-1] + 1) | (right[1:] != right[:-1] + 1) | (da[1:] != da[:-1]) | (db[1:] != db[:-1])]
    first = np.flatnonzero(new)
    last = np.r_[first[1:], len(left)] - 1
    runs = {"a": da[first], "b": db[first], "a0": left[first], "a1": left[last] + k, "b0": right[first], "b1": right[last] + k}
    order = np.lexsort((runs["b0"], runs["a0"], runs["b"], runs["a"]))
    return {key: value[order] for key, value in runs.items()}


def _chain(runs: dict[str, np.ndarray], *, threshold: float, max_gap: int) -> list[list[int]]:
    """Join runs of each document pair, in text order, into passages ``[a, b, a0, a1, b0, b1, covered]``."""
    passages: list[list[int]] = []
    recent: list[list[int]] = []
    pair = None
    columns = (runs[key].tolist() for key in ("a", "b", "a0", "a1", "b0", "b1"))
    for a, b, a0, a1, b0, b1 in zip(*columns):
        if (a, b) != pair:
            pair, recent = (a, b), []
        for passage in reversed(recent):
            gap_a, gap_b = a0 - passage[3], b0 - passage[5]
            if 0 <= gap_a <= max_gap and 0 <= gap_b <= max_gap:
                covered = passage[6] + (a1 - a0) + (b1 - b0)
                if covered >= threshold * ((a1 - passage[2]) + (b1 - passage[4])):
                    passage[3], passage[5], passage[6] = a1, b1, covered
                    break
        else:
            passage = [a, b, a0, a1, b0, b1, (a1 - a0) + (b1 - b0)]
            passages.append(passage)
            recent = (recent + [passage])[-_OPEN:]
    return passages


def _shared_passages(words, *, shingle, threshold, min_words, max_gap, max_docs) -> pd.DataFrame:
    """Passages between distinct texts ``a < b``: ``a, b, a0, a1, b0, b1`` (word ranges in each text), ``similarity``."""
    hashes, where = _shingles(words["hash"], words["doc"], shingle)
    left, right = _matches(hashes, where, words["doc"], max_docs)
    runs = _runs(left, right, words["doc"], shingle)
    table = pd.DataFrame(_chain(runs, threshold=threshold, max_gap=max_gap),
                         columns=["a", "b", "a0", "a1", "b0", "b1", "covered"], dtype=np.int64)
    size_a, size_b = table.a1 - table.a0, table.b1 - table.b0
    table["similarity"] = table.pop("covered") / (size_a + size_b)
    table = table[(size_a >= min_words) & (size_b >= min_words)].reset_index(drop=True)
    for side in ("a", "b"):
        # global word indices -> indices within the text
        offset = words["first"][table[side].to_numpy()]
        table[f"{side}0"] -= offset
        table[f"{side}1"] -= offset
    return table


def _whole_copies(codes: np.ndarray, words, min_words: int) -> pd.DataFrame:
    """Texts that several documents share, as passages of a text with itself covering all its words."""
    counts = np.bincount(codes, minlength=len(words["first"]) - 1) if len(codes) else np.zeros(0, dtype=np.int64)
    size = np.diff(words["first"])
    text = np.flatnonzero((counts > 1) & (size >= min_words))
    zero = np.zeros(len(text), dtype=np.int64)
    return pd.DataFrame({"a": text, "b": text, "a0": zero, "a1": size[text], "b0": zero, "b1": size[text], "similarity": 1.0})


def _char_spans(table: pd.DataFrame, texts: list[str]) -> pd.DataFrame:
    """Replace word ranges by character spans, taking in the punctuation touching either end."""
    # word spans are found again only for the texts in a passage, and only as far as needed
    reach = pd.concat([table[["a", "a1"]].set_axis(["doc", "word"], axis=1), table[["b", "b1"]].set_axis(["doc", "word"], axis=1)])
    spans = {doc: _spans(texts[doc], count) for doc, count in reach.groupby("doc")["word"].max().items()}
    out = {}
    for side in ("a", "b"):
        starts, stops = [], []
        for doc, w0, w1 in zip(*(table[c].tolist() for c in (side, f"{side}0", f"{side}1"))):
            text, start, stop = texts[doc], spans[doc][w0][0], spans[doc][w1 - 1][1]
            while start > 0 and not text[start - 1].isspace() and _WORD.match(text, start - 1) is None:
                start -= 1
            starts.append(start)
            stops.append(_PUNCT_AFTER.match(text, stop).end())
        out[f"start_{side}"], out[f"stop_{side}"] = starts, stops
    return pd.DataFrame({"a": table.a, "b": table.b, **out, "similarity": table.similarity}).astype(
        {c: np.int64 for c in ("a", "b", *out)}
    )


def _expand_copies(spans: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
    """Map passages between texts onto the documents holding those texts; ``pos_a < pos_b`` in ``docs``.

    ``passage`` is the row of ``spans`` and ``swap`` says that its sides were exchanged.
    """
    members = pd.DataFrame({"text": codes.astype(np.int64), "pos": np.arange(len(codes), dtype=np.int64)})
    rows = spans.assign(passage=np.arange(len(spans), dtype=np.int64))
    rows = rows.merge(members.rename(columns={"text": "a", "pos": "pos_a"}), on="a")
    rows = rows.merge(members.rename(columns={"text": "b", "pos": "pos_b"}), on="b")
    # a text with itself: each pair of copies once
    rows = rows[(rows.a != rows.b) | (rows.pos_a < rows.pos_b)].drop(columns=["a", "b"])
    # a copy of the later text may come earlier in docs than a copy of the other: swap sides
    swap = (rows.pos_a > rows.pos_b).to_numpy()
    for one, other in (("pos_a", "pos_b"), ("start_a", "start_b"), ("stop_a", "stop_b")):
        first, second = rows[one].to_numpy(), rows[other].to_numpy()
        rows[one], rows[other] = np.where(swap, second, first), np.where(swap, first, second)
    rows["swap"] = swap
    return rows.sort_values(["pos_a", "pos_b", "start_a", "start_b", "stop_a", "stop_b"], ignore_index=True)


def _pair_table(rows: pd.DataFrame, spans: pd.DataFrame, frame: pd.DataFrame, texts: list[str]) -> pd.DataFrame:
    """Assemble the public table: ids, offsets, passages, similarity, sources, dates, first."""
    pos_a, pos_b = rows.pos_a.to_numpy(np.int64), rows.pos_b.to_numpy(np.int64)
    ids = frame["doc_id"]
    out = pd.DataFrame({
        "doc_a": ids.take(pos_a).reset_index(drop=True),
        "doc_b": ids.take(pos_b).reset_index(drop=True),
        "start_a": rows.start_a.to_numpy(np.int64),
        "stop_a": rows.stop_a.to_numpy(np.int64),
        "start_b": rows.start_b.to_numpy(np.int64),
        "stop_b": rows.stop_b.to_numpy(np.int64),
    })
    # each passage text is cut once per distinct text, however many copies share it
    cut = pd.Series(
        [texts[d][i:j] for d, i, j in zip(spans.a.tolist(), spans.start_a.tolist(), spans.stop_a.tolist())]
        + [texts[d][i:j] for d, i, j in zip(spans.b.tolist(), spans.start_b.tolist(), spans.stop_b.tolist())],
        dtype="str",
    )
    passage, swap, n = rows.passage.to_numpy(np.int64), rows.swap.to_numpy(bool), len(spans)
    out["text_a"] = cut.take(np.where(swap, passage + n, passage)).reset_index(drop=True)
    out["text_b"] = cut.take(np.where(swap, passage, passage + n)).reset_index(drop=True)
    out["similarity"] = rows.similarity.to_numpy(np.float64)
    for column in ("source", "date"):
        if column in frame.columns:
            out[f"{column}_a"] = frame[column].take(pos_a).reset_index(drop=True)
            out[f"{column}_b"] = frame[column].take(pos_b).reset_index(drop=True)
    first = pd.Series(np.full(len(out), None, dtype=object))
    if "date" in frame.columns:
        date_a, date_b = pd.to_datetime(out.date_a, errors="coerce"), pd.to_datetime(out.date_b, errors="coerce")
        first = first.mask((date_a < date_b).to_numpy(), out.doc_a.astype(object))
        first = first.mask((date_b < date_a).to_numpy(), out.doc_b.astype(object))
    out["first"] = _like(first, ids)
    return out


def _like(values: pd.Series, ids: pd.Series) -> pd.Series:
    """``values`` (ids or None) in the dtype of ``ids`` when it can hold missing values, else object."""
    try:
        return values.astype(ids.dtype) if ids.dtype.kind not in "iub" else values.astype(object)
    except (TypeError, ValueError):
        return values.astype(object)


def _union(starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Merge overlapping or touching intervals; return the sorted starts and stops of the union."""
    order = np.argsort(starts, kind="stable")
    starts, stops = starts[order], stops[order]
    reach = np.maximum.accumulate(stops)
    new = np.flatnonzero(np.r_[True, starts[1:] > reach[:-1]])
    return starts[new], np.maximum.reduceat(stops, new)
