"""Wall time and peak memory of near_duplicates (shared passages) on a real corpus, with what it finds.

Usage (from the project root)::

    .venv/bin/python benchmarks/near_duplicates.py [path]

Default path: ../shared/data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz (26,989 documents,
31 outlet/platform pairs). Reading is timed but is not the subject (see benchmarks/ingest.py).
Peak memory is the highest resident set size sampled every 20 ms during the call, minus the RSS
before it (see common.measure); the process's peak RSS is printed at the end. Besides the
timing it prints how many document pairs share text, how many passages, how many of those are
whole identical documents, and the source pairs sharing most passages (within one source and
across sources).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import pandas as pd

import corpus_tools as ct
from corpus_tools.syndication import near_duplicates

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import FULL as DEFAULT  # noqa: E402
from common import measure  # noqa: E402

TOP = 10


def source_pairs(pairs: pd.DataFrame) -> pd.DataFrame:
    """Passages and document pairs per (source_a, source_b), the two sources in alphabetical order."""
    low = pairs[["source_a", "source_b"]].min(axis=1)
    high = pairs[["source_a", "source_b"]].max(axis=1)
    table = pairs.assign(source_1=low, source_2=high, pair=pairs.doc_a + "\t" + pairs.doc_b)
    return (
        table.groupby(["source_1", "source_2"])
        .agg(passages=("pair", "size"), doc_pairs=("pair", "nunique"), similarity=("similarity", "median"))
        .reset_index()
        .sort_values(["passages", "source_1", "source_2"], ascending=[False, True, True], ignore_index=True)
    )


def main(path: Path) -> None:
    print(f"corpus: {path}")
    started = time.perf_counter()
    docs = ct.read_corpus(path)
    print(f"read_corpus                                  {time.perf_counter() - started:8.2f} s   "
          f"{len(docs):,} documents, {docs.source.nunique()} sources")
    pairs, _, _ = measure("near_duplicates (defaults)", lambda: near_duplicates(docs))

    doc_pairs = pairs[["doc_a", "doc_b"]].drop_duplicates()
    texts = pd.Series(ct.document_text(docs).to_numpy(), index=docs.doc_id.to_numpy())
    identical = (texts.reindex(pairs.doc_a).to_numpy() == texts.reindex(pairs.doc_b).to_numpy()).sum()
    cross = pairs.source_a != pairs.source_b
    words = pairs.text_a.str.count(r"\w+")
    print(f"document pairs sharing text  {len(doc_pairs):>10,}   (documents involved: "
          f"{pd.unique(pd.concat([doc_pairs.doc_a, doc_pairs.doc_b])).size:,} of {len(docs):,})")
    print(f"shared passages              {len(pairs):>10,}   (across sources {cross.sum():,}; "
          f"identical word for word {pairs.similarity.eq(1.0).sum():,}; median words "
          f"{words.median():.0f})")
    print(f"pairs of identical documents {identical:>10,}   (one whole-document passage each; "
          f"documents with an identical twin: {texts.duplicated(keep=False).sum():,})")
    print(f"'first' known (dates differ) {pairs['first'].notna().sum():>10,}")

    table = source_pairs(pairs)
    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        print(f"\ntop {TOP} source pairs by passages (within and across sources)")
        print(table.head(TOP).to_string(index=False))
        print(f"\ntop {TOP} source pairs across sources")
        print(table[table.source_1 != table.source_2].head(TOP).to_string(index=False))
    print(f"\npeak RSS of the process                      {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
