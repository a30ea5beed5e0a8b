"""What the corpus-level boilerplate pass of read_corpus removes, per outlet, with a spot check.

Usage (from the project root)::

    .venv/bin/python benchmarks/boilerplate.py [--full] [--spot 15]

Default corpus: the ru_news_mix sample (2,000 documents, ``sample/raw/<platform>/<outlet>/<YYYY-MM>``)
read with ``source_from="folder"``; ``--full`` reads ``ru_news_mix_full.jsonl.gz`` (26,989
records, outlets from the records) instead. The corpus is read with and without the pass
(``boilerplate=True/False``), both timed. Printed:

- per outlet: documents, documents touched, pieces removed (whole lines / sentences inside a
  paragraph), the share of the outlet's characters removed, and its most frequent pieces;
- the spot check: every distinct removed piece of 12 words or more (a long piece is where a real
  body sentence would show), removed pieces holding a «quote» (must be 0), and ``--spot N``
  removals drawn at random (seed 13) with the text around them in the document, to be read.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import pandas as pd

import corpus_tools as ct

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import FULL  # noqa: E402

SAMPLE = FULL.parent / "sample" / "raw"
LONG = 12


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="the 26,989-record JSONL file instead of the sample")
    parser.add_argument("--spot", type=int, default=15, help="random removals printed with their context")
    args = parser.parse_args(argv)
    path, options = (FULL, {}) if args.full else (SAMPLE, {"source_from": "folder", "metadata": False})
    timings = {}
    for on in (False, True):
        started = time.perf_counter()
        docs = ct.read_corpus(path, boilerplate=on, **options)
        timings[on] = time.perf_counter() - started
        if not on:
            before = docs
    print(f"{path.name}: {len(docs):,} documents; read_corpus {timings[False]:.1f} s without the pass, {timings[True]:.1f} s with it")
    log = ct.cleaning_log(docs)
    pieces = log[log.reason.str.startswith(ct.cleaning.BOILERPLATE)].copy()
    pieces["outlet"] = pieces.reason.str.extract(r"documents of (.+?)(?: \(before another piece\))?$")[0]
    raw_lines = {}
    for doc_id, text in zip(before.doc_id, before.text):
        raw_lines[doc_id] = {line.strip() for line in text.split("\n")}
    pieces["whole"] = [line.strip() in raw_lines[d] for d, line in zip(pieces.doc_id, pieces.line)]
    print(f"removed: {len(pieces):,} pieces ({int(pieces.whole.sum()):,} whole lines, {int((~pieces.whole).sum()):,} sentences inside a paragraph) in {pieces.doc_id.nunique():,} documents\n")

    chars_before = before.assign(n=before.text.str.len()).groupby(docs.source.where(docs.source_from != "missing"))["n"].sum()
    rows = []
    for outlet, group in pieces.groupby("outlet"):
        n_docs = int(pieces.reason[pieces.outlet == outlet].str.extract(r"of (\d+) documents")[0].astype(int).iloc[0])
        removed_chars = group.line.str.len().sum()
        total = chars_before.get(outlet)
        rows.append({
            "outlet": outlet, "docs": n_docs, "touched": group.doc_id.nunique(), "lines": int(group.whole.sum()),
            "sentences": int((~group.whole).sum()), "chars_%": round(100 * removed_chars / total, 1) if total else None,
        })  # fmt: skip
    table = pd.DataFrame(rows).sort_values(["lines", "outlet"], ascending=[False, True], kind="stable")
    print(table.to_string(index=False))

    print("\nmost frequent pieces per outlet (count | piece):")
    counts = pieces.groupby(["outlet", "line"]).size().reset_index(name="n")
    counts = counts.sort_values(["outlet", "n", "line"], ascending=[True, False, True], kind="stable")
    for outlet, group in counts.groupby("outlet", sort=True):
        print(f"  {outlet}")
        for n, line in zip(group.n.head(3), group.line.head(3)):
            print(f"    {n:5} | {line[:110]}")

    words = pieces.line.map(lambda line: len(re.findall(r"\w+", re.sub(r"\(https?://[^)]*\)|https?://\S+", " ", line))))
    long = pieces[words >= LONG].drop_duplicates(["outlet", "line"])
    print(f"\nspot check: distinct removed pieces of {LONG}+ words ({len(long)}; read them: each must be a template, not news):")
    for outlet, line in zip(long.outlet, long.line):
        print(f"  {outlet}: {line[:160]}")
    quoted = pieces[pieces.line.str.contains(r"«[^»]*\w+\W+\w+\W+\w+[^»]*»", regex=True)]
    print(f"removed pieces holding a quote of 3+ words: {len(quoted)} (expected 0)")

    print(f"\n{args.spot} removals at random (seed 13), with the text around them:")
    texts = dict(zip(before.doc_id, before.text))
    rng = random.Random(13)
    for k in sorted(rng.sample(range(len(pieces)), min(args.spot, len(pieces)))):
        row = pieces.iloc[k]
        text = texts[row.doc_id]
        at = text.find(row.line)
        context = text[max(0, at - 80) : at].replace("\n", " / ")
        print(f"  {row.doc_id} [{row.outlet}] …{context[-80:]} ⟦{row.line[:90]}⟧")


if __name__ == "__main__":
    sys.exit(main())
