"""Ingest speed and scale: this project against the naive razdel + pymorphy3 loop and natasha.

Usage (from the project root)::

    .venv/bin/python benchmarks/ingest.py                  # speed, 2-process speed-up, identity
    .venv/bin/python benchmarks/ingest.py --docs 1000000   # plus: a 1M-document corpus end to end

Every timing runs in a fresh Python process (cold: empty memo, no on-disk cache; the only
shipped tables are the pinned dictionaries and ``data/``), ``--repeat`` times (default 3) in
turns; the fastest run counts, and the range of all runs is printed beside it (this machine
shares its host, and single runs vary by 10-30 %). Printed, for
``../shared/data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz`` (26,989 documents):

- words/s per core of ``read_corpus`` + ``tokenize`` (tokens, sentences, lemma, POS, flags) with
  one process; "words" are tokens that are not punctuation, tokens/s is printed too;
- the same for the naive loop (``razdel.sentenize`` + ``razdel.tokenize`` + pymorphy3's top parse
  of every token) and for natasha (``Segmenter`` + ``NewsMorphTagger`` + ``MorphVocab``
  lemmatization), on the first ``--peer-docs`` documents (default 3,000) because they are slow;
- the speed-up of ``corpus_tools.store.ingest`` (read, tokenize, write Parquet) with two worker
  processes over one;
- the identity check: ``corpus_tools.segmentation.tokenize_spans`` against ``razdel.tokenize`` on
  every sentence of every document, and ``tokenize(n_jobs=2)`` against ``tokenize()``.

With ``--docs N``: writes a corpus of N documents by replicating the real ones with new ids
(``--work`` folder, default ``/tmp/corpus_tools_bench``), ingests it into a partitioned Parquet
store with two processes, and then runs frequency, keyness and co-occurrence on the stored table
(read as categoricals, only the needed columns), printing wall time and the peak RSS of the
whole process tree.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import FULL  # noqa: E402


def run_worker(kind: str, path: Path, docs: int | None, jobs: int = 1) -> dict:
    """Run one measurement in a fresh interpreter; return its JSON result."""
    command = [sys.executable, __file__, "--worker", kind, "--path", str(path), "--jobs", str(jobs)]
    if docs:
        command += ["--limit", str(docs)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise RuntimeError(f"worker {kind} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def worker(kind: str, path: Path, docs: int | None, jobs: int) -> dict:
    import corpus_tools as ct

    texts = None
    if kind in ("naive", "natasha"):
        frame = ct.read_corpus(path)
        frame = frame.iloc[:docs] if docs else frame
        texts = [(t + "\n\n" if isinstance(t, str) and t else "") + b for t, b in zip(frame["title"], frame["text"])]
    started = time.perf_counter()
    cpu = time.process_time()
    if kind == "ingest":
        import tempfile

        from corpus_tools import store

        with tempfile.TemporaryDirectory() as tmp:
            out = store.ingest(path, Path(tmp) / "store", n_jobs=jobs, progress=False)
            manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        seconds = time.perf_counter() - started
        return {"kind": kind, "docs": manifest["documents"], "tokens": manifest["tokens"], "words": None, "seconds": seconds, "cpu": time.process_time() - cpu}
    if kind == "ours":
        frame = ct.read_corpus(path)
        frame = frame.iloc[:docs] if docs else frame
        tokens = ct.tokenize(frame, n_jobs=jobs, progress=False)
        n_tokens, n_words = len(tokens), int((~tokens["is_punct"]).sum())
    elif kind == "naive":
        n_tokens, n_words = naive(texts)
    else:
        n_tokens, n_words = natasha(texts)
    seconds = time.perf_counter() - started
    return {"kind": kind, "docs": len(frame), "tokens": n_tokens, "words": n_words, "seconds": seconds, "cpu": time.process_time() - cpu}


def naive(texts: list[str]) -> tuple[int, int]:
    import pymorphy3
    from razdel import sentenize, tokenize

    morph = pymorphy3.MorphAnalyzer()
    n_tokens = n_words = 0
    for text in texts:
        for sentence in sentenize(text):
            for token in tokenize(sentence.text):
                parse = morph.parse(token.text)[0]
                _ = (parse.normal_form, parse.tag.POS)
                n_tokens += 1
                n_words += parse.tag.POS is not None or "PNCT" not in parse.tag
    return n_tokens, n_words


def natasha(texts: list[str]) -> tuple[int, int]:
    from corpus_tools.ner import restore_getargspec

    restore_getargspec()
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, Segmenter

    segmenter, vocab = Segmenter(), MorphVocab()
    tagger = NewsMorphTagger(NewsEmbedding())
    n_tokens = n_words = 0
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(tagger)
        for token in doc.tokens:
            token.lemmatize(vocab)
            n_tokens += 1
            n_words += token.pos != "PUNCT"
    return n_tokens, n_words


def identity(path: Path) -> tuple[int, int, bool]:
    import pandas as pd
    from razdel import sentenize
    from razdel import tokenize as razdel_tokenize

    import corpus_tools as ct
    from corpus_tools.segmentation import tokenize_spans

    docs = ct.read_corpus(path)
    checked = mismatched = 0
    for title, text in zip(docs["title"], docs["text"]):
        for part in (title, text):
            if not isinstance(part, str):
                continue
            for line in part.splitlines():
                for sentence in sentenize(line):
                    checked += 1
                    mismatched += tokenize_spans(sentence.text) != [(t.start, t.stop, t.text) for t in razdel_tokenize(sentence.text)]
    one = ct.tokenize(docs, progress=False)
    two = ct.tokenize(docs, n_jobs=2, progress=False)
    try:
        pd.testing.assert_frame_equal(one, two)
        same = True
    except AssertionError:
        same = False
    return checked, mismatched, same


class TreePeak:
    """Sample the RSS of this process and all its children every 0.2 s; keep the peak sum."""

    def __init__(self):
        self.peak, self.done = 0, threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def sample(self):
        me = psutil.Process()
        while not self.done.wait(0.2):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()


def replicate(source: Path, target: Path, n_docs: int) -> None:
    """Write ``n_docs`` documents by cycling through the real ones, each copy with a new id."""
    import corpus_tools as ct

    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    docs = ct.read_corpus(source, clean=False)
    fields = [c for c in ("source", "date", "title", "author", "url") if c in docs.columns]
    records = docs[["doc_id", "text", *fields]].to_dict("records")
    tmp = target.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as stream:
        for i in range(n_docs):
            record = dict(records[i % len(records)])
            record["id"] = f"{record.pop('doc_id')}#{i // len(records)}"
            record["date"] = None if record.get("date") is None or record["date"] != record["date"] else str(record["date"])
            stream.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    os.replace(tmp, target)


def scale(n_docs: int, work: Path, jobs: int) -> None:
    import corpus_tools as ct
    from corpus_tools import store

    corpus = work / f"replicated_{n_docs}.jsonl.gz"
    started = time.perf_counter()
    replicate(FULL, corpus, n_docs)
    print(f"replicated corpus        {corpus} ({corpus.stat().st_size / 2**20:,.0f} MB gz, {time.perf_counter() - started:.0f} s to write or find)", flush=True)
    out = work / f"store_{n_docs}"
    if out.exists():
        import shutil

        shutil.rmtree(out)
    with TreePeak() as peak:
        started = time.perf_counter()
        store.ingest(corpus, out, n_jobs=jobs, batch_size=5000, progress=False)
        seconds = time.perf_counter() - started
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    size = sum(f.stat().st_size for f in out.rglob("*.parquet")) / 2**20
    print(f"ingest {n_docs:,} docs      {seconds:8.1f} s wall ({seconds / 60:.1f} min), {manifest['tokens']:,} tokens, "
          f"{manifest['tokens'] / seconds:,.0f} tokens/s on {jobs} processes; peak RSS of the process tree {peak.peak / 2**30:.2f} GB; store {size:,.0f} MB", flush=True)
    analyses(out)


def analyses(out: Path) -> None:
    """Frequency, keyness and co-occurrence partition by partition; co-occurrence also in memory."""
    import corpus_tools as ct
    from corpus_tools import store

    with TreePeak() as peak:
        started = time.perf_counter()
        freq = store.frequency(out, by="source")
        t_freq = time.perf_counter() - started
    print(f"frequency by source      {t_freq:8.1f} s  ({len(freq):,} rows; store.frequency, one partition at a time); peak RSS {peak.peak / 2**30:.2f} GB", flush=True)
    with TreePeak() as peak:
        started = time.perf_counter()
        key = store.keyness(out, by="source")
        t_key = time.perf_counter() - started
    print(f"keyness, each source vs rest {t_key:8.1f} s  ({len(key):,} rows; store.keyness); peak RSS {peak.peak / 2**30:.2f} GB", flush=True)
    with TreePeak() as peak:
        started = time.perf_counter()
        pairs = store.cooccurrence(out, window=5, min_count=20)
        t_cooc = time.perf_counter() - started
    print(f"cooccurrence window=5    {t_cooc:8.1f} s  ({len(pairs):,} pairs with n_ab >= 20; store.cooccurrence, one partition at a time); peak RSS {peak.peak / 2**30:.2f} GB", flush=True)
    with TreePeak() as peak:
        started = time.perf_counter()
        tokens = store.read_tokens(out, ["doc_id", "sent_id", "lemma", "is_punct", "is_stop"])
        loaded = time.perf_counter() - started
        step = time.perf_counter()
        pairs = ct.cooccurrence(tokens, window=5, min_count=20)
        t_cooc = time.perf_counter() - step
    print(f"read 5 token columns     {loaded:8.1f} s  ({len(tokens):,} rows, {tokens.memory_usage(deep=True).sum() / 2**30:.2f} GB in memory as categoricals)")
    print(f"cooccurrence window=5    {t_cooc:8.1f} s  ({len(pairs):,} pairs with n_ab >= 20); peak RSS {peak.peak / 2**30:.2f} GB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", type=Path, default=FULL)
    parser.add_argument("--peer-docs", type=int, default=3000, help="documents for the slow peers (default 3000)")
    parser.add_argument("--docs", type=int, help="also build and process a replicated corpus of this many documents")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/corpus_tools_bench"))
    parser.add_argument("--skip-peers", action="store_true", help="only this project (faster)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing, interleaved; the fastest is reported (default 3)")
    parser.add_argument("--analyses-only", type=Path, metavar="STORE", help="only the analyses, on an existing store")
    parser.add_argument("--worker", choices=("ours", "naive", "natasha", "ingest"), help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.path, args.limit, args.jobs)))
        return

    if args.analyses_only:
        analyses(args.analyses_only)
        return
    print(f"corpus {args.path}")
    # a shared machine's neighbours slow single runs by 10-30 %: each timing is the fastest of
    # --repeat fresh processes, taken in turns so that a slow spell hits every pipeline alike
    runs = [("corpus_tools, 1 process", "ours", None, 1), ("ingest 1", "ingest", None, 1), ("ingest 2", "ingest", None, 2)]
    if not args.skip_peers:
        runs += [
            (f"corpus_tools, first {args.peer_docs:,} docs", "ours", args.peer_docs, 1),
            (f"naive razdel+pymorphy3, first {args.peer_docs:,}", "naive", args.peer_docs, 1),
            (f"natasha, first {args.peer_docs:,} docs", "natasha", args.peer_docs, 1),
        ]
    timings: dict[str, list[dict]] = {label: [] for label, *_ in runs}
    for _ in range(max(1, args.repeat)):
        for label, kind, docs, jobs in runs:
            timings[label].append(run_worker(kind, args.path, docs, jobs=jobs))
    best = {label: min(found, key=lambda r: r["seconds"]) for label, found in timings.items()}

    def spread(label: str) -> str:
        seconds = sorted(r["seconds"] for r in timings[label])
        return f"{seconds[0]:.1f}-{seconds[-1]:.1f}"

    print(f"{'pipeline (cold, fresh process; best of ' + str(max(1, args.repeat)) + ')':<42} {'docs':>7} {'tokens':>10} {'words':>10} {'wall s':>8} {'all runs s':>11} {'words/s/core':>13} {'tokens/s/core':>14}")
    for label, *_ in runs:
        if label.startswith("ingest "):
            continue
        r = best[label]
        print(f"{label:<42} {r['docs']:>7,} {r['tokens']:>10,} {r['words']:>10,} {r['seconds']:>8.1f} {spread(label):>11} {r['words'] / r['seconds']:>13,.0f} {r['tokens'] / r['seconds']:>14,.0f}")
    ingest_one, ingest_two = best["ingest 1"], best["ingest 2"]
    print(f"ingest to Parquet, 1 process {ingest_one['seconds']:.1f} s ({spread('ingest 1')}), 2 processes {ingest_two['seconds']:.1f} s ({spread('ingest 2')}): "
          f"speed-up {ingest_one['seconds'] / ingest_two['seconds']:.2f}x (reading overlaps with the tokenizing workers)")
    checked, mismatched, same = identity(args.path)
    print(f"identity: {checked:,} sentences, {mismatched} differ from razdel.tokenize; tokenize(n_jobs=2) == tokenize(): {same}")
    if args.docs:
        scale(args.docs, args.work, args.jobs)


if __name__ == "__main__":
    main()
