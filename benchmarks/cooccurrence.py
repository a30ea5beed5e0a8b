"""Window co-occurrence on a real corpus, side by side with NLTK, with a check that counts agree.

Usage (from the project root)::

    .venv/bin/python benchmarks/cooccurrence.py [path]

Default path: ../shared/data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz (26,989 documents).
Both tools see the same stream: the running words of each document (punctuation removed), stop
words as empty slots (None for NLTK, padding for corpus_tools), documents separated. NLTK's
``BigramCollocationFinder.from_words(words, window_size=5)`` pairs each word with the next four,
which is corpus_tools' ``window=4`` within documents; corpus_tools counts unordered pairs of
different terms, so its ``n_ab`` is compared with NLTK's ``(a, b) + (b, a)``. corpus_tools' own
default, ``window=5`` within sentences, is timed too. Each tool runs five times; the medians of
wall and CPU time (``time.process_time``, which also counts the 20 ms RSS sampler of both) are
compared, the fastest run is shown too (on a shared machine it is the least disturbed one), and
the peak memory is the largest RSS growth over the runs: NLTK keeps its pair
counts in Python dicts, which the RSS sampling shows fully only on the first run (later runs
reuse the freed memory).
"""

from __future__ import annotations

import statistics
import sys
import time
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


def repeated(label: str, func, *, rows=len):
    """Run ``func`` REPEATS times: the last result, wall seconds (median, fastest), median CPU seconds, largest RSS growth in MB."""
    walls, cpus, grown = [], [], []
    result = None
    for attempt in range(REPEATS):
        result = None  # only the last result is kept, so each run allocates in the same conditions
        started = time.process_time()
        result, seconds, extra = measure(f"{label} run {attempt + 1}", func, rows=rows)
        cpus.append(time.process_time() - started)
        walls.append(seconds)
        grown.append(extra)
    return result, (statistics.median(walls), min(walls)), statistics.median(cpus), max(grown)


def main(path: Path) -> None:
    print(f"corpus: {path}")
    docs, _, _ = measure("read_corpus", lambda: ct.read_corpus(path))
    tokens, _, _ = measure("tokenize", lambda: ct.tokenize(docs))
    stream = nltk_stream(tokens, NLTK_WINDOW - 1)
    print(f"stream: {len(stream):,} slots, {sum(w is not None for w in stream):,} counted words")

    # both start from the token table: NLTK's time includes building its word stream
    finder, (nltk_s, nltk_min), nltk_cpu, nltk_mb = repeated(f"NLTK from_words(window_size={NLTK_WINDOW})", lambda: BigramCollocationFinder.from_words(nltk_stream(tokens, NLTK_WINDOW - 1), window_size=NLTK_WINDOW), rows=lambda f: f.ngram_fd.B())
    ours, (ours_s, ours_min), ours_cpu, ours_mb = repeated(f"corpus_tools window={NLTK_WINDOW - 1} within document", lambda: ct.cooccurrence(tokens, window=NLTK_WINDOW - 1, within="document", min_count=1))
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
    print(f"\n{REPEATS} runs each     median wall   fastest wall   median CPU   peak RSS growth")
    print(f"NLTK              {nltk_s:9.2f} s   {nltk_min:9.2f} s  {nltk_cpu:9.2f} s  {nltk_mb:12,.0f} MB")
    print(f"corpus_tools      {ours_s:9.2f} s   {ours_min:9.2f} s  {ours_cpu:9.2f} s  {ours_mb:12,.0f} MB")
    print(f"speed-up over NLTK: {nltk_s / ours_s:.1f}x wall time, {nltk_cpu / ours_cpu:.1f}x CPU time; counts identical: {same}")
    print(f"target (at least 10x wall time with identical counts): {'met' if same and nltk_s >= 10 * ours_s else 'NOT met'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else FULL)
