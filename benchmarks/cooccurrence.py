"""Window co-occurrence on a real corpus, side by side with NLTK, with a check that counts agree.

Usage (from the project root)::

    .venv/bin/python benchmarks/cooccurrence.py [path]

Default path: ../shared/data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz (26,989 documents).
Both tools see the same stream: the running words of each document (punctuation removed), stop
words as empty slots (None for NLTK, padding for corpus_tools), documents separated. NLTK's
``BigramCollocationFinder.from_words(words, window_size=5)`` pairs each word with the next four,
which is corpus_tools' ``window=4`` within documents; corpus_tools counts unordered pairs of
different terms, so its ``n_ab`` is compared with NLTK's ``(a, b) + (b, a)``. corpus_tools' own
default, ``window=5`` within sentences, is timed too. Each tool runs five times; the median is
compared. NLTK keeps its pair counts in Python dicts, which the RSS sampling shows only partly
after the first run (the freed memory is reused).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pandas as pd
from nltk.collocations import BigramCollocationFinder

import corpus_tools as ct

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import FULL, measure  # noqa: E402

NLTK_WINDOW = 5
REPEATS = 5


def nltk_stream(tokens: pd.DataFrame, gap: int) -> list:
    words = tokens[~tokens.is_punct]
    lemmas = words.lemma.astype(object).where(~words.is_stop.to_numpy(), None).tolist()
    doc_change = (words.doc_id != words.doc_id.shift()).to_numpy()
    stream: list = []
    for lemma, new_doc in zip(lemmas, doc_change):
        if new_doc and stream:
            stream.extend([None] * gap)  # NLTK skips None, so no window reaches the next document
        stream.append(lemma)
    return stream


def main(path: Path) -> None:
    print(f"corpus: {path}")
    docs, _, _ = measure("read_corpus", lambda: ct.read_corpus(path))
    tokens, _, _ = measure("tokenize", lambda: ct.tokenize(docs))
    stream = nltk_stream(tokens, NLTK_WINDOW - 1)
    print(f"stream: {len(stream):,} slots, {sum(w is not None for w in stream):,} counted words")

    # both start from the token table: NLTK's time includes building its word stream. Only the
    # last result is kept, so each run allocates in the same conditions.
    times = []
    for attempt in range(REPEATS):
        finder, seconds, grown = measure(f"NLTK from_words(window_size={NLTK_WINDOW}) run {attempt + 1}", lambda: BigramCollocationFinder.from_words(nltk_stream(tokens, NLTK_WINDOW - 1), window_size=NLTK_WINDOW), rows=lambda f: f.ngram_fd.B())
        times.append((seconds, grown))
        if attempt < REPEATS - 1:
            del finder
    nltk_s, nltk_mb = sorted(times)[REPEATS // 2]
    times = []
    for attempt in range(REPEATS):
        ours, seconds, grown = measure(f"corpus_tools window={NLTK_WINDOW - 1} within document, run {attempt + 1}", lambda: ct.cooccurrence(tokens, window=NLTK_WINDOW - 1, within="document", min_count=1))
        times.append((seconds, grown))
        if attempt < REPEATS - 1:
            del ours
    ours_s, ours_mb = sorted(times)[REPEATS // 2]
    measure("corpus_tools window=5 within sentence (default)", lambda: ct.cooccurrence(tokens, window=5, min_count=1))
    measure("corpus_tools window=5, min_count=2, by source", lambda: ct.cooccurrence(tokens, window=5, by="source", docs=docs))

    expected = Counter()
    for (a, b), n in finder.ngram_fd.items():
        if a != b:
            expected[(a, b) if a < b else (b, a)] += n
    got = Counter(dict(zip(zip(ours.term_a, ours.term_b), ours.n_ab)))
    same = got == expected
    print(f"pairs: corpus_tools {len(got):,}, NLTK {len(expected):,} (a != b); counts identical: {same}")
    if not same:
        diff = [(k, got.get(k), expected.get(k)) for k in set(got) ^ set(expected) | {k for k in got if got[k] != expected.get(k)}][:10]
        print("first differences:", diff)
    print(f"median of {REPEATS} runs: NLTK {nltk_s:.2f} s, corpus_tools {ours_s:.2f} s")
    print(f"speed-up over NLTK: {nltk_s / ours_s:.1f}x wall time; RSS growth NLTK {nltk_mb:,.0f} MB, corpus_tools {ours_mb:,.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FULL)
