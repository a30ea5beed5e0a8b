"""Wall time and peak memory of frequency, keyness and tf-idf on a real corpus.

Usage (from the project root)::

    .venv/bin/python benchmarks/frequency_keyness.py [path] [--groups N]

Default path: ../shared/data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz (26,989 documents,
31 outlet/platform pairs). Reading and tokenizing are timed too but are not the subject here
(see benchmarks/ingest.py). Peak memory per stage is the highest resident set size
sampled every 20 ms during the stage, minus the RSS before it (see common.measure); the
process's peak RSS is printed at the end.

Keyness against frequency at 1,000 groups (issue 17): each document goes to one of 1,000 groups
(document number modulo 1,000), then one-vs-rest keyness and frequency run on the same grouping.
The floor is keyness <= 3x frequency; the ratio is printed with the default evidence floors and
with the floors off (pass ``--groups N`` for another count).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import corpus_tools as ct

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import FULL as DEFAULT  # noqa: E402
from common import measure  # noqa: E402


def main(path: Path, groups: int = 1000) -> None:
    print(f"corpus: {path}")
    started = time.perf_counter()
    docs = ct.read_corpus(path)
    tokens = ct.tokenize(docs)
    print(f"read_corpus + tokenize             {time.perf_counter() - started:8.2f} s   "
          f"{len(docs):,} documents, {len(tokens):,} tokens, {docs.source.nunique()} sources")
    by_source = tokens.assign(source=tokens.doc_id.map(docs.set_index("doc_id").source))
    measure("frequency (corpus)", lambda: ct.frequency(tokens))
    measure("frequency (by source)", lambda: ct.frequency(by_source, by="source"))
    measure("frequency (bigrams, by source)", lambda: ct.frequency(by_source, by="source", unit="bigram"))
    measure("keyness (each source vs rest)", lambda: ct.keyness(by_source, by="source"))
    measure("tfidf (top 10 per document)", lambda: ct.tfidf(tokens))
    buckets = docs[["doc_id"]].assign(group=[f"g{i % groups:04d}" for i in range(len(docs))])
    _, freq_s, _ = measure(f"frequency ({groups:,} groups)", lambda: ct.frequency(tokens, by="group", docs=buckets))
    _, key_s, _ = measure(f"keyness ({groups:,} groups, each vs rest)", lambda: ct.keyness(tokens, by="group", docs=buckets))
    _, off_s, _ = measure(f"keyness ({groups:,} groups, floors off)", lambda: ct.keyness(tokens, by="group", docs=buckets, min_count=1, min_docs=1))
    for label, seconds in (("", key_s), (", floors off", off_s)):
        verdict = "meets" if seconds <= 3 * freq_s else "MISSES"
        print(f"{'keyness / frequency at ' + format(groups, ',') + ' groups' + label:<44} {seconds / freq_s:8.2f} x   ({verdict} the floor of 3x)")
    print(f"peak RSS of the process            {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MB")


if __name__ == "__main__":
    args = sys.argv[1:]
    n_groups = 1000
    if "--groups" in args:
        at = args.index("--groups")
        n_groups = int(args[at + 1])
        del args[at:at + 2]
    main(Path(args[0]) if args else DEFAULT, n_groups)
