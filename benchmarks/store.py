"""Store analyses: seconds and peak memory of frequency, keyness and co-occurrence per engine.

Usage (from the project root)::

    .venv/bin/python benchmarks/store.py                      # the 27k file's store, every engine
    .venv/bin/python benchmarks/store.py --docs 1000000       # plus the 1M-document store
    .venv/bin/python benchmarks/store.py --docs 1000000 --engines duckdb --skip-27k

The stores live under ``--work`` (default ``/tmp/corpus_tools_bench``, never in the repository):
``store_27k`` is ``ingest`` of ``../shared/data/corpora/ru_news_mix/ru_news_mix_full.jsonl.gz``
and ``store_<N>`` that of the replicated corpus of ``benchmarks/ingest.py --docs N`` (the real
documents cycled with new ids); each is built once (about 6 min of one core for 1M documents)
and reused. Every analysis runs in a fresh process, so its peak RSS (sampled every 0.2 s over the
process and its children, e.g. Dask workers) is its own; printed are wall seconds, CPU seconds of
the process tree and the peak. On the 27k store each engine's table is compared with the pandas
engine's and with the in-memory function on ``read_tokens`` (equal counts; floats to 1e-9).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import FULL  # noqa: E402
from ingest import TreePeak, replicate  # noqa: E402

ANALYSES = {
    "frequency": lambda store, out, engine: store.frequency(out, by="source", engine=engine),
    "keyness": lambda store, out, engine: store.keyness(out, by="source", engine=engine),
    "cooccurrence": lambda store, out, engine: store.cooccurrence(out, window=5, min_count=20, engine=engine),
}


def worker(analysis: str, out: Path, engine: str, compare: bool) -> dict:
    """One analysis in this (fresh) process; with ``compare``, check it against pandas and in memory."""
    from corpus_tools import store

    client = None
    if engine == "dask":
        from dask.distributed import Client, LocalCluster

        client = Client(LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None))
    tree = psutil.Process()
    cpu = lambda: sum(p.cpu_times().user + p.cpu_times().system for p in [tree, *tree.children(recursive=True)])  # noqa: E731
    with TreePeak() as peak:
        started, used = time.perf_counter(), cpu()
        result = ANALYSES[analysis](store, out, engine)
        seconds, used = time.perf_counter() - started, cpu() - used
    record = {"analysis": analysis, "engine": engine, "rows": len(result), "seconds": seconds, "cpu": used, "peak_gb": peak.peak / 2**30}
    if client is not None:
        client.close()
    if compare:
        record["same_as_pandas"], record["same_as_in_memory"] = same(store, out, analysis, result)
    return record


def same(store, out: Path, analysis: str, result) -> tuple[bool, bool]:
    import pandas as pd

    import corpus_tools as ct

    def equal(a, b) -> bool:
        try:
            pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False, check_categorical=False, rtol=1e-9)
        except AssertionError:
            return False
        return True

    reference = ANALYSES[analysis](store, out, "pandas")
    docs = store.read_docs(out, ["doc_id", "source"])
    if analysis == "cooccurrence":
        tokens = store.read_tokens(out, ["doc_id", "sent_id", "lemma", "is_punct", "is_stop"])
        memory = ct.cooccurrence(tokens, window=5, min_count=20).astype({"group": str, "term_a": str, "term_b": str})
    else:
        tokens = store.read_tokens(out, ["doc_id", "sent_id", "token_id", "start", "stop", "lemma", "upos", "is_punct", "is_stop", "in_title"])
        memory = getattr(ct, analysis)(tokens, by="source", docs=docs).astype({"term": str})
    return equal(result, reference), equal(result, memory)


def run(analysis: str, out: Path, engine: str, compare: bool) -> dict:
    command = [sys.executable, __file__, "--worker", analysis, "--store", str(out), "--engines", engine] + (["--compare"] if compare else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{analysis} ({engine}) failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def build(work: Path, n_docs: int | None) -> Path:
    """The store of the 27k file (``n_docs`` None) or of the replicated corpus, built if absent."""
    from corpus_tools import store

    out = work / ("store_27k" if n_docs is None else f"store_{n_docs}")
    if (out / "manifest.json").is_file():
        return out
    corpus = FULL
    if n_docs is not None:
        corpus = work / f"replicated_{n_docs}.jsonl.gz"
        replicate(FULL, corpus, n_docs)
    started = time.perf_counter()
    store.ingest(corpus, out, n_jobs=2, batch_size=5000, progress=False)
    print(f"built {out} in {time.perf_counter() - started:.0f} s", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/corpus_tools_bench"))
    parser.add_argument("--docs", type=int, help="also the store of a replicated corpus of this many documents")
    parser.add_argument("--engines", default="duckdb,pandas,dask", help="comma-separated (default: all three)")
    parser.add_argument("--skip-27k", action="store_true")
    parser.add_argument("--worker", choices=list(ANALYSES), help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--compare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    engines = args.engines.split(",")
    if args.worker:
        print(json.dumps(worker(args.worker, args.store, engines[0], args.compare)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    stores = ([] if args.skip_27k else [(build(args.work, None), True)]) + ([(build(args.work, args.docs), False)] if args.docs else [])
    print(f"{'store':<16} {'analysis':<13} {'engine':<7} {'wall s':>8} {'cpu s':>8} {'peak GB':>8} {'rows':>10}  identical (pandas, in memory)", flush=True)
    for out, compare in stores:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        label = f"{manifest['documents']:,} docs"
        for analysis in ANALYSES:
            for engine in engines:
                r = run(analysis, out, engine, compare)
                checks = f"  {r['same_as_pandas']}, {r['same_as_in_memory']}" if compare else ""
                print(f"{label:<16} {analysis:<13} {engine:<7} {r['seconds']:8.1f} {r['cpu']:8.1f} {r['peak_gb']:8.2f} {r['rows']:>10,}{checks}", flush=True)


if __name__ == "__main__":
    main()
