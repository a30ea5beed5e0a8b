"""Precision, recall and F1 of ``corpus_tools.ner.find_entities`` on the factRuEval-2016 dev set.

Usage (from the project root)::

    .venv/bin/python benchmarks/ner.py [--json benchmarks/results/ner.json]

Gold: ``../shared/data/gold/factrueval/dev.jsonl`` (122 documents; the test set is never read).
A predicted mention is a hit when its type matches and its span equals a gold mention's span, one
gold mention per prediction. Two views are printed:

- ``exact``: the gold span is the whole mention, descriptors included («мэрии Москвы»);
- ``name``: the gold span may also be its name fragments only (``*_name``, ``surname`` …), as the
  gold README suggests for detectors that output names; natasha tags «Москвы» inside «мэрии
  Москвы» as LOC, which the gold also has as a nested LOC mention.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from corpus_tools.ner import find_entities

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "gold" / "factrueval" / "dev.jsonl"
TYPES = {"person": "PER", "organisation": "ORG", "place": "LOC"}
NAME_FRAGMENTS = {"name", "surname", "patronymic", "nickname", "org_name", "loc_name", "geo_adj"}


def gold_spans(entity: dict, view: str) -> set[tuple[int, int]]:
    spans = {(entity["start"], entity["end"])}
    if view == "name":
        names = [(a, b) for a, b, kind in entity.get("fragments", []) if kind in NAME_FRAGMENTS]
        if names:
            spans.add((min(a for a, _ in names), max(b for _, b in names)))
    return spans


def evaluate(documents: list[dict], predicted: pd.DataFrame, view: str) -> dict:
    counts = Counter()
    for doc in documents:
        gold = [(e["type"], gold_spans(e, view)) for e in doc["entities"]]
        counts["gold", "ALL"] += len(gold)
        for kind, _ in gold:
            counts["gold", kind] += 1
        mine = predicted[predicted["doc_id"] == doc["id"]]
        used = set()
        for kind, start, stop in zip(mine["type"].map(TYPES), mine["start"], mine["stop"]):
            counts["pred", kind] += 1
            counts["pred", "ALL"] += 1
            for index, (gold_kind, spans) in enumerate(gold):
                if index not in used and gold_kind == kind and (start, stop) in spans:
                    used.add(index)
                    counts["hit", kind] += 1
                    counts["hit", "ALL"] += 1
                    break
    result = {}
    for kind in ("PER", "ORG", "LOC", "ALL"):
        hit, pred, gold = counts["hit", kind], counts["pred", kind], counts["gold", kind]
        precision = hit / pred if pred else 0.0
        recall = hit / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
        result[kind] = {"precision": precision, "recall": recall, "f1": f1, "gold": gold, "predicted": pred}
    return result


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "ner.json")
    args = parser.parse_args(argv)
    documents = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = pd.DataFrame({"doc_id": [d["id"] for d in documents], "text": [d["text"] for d in documents]})
    find_entities(docs.head(1))  # load the models outside the timing
    started = time.perf_counter()
    predicted = find_entities(docs)
    seconds = time.perf_counter() - started
    results = {view: evaluate(documents, predicted, view) for view in ("exact", "name")}
    print(f"factRuEval-2016 dev: {len(documents)} documents, {len(predicted)} mentions found in {seconds:.1f} s")
    print(f"{'view':<6} {'type':<4} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
    for view, by_type in results.items():
        for kind, r in by_type.items():
            print(
                f"{view:<6} {kind:<4} {100 * r['precision']:>6.1f} {100 * r['recall']:>6.1f} "
                f"{100 * r['f1']:>6.1f} {r['gold']:>5} {r['predicted']:>5}"
            )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
