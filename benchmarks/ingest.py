"""Baseline ingest speed: read_corpus + tokenize on a real corpus, printed as numbers.

Usage (from the project root)::

    .venv/bin/python benchmarks/ingest.py [path]   # default ../shared/data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz

Prints documents, tokens, distinct word forms, wall time per stage, words per second and peak
resident memory of this process. Each run is a fresh process, so the pymorphy3 memo starts empty.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

import corpus_tools as ct

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz"


def main(path: Path) -> None:
    started = time.perf_counter()
    docs = ct.read_corpus(path)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    tokens = ct.tokenize(docs)
    tokenize_s = time.perf_counter() - started
    words = int((~tokens.is_punct).sum())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus            {path}")
    print(f"documents         {len(docs):,}")
    print(f"tokens            {len(tokens):,}  (words {words:,})")
    print(f"distinct forms    {tokens.token.nunique():,}")
    print(f"read_corpus       {read_s:8.1f} s")
    print(f"tokenize          {tokenize_s:8.1f} s")
    print(f"tokens/s (both)   {len(tokens) / (read_s + tokenize_s):,.0f}")
    print(f"words/s (both)    {words / (read_s + tokenize_s):,.0f}")
    print(f"peak RSS          {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
