"""The ``corpus-tools`` command: ``ingest`` a corpus into a Parquet store, ``report`` on a corpus,
register the environment as a Jupyter ``kernel``.

Examples (from a shell)::

    $ corpus-tools ingest ../texts store/ --jobs 2
    ingested 26,989 documents, 2,542,766 tokens in 5 partitions -> store/
    $ corpus-tools report --corpus ../texts --out reports
    $ corpus-tools kernel
    kernel corpus_tools -> /home/me/.local/share/jupyter/kernels/corpus_tools (python: /home/me/corpus_tools/.venv/bin/python)
    $ corpus-tools --version
    corpus-tools 0.1.0
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from corpus_tools import __version__, reports
from corpus_tools.corpus import BATCH_CHARS, CorpusError


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 bad usage)."""
    parser = argparse.ArgumentParser(prog="corpus-tools", description="Read, tokenize and report on Russian news corpora.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{ingest,report,kernel}")

    ingest = commands.add_parser(
        "ingest",
        help="read and tokenize a corpus into a partitioned Parquet store",
        description="Read a corpus (folder of .txt, .jsonl[.gz], .csv[.gz]) in batches, tokenize it and write "
        "docs/ and tokens/ Parquet partitions plus manifest.json (provenance, options, counts) into OUT. "
        "An up-to-date store is left as it is; unchanged batches are reused.",
    )
    ingest.add_argument("corpus", help="corpus folder or file")
    ingest.add_argument("out", help="store folder (created if needed)")
    ingest.add_argument("--metadata", help="sidecar CSV with source/date/title/author/url per document")
    ingest.add_argument("--batch-size", type=int, default=5000, help="documents per partition, at most (default 5000)")
    ingest.add_argument(
        "--batch-chars", type=int, default=BATCH_CHARS,
        help=f"characters of raw text per partition, at most, so partitions cost about the same (default {BATCH_CHARS:,})",
    )
    ingest.add_argument("--jobs", type=int, default=1, help="worker processes, -1 for one per CPU (default 1)")
    ingest.add_argument("--yo", choices=("fold", "keep"), default="fold", help="ё in lemmas: fold to е (default) or keep")
    ingest.add_argument("--skip-errors", action="store_true", help="record unreadable files and go on instead of stopping")
    ingest.add_argument("--dask", metavar="SCHEDULER", help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 ('local' for a local one)")
    ingest.add_argument("--no-progress", action="store_true", help="no progress bar")

    report = commands.add_parser(
        "report",
        help="run the notebook series on a corpus into a folder of HTML reports",
        description="Execute notebooks/NN_name.ipynb on a corpus with papermill and render HTML reports, an index "
        "and manifest.json (parameters, corpus digest, output digests). Parameters are checked against the "
        "notebooks' parameters cells before any notebook starts.",
    )
    reports.add_arguments(report)

    kernel = commands.add_parser(
        "kernel",
        help="register this environment as a named Jupyter kernel",
        description="Write a Jupyter kernelspec whose argv is this environment's Python (absolute path), so any "
        "JupyterLab or VS Code runs notebooks with corpus_tools and its pinned dependencies.",
    )
    kernel.add_argument("--name", default="corpus_tools", help="kernel name (default: corpus_tools)")
    kernel.add_argument("--display-name", help="name shown in the launcher (default: 'Python (corpus_tools VERSION)')")
    kernel.add_argument(
        "--prefix",
        help="install under PREFIX/share/jupyter/kernels, e.g. .venv (default: the user's Jupyter folder)",
    )

    args = parser.parse_args(argv)
    if args.command == "kernel":
        return _kernel(args)
    if args.command == "report":
        return reports.run_from_arguments(args)
    return _ingest(args)


def _kernel(args) -> int:
    try:
        folder = reports.install_kernel(args.name, display_name=args.display_name, prefix=args.prefix)
    except (ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    spec = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    print(f"kernel {args.name} -> {folder} (python: {spec['argv'][0]})")
    return 0


def _ingest(args) -> int:
    from corpus_tools import store

    client = None
    try:
        if args.dask:
            from dask.distributed import Client

            client = Client() if args.dask == "local" else Client(args.dask)
        started = time.perf_counter()
        out = store.ingest(
            args.corpus,
            args.out,
            metadata=args.metadata,
            yo=args.yo,
            batch_size=args.batch_size,
            batch_chars=args.batch_chars,
            n_jobs=args.jobs,
            on_error="skip" if args.skip_errors else "raise",
            backend="dask" if client is not None else "processes",
            client=client,
            progress=not args.no_progress,
        )
    except (CorpusError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    finally:
        if client is not None:
            client.close()
    manifest = json.loads((out / store.MANIFEST).read_text(encoding="utf-8"))
    print(
        f"ingested {manifest['documents']:,} documents, {manifest['tokens']:,} tokens in "
        f"{len(manifest['partitions'])} partitions -> {out} ({time.perf_counter() - started:.1f} s)"
    )
    if manifest["skipped"]:
        print(f"skipped {len(manifest['skipped'])} file(s) or record(s); see {out / store.MANIFEST}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
