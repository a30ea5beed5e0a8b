"""One lemma per name: what corpus_tools.names changes, and what it costs.

Prints, on the ru_news_mix sample (2,000 documents): how many name tokens get another lemma
within their document (tokenize's default) and across the corpus (harmonize_names(within=None)),
the most frequent changes, how many documents still give one name's forms several lemmas, and
the time tokenize spends on it. Run: ``.venv/bin/python benchmarks/names.py``.
"""

from __future__ import annotations

import collections
import time
from pathlib import Path

import numpy as np

import corpus_tools as ct
from corpus_tools import tokens as tokens_module
from corpus_tools.names import is_name_shaped, proposals

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared/data/corpora/ru_news_mix/sample"


def split_lemmas(tokens) -> int:
    """Documents where two forms of one name (sharing a proposed lemma) have different lemmas."""
    shaped = tokens[tokens.token.map(is_name_shaped) & tokens.upos.astype(str).isin(["PROPN", "X"])]
    split = 0
    for _, doc in shaped.groupby("doc_id", sort=False):
        lemma_of = dict(zip(doc.token.str.lower(), doc.lemma))
        by_proposal = collections.defaultdict(set)
        for form, lemma in lemma_of.items():
            for candidate in proposals(form.replace("ё", "е"))[1:]:
                by_proposal[candidate].add(lemma)
        split += any(len(lemmas) > 1 for lemmas in by_proposal.values())
    return split


def main() -> None:
    docs = ct.read_corpus(SAMPLE)
    ct.tokenize(docs, progress=False)  # warm: the analyses of every form are memoised
    started = time.perf_counter()
    harmonized = ct.tokenize(docs, progress=False)
    with_names = time.perf_counter() - started
    original = tokens_module._harmonize
    tokens_module._harmonize = lambda codes, tcode, uniques, lowered, readings, *rest: readings
    try:
        started = time.perf_counter()
        plain = ct.tokenize(docs, progress=False)
        without = time.perf_counter() - started
    finally:
        tokens_module._harmonize = original
    changed = harmonized.lemma.to_numpy() != plain.lemma.to_numpy()
    upos = harmonized.upos.astype(str).to_numpy() != plain.upos.astype(str).to_numpy()
    print(f"sample: {len(docs):,} documents, {len(plain):,} tokens")
    print(f"tokenize (warm) without / with the name rules: {without:.2f} s / {with_names:.2f} s")
    print(f"within documents: {int(changed.sum()):,} name tokens get another lemma, {int(upos.sum()):,} X -> PROPN")
    pairs = collections.Counter(zip(plain.token[changed].str.lower(), plain.lemma[changed], harmonized.lemma[changed]))
    for (form, before, after), n in pairs.most_common(15):
        print(f"  {n:4d}  {form:<16} {before:<16} -> {after}")
    started = time.perf_counter()
    merged = ct.harmonize_names(harmonized, within=None)
    across = time.perf_counter() - started
    more = merged.lemma.to_numpy() != harmonized.lemma.to_numpy()
    print(f"across the corpus (harmonize_names(within=None)): {int(more.sum()):,} more tokens in {across:.1f} s")
    print(f"documents where one name's forms still have several lemmas: {split_lemmas(plain)} before, {split_lemmas(harmonized)} after")
    assert np.array_equal(harmonized.token.to_numpy(), plain.token.to_numpy())


if __name__ == "__main__":
    main()
