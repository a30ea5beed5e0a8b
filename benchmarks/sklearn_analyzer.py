"""scikit-learn's CountVectorizer with ``ct.analyzer``: per-document versus batched analysis.

Usage (from the project root)::

    .venv/bin/python benchmarks/sklearn_analyzer.py [folder] [n_docs]

Default: the first 1,000 documents (by path) of ../shared/data/corpora/ru_news_mix/sample. Times
``CountVectorizer(analyzer=ct.analyzer()).fit_transform(texts)``, where every text is tokenized
on its own when the vectorizer reaches it, against the same with the texts analysed beforehand
in one batch (``ct.analyzer(texts)``, which is what to use), and checks that both give the same
matrix. sklearn's own word analyzer is timed for scale (it splits on \\w\\w+ and does not
lemmatize).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sklearn.feature_extraction.text import CountVectorizer

import corpus_tools as ct

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/corpora/ru_news_mix/sample"


def timed(label: str, func):
    started = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - started
    print(f"{label:<58} {seconds:8.2f} s", flush=True)
    return result, seconds


def main(folder: Path, n_docs: int) -> None:
    docs = ct.read_corpus(folder).head(n_docs)
    texts = ct.document_text(docs).tolist()
    print(f"{folder}: {len(texts):,} documents, {sum(map(len, texts)):,} characters")
    ct.tokenize(texts[:5])  # the morphological analyser is loaded once, outside the timings
    per_doc, slow = timed("per document: fit_transform, each text tokenized alone", lambda: CountVectorizer(analyzer=ct.analyzer()).fit_transform(texts))
    batched, fast = timed("batched: ct.analyzer(texts) + fit_transform", lambda: CountVectorizer(analyzer=ct.analyzer(texts)).fit_transform(texts))
    timed("sklearn's default word analyzer (no lemmas), for scale", lambda: CountVectorizer().fit_transform(texts))
    same = per_doc.shape == batched.shape and (per_doc != batched).nnz == 0
    print(f"speed-up of batching: {slow / fast:.1f}x; same matrix: {same}; shape {batched.shape}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT, int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
