"""How many "significant" results rest on a single occurrence, without and with the evidence floors.

Usage (from the project root)::

    .venv/bin/python benchmarks/evidence_floors.py [corpus folder]

Default: the shared ru_news_mix sample (2,000 documents, 30 outlets, its sidecar metadata.csv).
For keyness by source (each outlet against the rest) and for evaluations (actors of
``corpus_tools.find_actors``, by source), it prints the number of significant rows
(``p_adj < 0.05``), the share resting on one occurrence in the target and the share found in a
single document of the target, floors off (``min_count=1, min_docs=1``, the behaviour before the
floors) and with the default floors. For co-occurrence (window 5) it prints, for the 50 strongest
pairs by logDice, the share seen at most twice, with a term seen at most twice, and with a term in
Latin letters only; and where the largest outlet first appears in the per-source tables.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

import corpus_tools as ct

SAMPLE = Path(__file__).resolve().parents[1].parent / "shared/data/corpora/ru_news_mix/sample"
ALPHA = 0.05


def share(mask) -> str:
    mask = np.asarray(mask, dtype=bool)
    return f"{mask.mean():6.1%}" if len(mask) else "   n/a"


def one_document(table: pd.DataFrame, spread: pd.Series, keys: list[str]) -> np.ndarray:
    return spread.reindex(pd.MultiIndex.from_frame(table[keys])).to_numpy() == 1


def main(folder: Path) -> None:
    docs = ct.read_corpus(folder)
    tokens = ct.tokenize(docs)
    print(f"corpus: {folder.name}: {len(docs):,} documents, {docs.source.nunique()} sources, {len(tokens):,} tokens")
    by_doc = docs.set_index("doc_id").source
    largest = docs.source.value_counts().sort_index().sort_values(ascending=False, kind="mergesort").index[0]
    print(f"largest outlet: {largest} ({(docs.source == largest).sum()} documents); outlets with < 5 documents: {len(ct.too_small(docs))}")

    terms = ct.terms(tokens).assign(source=lambda t: t.doc_id.map(by_doc))
    term_spread = terms.groupby(["source", "term"]).doc_id.nunique().rename_axis(["group", "term"])
    print("\nkeyness by source (each vs rest)      significant  on 1 occurrence  in 1 document  largest outlet's first row")
    for label, floors in (("floors off (before)", {"min_count": 1, "min_docs": 1}), ("default floors (after)", {})):
        key = ct.keyness(tokens, docs=docs, **floors)
        sig = key[key.p_adj < ALPHA]
        first = int(np.flatnonzero(key.group.to_numpy() == largest)[0]) if (key.group == largest).any() else -1
        print(f"  {label:<34} {len(sig):>11,}  {share(sig.n_target == 1):>15}  {share(one_document(sig, term_spread, ['group', 'term'])):>13}  {first:>12,}")
    # before the floors, comparisons came in alphabetical order
    names = sorted(docs.source.unique())
    before_rows = ct.keyness(tokens, docs=docs, min_count=1, min_docs=1).groupby("group").size()
    print(f"  (alphabetical order, as before: the largest outlet's first row would be {int(before_rows.reindex(names[:names.index(largest)]).sum()):,})")

    mentions = ct.find_actors(tokens)
    contexts = ct.evaluation_contexts(tokens, mentions).assign(source=lambda t: t.doc_id.map(by_doc))
    eval_spread = contexts.groupby(["source", "actor", "term", "upos"]).doc_id.nunique().rename_axis(["group", "actor", "term", "upos"])
    print(f"\nevaluations by source ({len(mentions):,} mentions)    significant  on 1 occurrence  in 1 document  tested rows")
    for label, floors in (("floors off (before)", {"min_count": 1, "min_docs": 1}), ("default floors (after)", {})):
        judged = ct.evaluations(tokens, mentions, docs=docs, **floors)
        sig = judged[judged.p_adj < ALPHA]
        print(f"  {label:<34} {len(sig):>11,}  {share(sig.n == 1):>15}  {share(one_document(sig, eval_spread, ['group', 'actor', 'term', 'upos'])):>13}  {int(judged.g2.notna().sum()):>11,}")

    print("\nco-occurrence, window 5: top 50 by logDice     pairs  n_ab <= 2  a term <= 2  Latin-only term")
    for label, floors in (("min_count=2 (before)", {"min_count": 2, "min_freq": 1}), ("default floors (after)", {})):
        pairs = ct.cooccurrence(tokens, **floors)
        top = pairs.sort_values(["log_dice", "n_ab"], ascending=False, kind="mergesort").head(50)
        latin = top.term_a.astype(str).str.fullmatch(r"[a-z0-9]+") | top.term_b.astype(str).str.fullmatch(r"[a-z0-9]+")
        print(f"  {label:<40} {len(pairs):>9,}  {share(top.n_ab <= 2):>9}  {share(np.minimum(top.n_a, top.n_b) <= 2):>11}  {share(latin):>15}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLE)
