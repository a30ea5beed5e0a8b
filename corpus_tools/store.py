"""Partitioned Parquet stores of a processed corpus: ingest once, reuse everywhere.

A *store* is a folder::

    manifest.json          what was ingested, how, with which versions, and the partitions
    docs/part-00000.parquet     the documents of read_corpus, one file per batch
    tokens/part-00000.parquet   the token table of tokenize for the same documents

:func:`ingest` builds one from a corpus in batches (bounded memory, ``n_jobs`` worker processes
or a Dask cluster), :func:`read_docs` / :func:`read_tokens` read it back (only the columns you
ask for; text columns as categoricals, so a 100-million-token table fits in memory as integer
codes), and :func:`load` is the cached entry point the notebooks use: ``docs, tokens =
load(corpus)`` ingests the first time and reads the store afterwards.

:func:`frequency`, :func:`keyness` and :func:`cooccurrence` analyse a store without loading its
token table, with ``engine="duckdb"`` (default: DuckDB group-bys over the Parquet partitions;
for co-occurrence, numba loops over the partitions' dictionary codes), ``"pandas"`` (one
partition in memory at a time through the in-memory functions: the reference the others are
tested against) or ``"dask"`` (``dask.dataframe`` over the partitions, on the current
``dask.distributed`` client). A damaged, foreign or older store raises :class:`StoreError`
naming the file before anything is counted.

Cache rules:

- a store is reused when its manifest records the same input digest (every input file's
  relative path, size and bytes, plus the metadata sidecar), the same options and the same
  versions of the packages that shape the tokens (:mod:`corpus_tools.provenance`);
- when the input changed, every batch is read again, but a batch whose documents are unchanged
  (same digest of ids, texts and metadata, same position) keeps its token partition: a changed
  file costs the re-tokenization of its batch only;
- every file is written to a temporary name and renamed into place, and the manifest is written
  last, so an interrupted run leaves either the old store or none, never a corrupt one; two
  processes building the same store at once both finish with one valid store.

The raw corpus is only ever read.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from corpus_tools import parallel, provenance
from corpus_tools.corpus import BATCH_CHARS, MAX_BYTES, RawBatch, corpus_label, is_in_memory, raw_batches
from corpus_tools.tokens import tokenize

log = logging.getLogger(__name__)

FORMAT = "corpus_tools-store-2"  # 2: token tables gained is_link
MANIFEST = "manifest.json"
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "corpus_tools"


class StoreError(ValueError):
    """Raised for a folder that is not a complete store; the message names it and the fix."""


def cache_dir() -> Path:
    """The cache folder: ``$CORPUS_TOOLS_CACHE``, else ``~/.cache/corpus_tools``."""
    return Path(os.environ.get("CORPUS_TOOLS_CACHE", DEFAULT_CACHE))


def ingest(
    corpus: str | os.PathLike | pd.DataFrame | Sequence[str],
    out: str | os.PathLike,
    *,
    metadata: str | os.PathLike | Literal[False] | None = None,
    yo: Literal["fold", "keep"] = "fold",
    batch_size: int = 5000,
    batch_chars: int | None = BATCH_CHARS,
    n_jobs: int = 1,
    text_column: str = "text",
    on_error: Literal["raise", "skip"] = "raise",
    clean: bool = True,
    max_bytes: int | None = MAX_BYTES,
    backend: Literal["processes", "dask"] = "processes",
    client=None,
    progress: bool | None = None,
    boilerplate: bool = False,
) -> Path:
    """Read and tokenize ``corpus`` into a partitioned Parquet store at ``out``; return ``out``.

    Documents are read in batches of ``batch_size`` (:func:`corpus_tools.corpus.iter_corpus`) and
    each batch is tokenized (:func:`corpus_tools.tokenize`) into ``tokens/part-NNNNN.parquet``
    next to ``docs/part-NNNNN.parquet``, so memory holds a few batches whatever the corpus size.
    This process only reads the records (:func:`corpus_tools.corpus.raw_batches`: ids,
    duplicates, sidecar rows, skips) and writes the manifest; cleaning and tokenizing a batch
    happen together in a worker.
    The result is identical, row for row, to ``tokenize(read_corpus(corpus, boilerplate=boilerplate))``
    and does not depend on ``batch_size``, ``n_jobs`` or the backend (every decision is taken
    within one document, once the corpus-level boilerplate is known).

    Parameters
    ----------
    corpus, metadata, text_column, on_error, clean, max_bytes
        As for :func:`corpus_tools.read_corpus`.
    out
        The store folder; created if needed. An existing store for the same input, options and
        versions is kept as it is (a cache hit); partitions whose documents did not change are
        reused.
    yo
        As for :func:`corpus_tools.tokenize`.
    batch_size, batch_chars
        Documents per partition, at most; a partition also ends once its raw texts hold
        ``batch_chars`` characters (None: no limit), so partitions cost about the same to
        tokenize even where long articles cluster, and workers finish together.
    n_jobs
        Worker processes that clean and tokenize the batches (``-1``: one per CPU); reading
        stays in this process and overlaps with the workers.
    backend, client
        ``"dask"`` sends each batch of records to the workers of a ``dask.distributed`` client
        (``client``, or a new ``Client()`` of a local cluster); the workers build the documents
        and token tables and return them, and this process writes both. See the README for
        pointing it at a real cluster.
    progress
        A progress bar over batches: True always, False never, None (default) from the second
        batch on unless ``CORPUS_TOOLS_PROGRESS=0``.
    boilerplate
        Remove the corpus-level boilerplate as :func:`corpus_tools.read_corpus` does (lines and
        sentences an outlet repeats across its documents). It needs every cleaned text of the
        corpus at once, in one extra reading pass before the batches (about a third of the
        cost of tokenizing; memory grows with the corpus), so it is off here and on in
        :func:`load`, which serves corpora that fit in memory anyway.

    Returns
    -------
    pathlib.Path
        ``out``; its ``manifest.json`` records provenance, options and per-partition counts.

    Raises
    ------
    CorpusError, ValueError
        As :func:`corpus_tools.read_corpus` and :func:`corpus_tools.tokenize`; also for a bad
        ``backend``. An ``out`` that holds something other than a store is refused.
    """
    if backend not in ("processes", "dask"):
        raise ValueError(f"backend={backend!r} is invalid; use 'processes' or 'dask'")
    jobs = parallel.workers(n_jobs)
    corpus, out = (corpus if is_in_memory(corpus) else Path(corpus)), Path(out)
    options = {"yo": yo, "batch_size": batch_size, "batch_chars": batch_chars, "text_column": text_column, "on_error": on_error, "clean": clean, "max_bytes": max_bytes}
    if boilerplate and clean:  # only then: stores built without it keep their key
        options["boilerplate"] = True
    # a DataFrame or list of texts is identified by its content, a path by its files
    input_digest = provenance.digest(provenance.table_digest(corpus), provenance.path_digest(metadata) if metadata else None)
    how = provenance.digest(FORMAT, provenance.pipeline(), provenance.versions(), options)
    key = provenance.digest(how, input_digest)
    old = _manifest_or_none(out)
    if old is not None and old["key"] == key and _complete(out, old):
        log.info("ingest %s: store %s is up to date", corpus_label(corpus), out)
        return out
    # a folder being built by another process holds docs/, tokens/ and temporary files only
    foreign = [p.name for p in out.iterdir() if p.name not in ("docs", "tokens", MANIFEST) and not p.name.endswith(".tmp")] if out.is_dir() else []
    if old is None and foreign:
        raise StoreError(f"{out} exists and is not a corpus_tools store (no {MANIFEST}; holds {', '.join(sorted(foreign)[:3])}); pass an empty or new folder")
    # a partition keeps its tokens when its documents still have the key they had
    kept = {p["name"]: p["key"] for p in old["partitions"]} if old is not None else {}
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "tokens").mkdir(parents=True, exist_ok=True)

    batches = raw_batches(
        corpus, batch_size=batch_size, batch_chars=batch_chars, metadata=metadata, text_column=text_column, on_error=on_error, clean=clean, max_bytes=max_bytes
    )
    partitions, skipped, warnings = [], [], []
    final = None  # the last batch, which logs the warnings of the reading once its documents are counted
    hits = {}
    if boilerplate and clean:
        from corpus_tools.corpus import boilerplate_hits

        hits = boilerplate_hits(corpus, metadata=metadata, text_column=text_column, on_error=on_error, max_bytes=max_bytes)
    runner = _Runner(backend, jobs, client, _Work(how, {"yo": yo}, out, hits=hits, text_column=text_column))
    bar = _LazyBar(progress)

    def finished(index: int, result: dict) -> None:
        partitions[index].update(key=result["key"], documents=result["documents"])
        if result["tokens"] is None:
            partitions[index]["reused"] = True
        else:
            partitions[index]["tokens"] = result["tokens"]
        if final is not None and index == len(partitions) - 1:
            final.log_warnings(result["warned"])
        bar.update()

    try:
        for number, batch in enumerate(batches):
            name = f"part-{number:05d}"
            skipped += batch.skipped
            warnings += batch.warnings
            final = batch if batch.last else None
            partitions.append({"name": name})
            tokens_there = (out / "tokens" / f"{name}.parquet").is_file()
            runner.submit(len(partitions) - 1, batch, name, kept.get(name) if tokens_there else None)
            del batch  # the runner holds it until its worker is done; not here while the next is read
            for index, result in runner.done(block=False):
                finished(index, result)
        for index, result in runner.done(block=True):
            finished(index, result)
    finally:
        runner.close()
        bar.close()
    for part in partitions:
        if "tokens" not in part:
            part["tokens"] = _rows(out / "tokens" / f"{part['name']}.parquet")
    _remove_stale(out, {p["name"] for p in partitions})
    manifest = {
        "format": FORMAT,
        "key": key,
        "corpus": corpus_label(corpus),
        "metadata": str(metadata) if metadata else None,
        "input_digest": input_digest,
        "options": options,
        "provenance": {"versions": provenance.versions(), "pipeline": provenance.pipeline()},
        "documents": sum(p["documents"] for p in partitions),
        "tokens": sum(p["tokens"] for p in partitions),
        "partitions": partitions,
        "skipped": skipped,
        "warnings": warnings,
    }
    write_atomically(out / MANIFEST, lambda tmp: tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, default=str), encoding="utf-8"))
    return out


def load(
    corpus: str | os.PathLike | pd.DataFrame | Sequence[str],
    *,
    metadata: str | os.PathLike | Literal[False] | None = None,
    yo: Literal["fold", "keep"] = "fold",
    n_jobs: int = 1,
    cache: str | os.PathLike | bool = True,
    progress: bool | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return ``(docs, tokens)`` of a corpus, from the cache when it is up to date.

    The same tables as ``docs = read_corpus(corpus, metadata=metadata)`` (corpus-level
    boilerplate removed, see ``ingest(boilerplate=True)``) and
    ``tokens = tokenize(docs, yo=yo)`` (token and lemma columns as strings), built once by
    :func:`ingest` into a store under the cache folder (:func:`cache_dir`, or ``cache`` when it
    is a path) and read back afterwards. ``cache=False`` computes them without touching disk.
    ``corpus`` may be a DataFrame of articles or a list of texts (see :func:`corpus_tools.read_corpus`);
    its store is then named and keyed by its content.

    Examples
    --------
    >>> docs, tokens = load("seeds", metadata="data/seeds_metadata.csv", cache=False)
    >>> len(docs), tokens.columns[:4].tolist()
    (5, ['doc_id', 'sent_id', 'token_id', 'start'])
    """
    from corpus_tools.corpus import read_corpus

    if cache is False:
        docs = read_corpus(corpus, metadata=metadata)
        return docs, tokenize(docs, yo=yo, n_jobs=n_jobs, progress=progress)
    root = cache_dir() if cache is True else Path(cache)
    if is_in_memory(corpus):  # no path to name the store by: its content does
        where, folder = provenance.table_digest(corpus), "dataframe" if isinstance(corpus, pd.DataFrame) else "texts"
    else:
        where = Path(corpus).resolve()
        folder = where.name
    name = provenance.digest(str(where), str(Path(metadata).resolve()) if metadata else None, yo)
    store = ingest(corpus, root / f"{folder}-{name}", metadata=metadata, yo=yo, n_jobs=n_jobs, progress=progress, boilerplate=True)
    docs = read_docs(store)
    tokens = read_tokens(store, categorical=False)
    manifest = _manifest(store)
    docs.attrs["skipped"] = manifest["skipped"]
    docs.attrs["warnings"] = manifest["warnings"]
    docs.attrs["metadata_file"] = str(metadata) if metadata else None
    return docs, tokens


def read_docs(store: str | os.PathLike, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read the documents of a store (all columns, or ``columns``), in input order."""
    return _read(Path(store), "docs", columns, categorical=False)


def read_tokens(store: str | os.PathLike, columns: Sequence[str] | None = None, *, categorical: bool = True) -> pd.DataFrame:
    """Read the token table of a store (all columns, or ``columns``), in document order.

    With ``categorical=True`` (default) ``doc_id``, ``token`` and ``lemma`` come back as pandas
    categoricals (integer codes plus one copy of each distinct string), which is what lets a
    table of 100 million tokens be analysed in a few GB; every analysis function accepts them.
    ``categorical=False`` gives the plain string columns of :func:`corpus_tools.tokenize`.
    """
    return _read(Path(store), "tokens", columns, categorical=categorical)


def _rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def _read(store: Path, table: str, columns, *, categorical: bool) -> pd.DataFrame:
    import pyarrow as pa

    manifest = _manifest(store)
    pieces = [piece for _, piece in _pieces(store, manifest, table, columns, categorical=categorical)]
    if not pieces:
        return pd.DataFrame(columns=list(columns or []))
    combined = pa.concat_tables(pieces, promote_options="permissive")
    # one dictionary for all partitions, so the categoricals concatenate as codes
    frame = combined.unify_dictionaries().to_pandas() if categorical and table == "tokens" else combined.to_pandas()
    if table == "docs" and "date" in frame.columns:
        frame["date"] = frame["date"].astype("datetime64[s]")  # Parquet has no unit of seconds
    record = manifest["provenance"] | {"store": str(store), "input": manifest["input_digest"], "table": table}
    # what was read, identified without hashing its rows: the store's key names its input,
    # pipeline and options; the table, columns and categorical flag name the part read. The
    # shape lets provenance.table_digest use this digest until the table is changed.
    record["digest"] = provenance.digest(manifest["key"], table, list(frame.columns), categorical)
    record["shape"] = provenance.shape(frame)
    frame.attrs = {"provenance": record}
    return frame


def _partition_files(store: Path, manifest: dict, table: str) -> list[Path]:
    """The partition files of one table, each checked against the manifest before anything is
    counted: present, with a readable Parquet footer, and holding the rows the manifest records.

    Raises
    ------
    StoreError
        Naming the first file that is missing, truncated or unreadable, or whose row count differs
        from the manifest's (a partition from another store or another run).
    """
    import pyarrow.parquet as pq

    files = [store / table / f"{p['name']}.parquet" for p in manifest["partitions"]]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise StoreError(f"{store}: partitions missing ({', '.join(missing[:3])}); run ingest again to rebuild the store")
    field = "tokens" if table == "tokens" else "documents"
    for part, path in zip(manifest["partitions"], files):
        try:
            rows = pq.read_metadata(path).num_rows
        except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
            raise StoreError(f"{path}: not a readable Parquet file ({error}); the partition is truncated or damaged, run ingest again to rebuild the store") from error
        if rows != part.get(field):
            raise StoreError(f"{path}: {rows:,} rows where {MANIFEST} records {part.get(field)}; the partition does not belong to this store, run ingest again to rebuild it")
    return files


def _pieces(store: Path, manifest: dict, table: str, columns, *, categorical: bool):
    """Yield ``(partition name, pyarrow table)`` of one table of a store, in order."""
    import pyarrow.parquet as pq

    files = _partition_files(store, manifest, table)
    wanted = list(columns) if columns is not None else None
    dictionary = [c for c in ("doc_id", "token", "lemma") if categorical and table == "tokens" and (wanted is None or c in wanted)]
    for part, path in zip(manifest["partitions"], files):
        try:
            piece = pq.read_table(path, columns=wanted, read_dictionary=dictionary)
        except (OSError, ValueError) as error:
            raise StoreError(f"{path}: the partition cannot be read ({error}); run ingest again to rebuild the store") from error
        yield part["name"], piece


def _manifest(store: Path) -> dict:
    path = Path(store) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise StoreError(f"{store}: not a corpus_tools store (no readable {MANIFEST}); build it with ingest()") from None
    except ValueError as error:
        raise StoreError(f"{path}: not valid JSON ({error}); the store was not finished or is damaged, run ingest again") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise StoreError(
            f"{path}: store format {found!r}, but this version of corpus_tools reads {FORMAT!r} "
            "(a store from another version); run ingest again on the same folder to rebuild it"
        )
    return data


def _refuse_other_format(store: Path) -> None:
    """Raise for a store written in another format version, naming both versions."""
    try:
        written = json.loads((store / MANIFEST).read_text(encoding="utf-8")).get("format")
    except (OSError, ValueError, AttributeError):
        return
    if isinstance(written, str) and written.startswith("corpus_tools-store-"):
        raise StoreError(f"{store}: a store of format {written}, this version reads {FORMAT}; rebuild it with ingest() (the same call re-reads the corpus)")


def _manifest_or_none(store: Path) -> dict | None:
    try:
        return _manifest(store)
    except StoreError:
        return None


def _complete(store: Path, manifest: dict) -> bool:
    return all((store / t / f"{p['name']}.parquet").is_file() for p in manifest["partitions"] for t in ("docs", "tokens"))


def _remove_stale(store: Path, names: set[str]) -> None:
    for table in ("docs", "tokens"):
        for file in (store / table).glob("part-*.parquet"):
            if file.stem not in names:
                file.unlink(missing_ok=True)


def write_atomically(path: str | os.PathLike, write) -> Path:
    """Write through ``write(temporary)`` next to ``path``, then rename the file onto ``path``.

    The temporary name is unique per process and call and lies in the same folder, so the rename
    is atomic: readers see the old file or the new one, never a partial one, and an interrupted
    write leaves nothing behind.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"folder {path.parent} does not exist; create it first")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def _write(path: Path, frame: pd.DataFrame) -> int:
    frame = frame.copy(deep=False)
    frame.attrs = {}
    for column in frame.columns[frame.dtypes == object]:
        # extra record fields may mix numbers and strings; Parquet needs one type per column
        values = frame[column]
        if not values.map(lambda v: v is None or isinstance(v, str) or v != v).all():
            frame[column] = values.map(lambda v: v if v is None or isinstance(v, str) or v != v else str(v))
    write_atomically(path, lambda tmp: frame.to_parquet(tmp, index=False, compression="zstd"))
    return len(frame)


class _Work:
    """What every batch goes through, in whichever process: build, key, tokenize, write.

    Picklable (for Dask), and small: the batch itself travels as an argument.
    """

    def __init__(self, how: str, token_options: dict, out: Path, *, hits: dict | None = None, text_column: str = "text"):
        self.how, self.token_options, self.out = how, token_options, out
        self.hits, self.text_column = hits or {}, text_column  # corpus-level boilerplate by doc_id

    def tables(self, batch: RawBatch, kept: str | None) -> tuple[pd.DataFrame, pd.DataFrame | None, dict]:
        """The documents and token tables of a batch; no tokens when its key equals ``kept``."""
        docs = batch.frame()
        if self.hits:
            from corpus_tools.cleaning import apply_boilerplate
            from corpus_tools.corpus import _prepared

            found = {d: self.hits[i] for d, i in enumerate(docs["doc_id"].tolist()) if i in self.hits}
            docs = apply_boilerplate(docs, found, lambda d: _prepared(batch.records[d], self.text_column)["_raw"])
        # the documents' content (not where the corpus lies) and how they are processed
        key = provenance.digest(self.how, provenance.table_digest(docs.drop(columns=["path"])))
        result = {"key": key, "documents": len(docs), "warned": int(docs["warnings"].ne("[]").sum()), "tokens": None}
        docs.attrs.clear()
        if key == kept:
            return docs, None, result
        tokens = tokenize(docs, progress=False, **self.token_options)
        tokens.attrs = {}
        return docs, tokens, result

    def write(self, name: str, docs: pd.DataFrame, tokens: pd.DataFrame | None, result: dict) -> dict:
        """Write the partitions of ``tables``; ``result`` with the token rows, for the manifest."""
        _write(self.out / "docs" / f"{name}.parquet", docs)
        if tokens is not None:
            result["tokens"] = _write(self.out / "tokens" / f"{name}.parquet", tokens)
        return result

    def __call__(self, batch: RawBatch, name: str, kept: str | None) -> dict:
        return self.write(name, *self.tables(batch, kept))


class _LazyBar:
    """A progress bar over batches that appears with the second batch (the total is unknown)."""

    def __init__(self, progress: bool | None):
        self.progress, self.count, self.bar = progress, 0, None

    def update(self) -> None:
        self.count += 1
        if self.bar is None and (self.progress or (self.progress is None and self.count > 1 and parallel.progress_enabled(None, 2))):
            from tqdm.auto import tqdm

            self.bar = tqdm(desc="ingest", unit="batch", initial=self.count - 1)
        if self.bar is not None:
            self.bar.update()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _warm_up() -> None:
    """Load what every tokenize loads on its first call (dictionaries, lexicon) in a new worker."""
    tokenize(pd.DataFrame({"doc_id": ["warm-up"], "text": ["Проверка связи."]}), progress=False)


class _Runner:
    """Run batches through a :class:`_Work` here, in worker processes or on a Dask cluster.

    A few batches are in flight at once, and results are collected oldest first, so they come
    back in input order whatever the backend.
    """

    def __init__(self, backend: str, workers: int, client, work: _Work):
        self.backend, self.workers, self.work = backend, max(1, workers), work
        self.pending: deque = deque()
        self.finished: list[tuple[int, dict]] = []
        self.pool = None
        self.client = client
        self.own_client = False
        if backend == "dask":
            if self.client is None:
                from dask.distributed import Client

                self.client, self.own_client = Client(), True
        elif self.workers > 1:
            import multiprocessing

            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(method), initializer=_warm_up)
            # start the workers now (forked ones all start with the first task), so that they load
            # the tokenizer's dictionaries while this process reads the first batches
            self.pool.submit(int)

    def submit(self, index: int, batch: RawBatch, name: str, kept: str | None) -> None:
        if self.backend == "dask":
            # Dask workers may not see the store's folder: they return the tables, written here
            future = self.client.submit(self.work.tables, batch, kept, pure=False)
        elif self.pool is not None:
            future = self.pool.submit(self.work, batch, name, kept)
        else:
            future = self.work(batch, name, kept)
        self.pending.append((index, name, future))
        # keep memory bounded: wait for the oldest batch when enough are in flight
        while len(self.pending) > self.workers + 1:
            self._finish_oldest()

    def _finish_oldest(self) -> None:
        index, name, future = self.pending.popleft()
        if self.backend == "dask":
            result = self.work.write(name, *future.result())
        elif self.pool is not None:
            result = future.result()
        else:
            result = future
        self.finished.append((index, result))

    def done(self, *, block: bool) -> list[tuple[int, dict]]:
        """``(partition index, result of the work)`` of the batches finished so far (all, with ``block``)."""
        if block:
            while self.pending:
                self._finish_oldest()
        out, self.finished = self.finished, []
        return out

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.own_client:
            self.client.close()


def clear(store: str | os.PathLike) -> None:
    """Delete a store folder (refused for a folder that is not a store)."""
    store = Path(store)
    _manifest(store)
    shutil.rmtree(store)


def iter_tokens(store: str | os.PathLike, columns: Sequence[str] | None = None, *, doc_columns: Sequence[str] = ()) -> Iterator[pd.DataFrame]:
    """Yield the token table of a store one partition at a time (categorical text columns).

    ``doc_columns`` (e.g. ``["source"]``) are joined from the documents by ``doc_id``, so a
    grouping column travels with each partition.
    """
    store = Path(store)
    manifest = _manifest(store)
    documents = _pieces(store, manifest, "docs", ["doc_id", *doc_columns], categorical=False) if doc_columns else None
    for _, piece in _pieces(store, manifest, "tokens", columns, categorical=True):
        table = piece.to_pandas()
        if documents is not None:
            mapped = next(documents)[1].to_pandas().set_index("doc_id")
            for column in doc_columns:
                # mapped per distinct document (the column is categorical), not per token
                table[column] = table["doc_id"].map(mapped[column]).astype("category")
        yield table


class _Sum:
    """Adds up tables (or series) of numbers by their index labels, over many partitions.

    ``a.add(b, fill_value=0)`` per partition aligns the whole running total each time, which
    grows with the number of partitions (hundreds for a million documents); here the parts are
    collected and folded into the total ``_FOLD`` at a time with one concat and group-by sum.
    Labels missing from a part count as 0, as with ``fill_value=0``.
    """

    _FOLD = 32

    def __init__(self):
        self.total, self.parts = None, []

    def add(self, part) -> None:
        self.parts.append(part)
        if len(self.parts) >= self._FOLD:
            self._fold()

    def _fold(self) -> None:
        if not self.parts:
            return
        joined = pd.concat(([] if self.total is None else [self.total]) + self.parts)
        self.total = joined.groupby(level=list(range(joined.index.nlevels)), sort=False, dropna=False).sum()
        self.parts = []

    def result(self):
        """The sum so far (None when nothing was added)."""
        self._fold()
        return self.total


def _global_codes(ids: dict, labels) -> np.ndarray:
    """Global integer codes of one partition's distinct ``labels`` (new labels get the next
    codes in ``ids``), so partitions are added up on integers and labelled once at the end."""
    values = labels.tolist() if hasattr(labels, "tolist") else list(labels)  # not one Arrow scalar per label
    return np.fromiter((ids.setdefault(value, len(ids)) for value in values), dtype=np.int64, count=len(values))


class _KeyCounts:
    """Counts per int64 key added up over partitions: the pieces are concatenated and reduced
    (one ``np.unique``) whenever they hold more than ``limit`` keys, and at the end."""

    def __init__(self, limit: int = 20_000_000):
        self.keys: list[np.ndarray] = []
        self.counts: list[np.ndarray] = []
        self.held, self.limit = 0, limit

    def add(self, keys: np.ndarray, counts: np.ndarray) -> None:
        self.keys.append(keys)
        self.counts.append(counts.astype(np.int64))
        self.held += len(keys)
        if self.held > self.limit:
            self._reduce()

    def _reduce(self) -> None:
        unique, inverse = np.unique(np.concatenate(self.keys), return_inverse=True)
        self.keys = [unique]
        self.counts = [np.bincount(inverse, weights=np.concatenate(self.counts), minlength=len(unique)).astype(np.int64)]
        self.held = len(unique)

    def result(self) -> tuple[np.ndarray, np.ndarray]:
        """Sorted distinct keys and their summed counts."""
        if not self.keys:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        self._reduce()
        return self.keys[0], self.counts[0]


# the token columns frequency and keyness need; ``by`` may be one of them or a document column
_FREQUENCY_INPUT = ["doc_id", "sent_id", "token_id", "start", "stop", "lemma", "upos", "is_punct", "is_stop", "is_link", "in_title"]


Engine = Literal["duckdb", "pandas", "dask"]
ENGINES = ("duckdb", "pandas", "dask")


def frequency(store: str | os.PathLike, *, by: str | None = None, min_count: int = 1, engine: Engine = "duckdb") -> pd.DataFrame:
    """:func:`corpus_tools.frequency` of a store's lemmas, without loading the token table.

    The same table as ``corpus_tools.frequency(read_tokens(store), by=by, docs=...)`` (lemmas
    without punctuation and stop words; ``by`` a token column or a document column such as
    ``source``), equal up to floating-point summation order. Counts, documents, sums of relative
    frequencies and their squares are added up per (group, term) (Juilland's D), then each
    document's deviation from its expected share (Gries' DP, which needs every term's total
    first). Documents never span partitions, so per-document figures are exact.

    Parameters
    ----------
    store
        A folder written by :func:`ingest`.
    by, min_count
        As for :func:`corpus_tools.frequency`.
    engine
        ``"duckdb"`` (default): DuckDB counts over the Parquet partitions on every core, spilling
        to a temporary folder beyond 3 GB; ``"pandas"``: one partition in memory at a time, in
        this process (the reference the others are tested against); ``"dask"``: ``dask.dataframe``
        over the partitions, on the current ``dask.distributed`` client if there is one.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`corpus_tools.frequency` (``group``, ``term``, ``frequency``,
        ``per_10k``, ``docfreq``, ``rank``, ``juilland_d``, ``gries_dp``), sorted by group (the
        largest, by counted terms, first; ties by name), frequency descending, then term.

    Raises
    ------
    StoreError
        The store is from another version, or a partition is missing, truncated or foreign.
    ValueError
        ``min_count`` < 1, ``engine`` is unknown, or ``by`` is neither a token nor a document column.

    Examples
    --------
    >>> store.frequency("store/", by="source").head(2)  # doctest: +SKIP
    """
    if min_count < 1:
        raise ValueError(f"min_count = {min_count} is invalid; value must be >= 1")
    store, manifest = _open(store, engine, by)
    sums = {"duckdb": _frequency_sums_duckdb, "pandas": _frequency_sums_pandas, "dask": _frequency_sums_dask}[engine](store, manifest, by)
    return _frequency_table(sums, min_count)


def _frequency_table(sums: pd.DataFrame | None, min_count: int) -> pd.DataFrame:
    """The frequency table from per (group, term) sums: ``group, term`` (strings), ``frequency,
    docfreq, sum_p, sum_p2, dev`` and the group's ``parts`` and ``total``."""
    from corpus_tools.frequency import FREQUENCY_COLUMNS, dispersion_measures

    if sums is None or sums.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in FREQUENCY_COLUMNS})
    table = sums.copy()
    table["juilland_d"], table["gries_dp"] = dispersion_measures(table["sum_p"], table["sum_p2"], table["parts"], table["dev"])
    size = table.groupby("group")["frequency"].transform("sum")
    table["per_10k"] = table["frequency"] / size * 10_000
    table["_group_size"] = size  # the largest group first, as in corpus_tools.frequency
    table = table[table["frequency"] >= min_count].astype({"frequency": "int64", "docfreq": "int64"})
    table = table.sort_values(["_group_size", "group", "frequency", "term"], ascending=[False, True, False, True], kind="mergesort")
    table["rank"] = table.groupby("group")["frequency"].rank(method="min", ascending=False).astype("int64")
    return table[FREQUENCY_COLUMNS].reset_index(drop=True)


def _frequency_sums_pandas(store: Path, manifest: dict, by: str | None) -> pd.DataFrame | None:
    from corpus_tools.frequency import _factorize_labels, as_terms

    token_columns = set(_FREQUENCY_INPUT)

    # groups and terms are global integer codes until the end: strings per row (Arrow string
    # arrays in pandas) cost more than all the counting
    group_ids: dict[str, int] = {}
    term_ids: dict[str, int] = {}

    def per_doc_counts():
        for part in iter_tokens(store, _FREQUENCY_INPUT, doc_columns=[by] if by and by not in token_columns else []):
            terms = as_terms(part, unit="lemma")
            group, groups = _factorize_labels(terms[by]) if by else (np.zeros(len(terms), dtype=np.int64), pd.Index(["all"]))
            if (group < 0).any():  # no group value: left out, as by the other engines
                terms, group = terms[group >= 0], group[group >= 0]
            term, names = _factorize_labels(terms["term"])
            to_group, to_term = _global_codes(group_ids, groups), _global_codes(term_ids, names)
            frame = pd.DataFrame({"group": to_group[group], "doc_id": pd.factorize(terms["doc_id"])[0], "term": to_term[term]})
            counts = frame.groupby(["group", "doc_id", "term"], sort=False).size().rename("n").reset_index()
            counts["size"] = counts.groupby(["group", "doc_id"], sort=False)["n"].transform("sum")
            yield counts

    # pass 1: additive per (group, term) and per group
    terms_sum, groups_sum = _Sum(), _Sum()
    for counts in per_doc_counts():
        counts["p"] = counts["n"] / counts["size"]
        counts["p2"] = counts["p"] ** 2
        part = counts.groupby(["group", "term"], sort=False).agg(frequency=("n", "sum"), docfreq=("n", "size"), sum_p=("p", "sum"), sum_p2=("p2", "sum"))
        sizes = counts.drop_duplicates(["group", "doc_id"]).groupby("group")["size"].agg(parts="size", total="sum")
        terms_sum.add(part)
        groups_sum.add(sizes)
    terms_acc, groups_acc = terms_sum.result(), groups_sum.result()
    if terms_acc is None or terms_acc.empty:
        return None
    # pass 2: Gries' DP needs each term's total frequency
    dev_sum = _Sum()
    for counts in per_doc_counts():
        f = terms_acc["frequency"].reindex(pd.MultiIndex.from_frame(counts[["group", "term"]])).to_numpy()
        w = counts["size"].to_numpy() / groups_acc["total"].reindex(counts["group"]).to_numpy()
        counts["dev"] = np.abs(counts["n"].to_numpy() / f - w) - w
        part = counts.groupby(["group", "term"], sort=False)["dev"].sum()
        dev_sum.add(part)
    table = terms_acc.join(groups_acc, on="group")
    table["dev"] = dev_sum.result()
    table = table.reset_index()
    table["group"] = np.asarray(list(group_ids), dtype=object)[table["group"].to_numpy()]
    table["term"] = np.asarray(list(term_ids), dtype=object)[table["term"].to_numpy()]
    return table


def keyness(
    store: str | os.PathLike,
    *,
    by: str = "source",
    target: str | None = None,
    reference=None,
    negative: bool = False,
    chi2: bool = False,
    min_count: int = 3,
    min_docs: int = 2,
    engine: Engine = "duckdb",
) -> pd.DataFrame:
    """:func:`corpus_tools.keyness` of a store's lemmas, without loading the token table.

    The term × group counts and document frequencies are added up over the partitions
    (documents never span partitions), then compared exactly as
    ``corpus_tools.keyness(read_tokens(store), by=by, docs=read_docs(store))`` does
    (:func:`corpus_tools.keyness.keyness_from_counts`): the same columns, rows and order, and
    the same evidence floors ``min_count`` and ``min_docs``. ``engine`` as for
    :func:`frequency`; the other options as for :func:`corpus_tools.keyness`.
    """
    from corpus_tools.keyness import TermGroupCounts, keyness_from_counts

    store, manifest = _open(store, engine, by)
    total, docfreq, names = {"duckdb": _keyness_counts_duckdb, "pandas": _keyness_counts_pandas, "dask": _keyness_counts_dask}[engine](store, manifest, by)
    counts = TermGroupCounts.from_frame(total, docfreq)
    return keyness_from_counts(counts, names, by=by, target=target, reference=reference, negative=negative, chi2=chi2, min_count=min_count, min_docs=min_docs)


def _keyness_counts_pandas(store: Path, manifest: dict, by: str) -> tuple[pd.DataFrame, set[str]]:
    from corpus_tools.frequency import as_terms

    token_columns = set(_FREQUENCY_INPUT)
    names: set[str] = set()
    # (group, term) counts on global integer codes, labelled once at the end: per partition
    # string labels and a term x group frame cost more than the counting
    group_ids: dict[str, int] = {}
    term_ids: dict[str, int] = {}
    summed, in_docs = _KeyCounts(), _KeyCounts()
    stride = 1 << 32
    for part in iter_tokens(store, _FREQUENCY_INPUT, doc_columns=[] if by in token_columns else [by]):
        names |= {str(value) for value in part[by].dropna().unique()}
        table = as_terms(part, unit="lemma")
        term_codes, terms = pd.factorize(table["term"])
        labels = table[by] if isinstance(table[by].dtype, pd.CategoricalDtype) else table[by].astype(str)
        group_codes, groups = pd.factorize(labels)
        keep = (term_codes >= 0) & (group_codes >= 0)
        to_term = _global_codes(term_ids, pd.Index(terms).astype(str))
        to_group = _global_codes(group_ids, pd.Index(groups).astype(str))
        key = to_group[group_codes[keep]] * stride + to_term[term_codes[keep]]
        summed.add(*np.unique(key, return_counts=True))
        # documents never span partitions: a partition's distinct (key, document) pairs are final
        doc_codes = pd.factorize(table["doc_id"])[0][keep]
        pairs = np.unique(np.column_stack([key, doc_codes]), axis=0) if len(key) else np.zeros((0, 2), dtype=np.int64)
        in_docs.add(*np.unique(pairs[:, 0], return_counts=True))

    def frame(keys, n):
        flat = np.zeros(len(term_ids) * len(group_ids), dtype=np.int64)
        flat[(keys % stride) * len(group_ids) + keys // stride] = n
        table = pd.DataFrame(
            flat.reshape(len(term_ids), len(group_ids)),
            index=pd.Index(np.asarray(list(term_ids), dtype=object), name="term"),
            columns=pd.Index(np.asarray(list(group_ids), dtype=object), name=by),
        ) if term_ids else pd.DataFrame()
        return table.sort_index(axis=0).sort_index(axis=1)

    return frame(*summed.result()), frame(*in_docs.result()), names




def _count_table(groups, terms, n, by: str) -> pd.DataFrame:
    """The term × group table of counts (terms as index, groups as columns, both sorted) from
    long ``(group, term, n)`` arrays with one row per (group, term)."""
    if not len(n):
        return pd.DataFrame()
    g_codes, g_names = pd.factorize(np.asarray(groups, dtype=object), sort=True)
    t_codes, t_names = pd.factorize(np.asarray(terms, dtype=object), sort=True)
    flat = np.zeros(len(t_names) * len(g_names), dtype=np.int64)
    flat[t_codes * len(g_names) + g_codes] = n
    return pd.DataFrame(
        flat.reshape(len(t_names), len(g_names)),
        index=pd.Index(np.asarray(t_names, dtype=object), name="term"),
        columns=pd.Index(np.asarray(g_names, dtype=object), name=by),
    )


def _open(store, engine: str, by: str | None) -> tuple[Path, dict]:
    """The store's folder and manifest, after checking ``engine`` and that ``by`` is a column."""
    import pyarrow.parquet as pq

    if engine not in ENGINES:
        raise ValueError(f"engine={engine!r} is invalid; use 'duckdb', 'pandas' or 'dask'")
    store = Path(store)
    manifest = _manifest(store)
    if by is not None and manifest["partitions"]:
        first = manifest["partitions"][0]["name"]
        try:
            names = [pq.read_schema(store / t / f"{first}.parquet").names for t in ("tokens", "docs")]
        except (OSError, ValueError):
            names = None  # the partition checks name the damaged file
        if names is not None and by not in names[0] + names[1]:
            raise ValueError(f"by={by!r} is neither a token column nor a document column of {store}; document columns: {', '.join(names[1])}")
    return store, manifest


def _token_column(store: Path, manifest: dict, by: str | None) -> bool:
    """Whether ``by`` is a column of the token table (else of the documents)."""
    import pyarrow.parquet as pq

    return by is None or not manifest["partitions"] or by in pq.read_schema(store / "tokens" / f"{manifest['partitions'][0]['name']}.parquet").names


def _doc_labels(store: Path, manifest: dict, by: str) -> pd.DataFrame:
    """``doc_id`` and ``grp``, the label of each document's ``by`` as the pandas engine writes it
    (the string of a categorical's value); documents without a value are left out."""
    from corpus_tools.frequency import _factorize_labels

    docs = pd.concat([piece.to_pandas() for _, piece in _pieces(store, manifest, "docs", ["doc_id", by], categorical=False)], ignore_index=True)
    values = docs[by].astype("category")
    keep = values.notna().to_numpy()
    docs, values = docs[keep], values[keep]
    codes, labels = _factorize_labels(values)
    return pd.DataFrame({"doc_id": docs["doc_id"].astype(str).to_numpy(dtype=object), "grp": np.asarray(labels, dtype=object)[codes]})


class _DuckDB:
    """A DuckDB connection over a store's partitions: ``tokens`` and ``docs`` are views of the
    checked Parquet files, and a DuckDB error reading them is a :class:`StoreError`."""

    def __init__(self, store: Path, manifest: dict):
        import tempfile

        import duckdb

        self.store = store
        self.spill = tempfile.mkdtemp(prefix="corpus_tools_duckdb_")
        self.con = duckdb.connect(config={"threads": parallel.workers(-1), "memory_limit": "3GB", "temp_directory": self.spill, "preserve_insertion_order": False})
        for table in ("tokens", "docs"):
            files = ", ".join("'" + str(f).replace("'", "''") + "'" for f in _partition_files(store, manifest, table))
            self.con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{files}])")

    def run(self, sql: str):
        import duckdb

        try:
            return self.con.execute(sql)
        except (duckdb.IOException, duckdb.InvalidInputException) as error:
            raise StoreError(f"{self.store}: a partition cannot be read ({error}); run ingest again to rebuild the store") from error

    def close(self) -> None:
        self.con.close()
        shutil.rmtree(self.spill, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _grouped_counts(db: _DuckDB, store: Path, manifest: dict, by: str | None) -> np.ndarray | None:
    """Create the DuckDB table ``per_doc`` (``grp, doc_id, term, n``) of counted lemmas (no
    punctuation, stop words or links) per group and document; tokens without a group are left out.

    For a document column, ``grp`` and ``doc_id`` are integer codes (cheaper to join on than
    strings) and the group labels of the codes are returned; otherwise None (``grp`` is raw)."""
    words = "NOT is_punct AND NOT is_stop AND NOT is_link"
    if by is None:
        db.run(f"CREATE TEMP TABLE per_doc AS SELECT 'all' AS grp, doc_id, lemma AS term, count(*) AS n FROM tokens WHERE {words} GROUP BY doc_id, lemma")
    elif _token_column(store, manifest, by):
        quoted = '"' + by.replace('"', '""') + '"'
        db.run(f"CREATE TEMP TABLE per_doc AS SELECT {quoted} AS grp, doc_id, lemma AS term, count(*) AS n FROM tokens WHERE {words} AND {quoted} IS NOT NULL GROUP BY {quoted}, doc_id, lemma")
    else:
        labels = _doc_labels(store, manifest, by)
        codes, names = pd.factorize(labels["grp"])
        db.con.register("labels", pd.DataFrame({"doc_id": labels["doc_id"], "g": codes.astype(np.int32), "d": np.arange(len(labels), dtype=np.int32)}))
        # counted per document first: the join then sees one row per (document, term), not per token
        db.run(
            f"CREATE TEMP TABLE per_doc AS SELECT l.g AS grp, l.d AS doc_id, c.term, c.n FROM "
            f"(SELECT doc_id, lemma AS term, count(*) AS n FROM tokens WHERE {words} GROUP BY doc_id, lemma) c JOIN labels l USING (doc_id)"
        )
        return np.asarray(names, dtype=object)
    return None


def _labels(raw: pd.Series) -> np.ndarray:
    """Group labels as the pandas engine writes them: ``str`` of each value (``True``, ``3``)."""
    return np.asarray([v if isinstance(v, str) else "nan" if v is None or v != v else str(v) for v in raw.tolist()], dtype=object)


def _frequency_sums_duckdb(store: Path, manifest: dict, by: str | None) -> pd.DataFrame | None:
    with _DuckDB(store, manifest) as db:
        names = _grouped_counts(db, store, manifest, by)
        db.run("CREATE TEMP TABLE sizes AS SELECT grp, doc_id, sum(n)::BIGINT AS size FROM per_doc GROUP BY grp, doc_id")
        db.run("CREATE TEMP TABLE groups AS SELECT grp, count(*)::BIGINT AS parts, sum(size)::BIGINT AS total FROM sizes GROUP BY grp")
        # each (group, document, term) with its relative frequency p and the document's share w
        db.run(
            "CREATE TEMP TABLE shares AS SELECT c.grp, c.term, c.n, c.n / s.size AS p, s.size / g.total AS w "
            "FROM per_doc c JOIN sizes s USING (grp, doc_id) JOIN groups g USING (grp)"
        )
        db.run("DROP TABLE per_doc")
        db.run(
            "CREATE TEMP TABLE sums AS SELECT grp, term, sum(n)::BIGINT AS frequency, count(*)::BIGINT AS docfreq, "
            "sum(p) AS sum_p, sum(p * p) AS sum_p2 FROM shares GROUP BY grp, term"
        )
        table = db.run(
            "SELECT u.*, d.dev, g.parts, g.total FROM sums u JOIN groups g USING (grp) JOIN "
            "(SELECT h.grp, h.term, sum(abs(h.n / u.frequency - h.w) - h.w) AS dev FROM shares h JOIN sums u USING (grp, term) GROUP BY h.grp, h.term) d "
            "USING (grp, term)"
        ).df()
    if table.empty:
        return None
    grp = table.pop("grp")
    table.insert(0, "group", names[grp.to_numpy(dtype=np.int64)] if names is not None else _labels(grp))
    table["term"] = table["term"].astype(object)
    return table


def _keyness_counts_duckdb(store: Path, manifest: dict, by: str) -> tuple[pd.DataFrame, set[str]]:
    with _DuckDB(store, manifest) as db:
        if _token_column(store, manifest, by):
            quoted = '"' + by.replace('"', '""') + '"'
            names = set(_labels(db.run(f"SELECT DISTINCT {quoted} AS grp FROM tokens WHERE {quoted} IS NOT NULL").df()["grp"]))
            counts = db.run(
                f"SELECT grp, term, sum(n)::BIGINT AS n, count(*)::BIGINT AS docs FROM (SELECT {quoted} AS grp, doc_id, lemma AS term, count(*) AS n "
                f"FROM tokens WHERE NOT is_punct AND NOT is_stop AND NOT is_link AND {quoted} IS NOT NULL GROUP BY ALL) GROUP BY grp, term"
            ).df()
        else:
            labels = _doc_labels(store, manifest, by)
            names = set(labels["grp"])
            db.con.register("labels", labels)
            counts = db.run(
                "SELECT l.grp, c.term, sum(c.n)::BIGINT AS n, count(*)::BIGINT AS docs FROM (SELECT doc_id, lemma AS term, count(*) AS n FROM tokens "
                "WHERE NOT is_punct AND NOT is_stop AND NOT is_link GROUP BY doc_id, lemma) c JOIN labels l USING (doc_id) GROUP BY l.grp, c.term"
            ).df()
    groups, terms = _labels(counts["grp"]), counts["term"].to_numpy(dtype=object)
    return _count_table(groups, terms, counts["n"].to_numpy(), by), _count_table(groups, terms, counts["docs"].to_numpy(), by), names


class _PartitionCounts:
    """Per (group, document, term) counts of one partition, for Dask workers: a picklable callable
    reading ``(tokens file, docs file)`` with pandas; groups labelled as the pandas engine does."""

    def __init__(self, by: str | None, token_by: bool):
        self.by, self.token_by = by, token_by

    def __call__(self, files: tuple[str, str]) -> pd.DataFrame:
        import pyarrow.parquet as pq

        tokens_file, docs_file = files
        columns = ["doc_id", "lemma", "is_punct", "is_stop", "is_link"] + ([self.by] if self.by and self.token_by else [])
        part = pq.read_table(tokens_file, columns=columns).to_pandas()
        part = part[~part["is_punct"].to_numpy(dtype=bool) & ~part["is_stop"].to_numpy(dtype=bool) & ~part["is_link"].to_numpy(dtype=bool)]
        if self.by is None:
            group = pd.Series("all", index=part.index, dtype=object)
        elif self.token_by:
            group = part[self.by]
        else:
            docs = pq.read_table(docs_file, columns=["doc_id", self.by]).to_pandas().set_index("doc_id")[self.by]
            group = part["doc_id"].map(docs).astype("category")
        keep = group.notna().to_numpy()
        part, group = part[keep], group[keep]
        codes, labels = pd.factorize(group.astype("category") if self.token_by else group)
        names = _labels(pd.Series(np.asarray(labels, dtype=object)))
        frame = pd.DataFrame({"group": names[codes] if len(names) else np.zeros(0, dtype=object), "doc_id": part["doc_id"].astype(str).to_numpy(dtype=object), "term": part["lemma"].astype(str).to_numpy(dtype=object)})
        counts = frame.groupby(["group", "doc_id", "term"], sort=False).size().rename("n").reset_index()
        counts["size"] = counts.groupby(["group", "doc_id"], sort=False)["n"].transform("sum")
        return counts.astype({"group": object, "doc_id": object, "term": object, "n": "int64", "size": "int64"})


def _dask_counts(store: Path, manifest: dict, by: str | None):
    """A ``dask.dataframe`` of :class:`_PartitionCounts`, one Dask partition per store partition."""
    import dask.dataframe as dd

    files = list(zip(map(str, _partition_files(store, manifest, "tokens")), map(str, _partition_files(store, manifest, "docs"))))
    meta = pd.DataFrame({"group": pd.Series(dtype=object), "doc_id": pd.Series(dtype=object), "term": pd.Series(dtype=object), "n": pd.Series(dtype="int64"), "size": pd.Series(dtype="int64")})
    return dd.from_map(_PartitionCounts(by, _token_column(store, manifest, by)), files, meta=meta, enforce_metadata=False)


def _frequency_sums_dask(store: Path, manifest: dict, by: str | None) -> pd.DataFrame | None:
    import dask

    counts = _dask_counts(store, manifest, by)
    counts = counts.assign(p=counts["n"] / counts["size"])
    counts = counts.assign(p2=counts["p"] ** 2)
    terms = counts.groupby(["group", "term"]).agg({"n": ["sum", "count"], "p": "sum", "p2": "sum"})
    # documents never span partitions: each partition's distinct (group, document) sizes are final
    sizes = counts[["group", "doc_id", "size"]].map_partitions(lambda part: part.drop_duplicates(["group", "doc_id"]))
    groups = sizes.groupby("group")["size"].agg(["count", "sum"])
    terms, groups = dask.compute(terms, groups)
    if terms.empty:
        return None
    terms.columns = ["frequency", "docfreq", "sum_p", "sum_p2"]
    groups.columns = ["parts", "total"]
    sums = terms.reset_index().merge(groups.reset_index(), on="group")
    # Gries' DP: each document's deviation needs its term's total, broadcast to the partitions
    known = sums[["group", "term", "frequency", "total"]]
    dev = counts.merge(known, on=["group", "term"])
    w = dev["size"] / dev["total"]
    dev = dev.assign(dev=abs(dev["n"] / dev["frequency"] - w) - w).groupby(["group", "term"])["dev"].sum().compute()
    sums = sums.merge(dev.rename("dev").reset_index(), on=["group", "term"])
    return sums.astype({"group": object, "term": object})


def _keyness_counts_dask(store: Path, manifest: dict, by: str) -> tuple[pd.DataFrame, set[str]]:
    # one row per (group, document, term): the rows of a (group, term) are its documents
    counts = _dask_counts(store, manifest, by).groupby(["group", "term"])["n"].agg(["sum", "count"]).compute().reset_index()
    if _token_column(store, manifest, by):
        names = set(counts["group"].astype(str))
    else:
        names = set(_doc_labels(store, manifest, by)["grp"])
    groups, terms = counts["group"].to_numpy(dtype=object), counts["term"].to_numpy(dtype=object)
    return _count_table(groups, terms, counts["sum"].to_numpy(), by), _count_table(groups, terms, counts["count"].to_numpy(), by), names


_STRIDE = 1 << 26  # pair keys (group, a, b) in one int64: term codes below 2^26, groups below 2^11


def cooccurrence(
    store: str | os.PathLike,
    *,
    window: int | None = 5,
    within: Literal["sentence", "document"] = "sentence",
    min_count: int = 3,
    min_freq: int = 3,
    by: str | None = None,
    engine: Engine = "duckdb",
) -> pd.DataFrame:
    """:func:`corpus_tools.cooccurrence` of a store's lemmas, without loading the token table.

    Windows and co-presence units never cross a document, and documents never span partitions,
    so pair counts, term counts and ``n`` are sums over the partitions; the measures are computed
    once from the sums. The same table as ``corpus_tools.cooccurrence(read_tokens(store), ...)``
    (``term_a``, ``term_b`` and ``group`` as strings).

    Parameters
    ----------
    store
        A folder written by :func:`ingest`.
    window, within, min_count, min_freq, by
        As for :func:`corpus_tools.cooccurrence` (``by`` a token or a document column; the same
        evidence floors).
    engine
        ``"duckdb"`` (default): the partitions' columns are read as integer codes (Parquet
        dictionaries) and the pairs counted by a compiled (numba) kernel into one hash table;
        ``"pandas"``: one partition at a time through the in-memory functions (the reference);
        ``"dask"``: each partition counted by a Dask task, the sums added up by ``dask.dataframe``.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`corpus_tools.cooccurrence`, sorted by group (the largest, by
        counted terms, first; ties by name), ``n_ab`` descending, ``term_a``, ``term_b``;
        ``attrs["slots"]`` as there.

    Raises
    ------
    StoreError
        The store is from another version, or a partition is missing, truncated or foreign.
    ValueError
        An invalid ``window``, ``within``, ``min_count``, ``engine`` or ``by`` (the message names it).
    """
    from corpus_tools.cooccurrence import _check_min_freq, _check_window

    _check_window(window)
    if within not in ("sentence", "document"):
        raise ValueError(f"within={within!r} is invalid; use 'sentence' or 'document'")
    if min_count < 1:
        raise ValueError(f"min_count = {min_count} is invalid; value must be >= 1")
    min_freq = _check_min_freq(min_freq)
    store, manifest = _open(store, engine, by)
    count = {"duckdb": _pair_sums_compiled, "pandas": _pair_sums_pandas, "dask": _pair_sums_dask}[engine]
    return _pair_table(*count(store, manifest, window, within, by), min_count=min_count, min_freq=min_freq, slots=2 * window if window is not None else 1)


def _pair_sums_pandas(store: Path, manifest: dict, window: int | None, within: str, by: str | None):
    """Pair counts partition by partition through :mod:`corpus_tools.cooccurrence`'s functions:
    ``(vocabulary, group ids, pair keys, pair counts, term counts per group, n per group)``."""
    from corpus_tools.cooccurrence import _counted, _pair_counts, _term_counts

    columns = ["doc_id", "sent_id", "lemma", "is_punct", "is_stop", "is_link"]
    token_by = _token_column(store, manifest, by)
    doc_columns = [by] if by and not token_by else []
    vocabulary: dict[str, int] = {}
    group_names: dict[str, int] = {}
    pairs = _KeyCounts()  # int64 keys (group, a, b) and their counts
    freq: dict[int, np.ndarray] = {}
    totals: dict[int, int] = {}
    stride = _STRIDE
    for part in iter_tokens(store, columns + ([by] if by and token_by and by not in columns else []), doc_columns=doc_columns):
        units, positions, codes, local_vocab, group_codes, groups = _counted(part, "lemma", within, by)
        to_global = _global_codes(vocabulary, local_vocab)
        for g, name in enumerate(groups):
            gid = group_names.setdefault(str(name), len(group_names))
            mask = group_codes == g
            a, b, n_ab = _pair_counts(codes[mask], units[mask], positions[mask], window, len(local_vocab))
            ga, gb = to_global[a], to_global[b]
            low, high = np.minimum(ga, gb), np.maximum(ga, gb)
            pairs.add((gid * stride + low) * stride + high, n_ab)
            local_freq, n = _term_counts(codes[mask], units[mask], window, len(local_vocab))
            grown = np.zeros(len(vocabulary), dtype=np.int64)
            np.add.at(grown, to_global, local_freq)
            old = freq.get(gid, np.zeros(0, dtype=np.int64))
            grown[: len(old)] += old
            freq[gid], totals[gid] = grown, totals.get(gid, 0) + n
    return (vocabulary, group_names, *pairs.result(), freq, totals)


def _pair_table(vocabulary: dict, group_names: dict, keys: np.ndarray, n_all: np.ndarray, freq: dict, totals: dict, *, min_count: int, min_freq: int = 1, slots: int) -> pd.DataFrame:
    """The co-occurrence table from summed pair counts: ``keys`` pack (group id, a, b) of global
    term codes (``vocabulary``: term -> code; ``group_names``: group -> id), ``freq[gid]`` are the
    term counts and ``totals[gid]`` the ``n`` of each group."""
    from corpus_tools.cooccurrence import PAIR_COLUMNS, _association_coded

    stride = _STRIDE
    # codes in alphabetical order, as the in-memory function sorts its vocabulary
    names = np.array(list(vocabulary), dtype=object)
    order = np.argsort(names.astype(str), kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    vocab_sorted = pd.Index(names[order].astype(str))
    frames = []
    # the largest group (its n: counted terms, or units for co-presence) first, ties by name,
    # as the in-memory function
    sizes = {name: int(totals[gid]) for name, gid in group_names.items()}
    for name in sorted(group_names, key=lambda g: (-sizes[g], str(g))):
        gid = group_names[name]
        mine = (keys // stride // stride) == gid
        a, b, n_ab = rank[(keys[mine] // stride) % stride], rank[keys[mine] % stride], n_all[mine]
        a, b = np.minimum(a, b), np.maximum(a, b)
        f = np.zeros(len(vocabulary), dtype=np.int64)
        f[rank[: len(freq[gid])]] = freq[gid]
        keep = (n_ab >= min_count) & (f[a] >= min_freq) & (f[b] >= min_freq)
        a, b, n_ab = a[keep], b[keep], n_ab[keep]
        order_rows = np.lexsort((b, a, -n_ab))
        a, b, n_ab = a[order_rows], b[order_rows], n_ab[order_rows]
        frame = pd.DataFrame({"group": name, "term_a": vocab_sorted[a], "term_b": vocab_sorted[b], "n_ab": n_ab, "n_a": f[a], "n_b": f[b], "n": totals[gid]})
        for measure, values in _association_coded(n_ab, a, b, f, totals[gid], slots).items():
            frame[measure] = values
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    result = pd.concat(frames, ignore_index=True)[PAIR_COLUMNS].astype({"n": "int64"})
    result.attrs["slots"] = slots
    return result


def _dictionary_codes(column) -> tuple[np.ndarray, list]:
    """Integer codes (-1 for a missing value) and the distinct values of a pyarrow column,
    through its Parquet dictionary: no Python object per row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    column = pa.chunked_array(column.chunks if isinstance(column, pa.ChunkedArray) else [column], type=column.type).unify_dictionaries()
    if not column.num_chunks:
        return np.zeros(0, dtype=np.int64), []
    values = column.chunk(0).dictionary.to_pylist()
    codes = np.concatenate([np.asarray(chunk.indices.fill_null(-1), dtype=np.int64) for chunk in column.chunks])
    return codes, values


class _PartitionPairs:
    """Pair and term counts of one partition for the compiled engine (and each Dask task):
    the partition's columns as integer codes, windows counted by :func:`_kernels`' loops."""

    def __init__(self, window: int | None, within: str, by: str | None, token_by: bool):
        self.window, self.within, self.by, self.token_by = window, within, by, token_by

    def codes(self, tokens_file, docs_file):
        """``(units, positions, term codes, terms, group codes, groups)`` of the counted tokens."""
        import pyarrow.parquet as pq

        columns = ["doc_id", "sent_id", "lemma", "is_punct", "is_stop", "is_link"] + ([self.by] if self.by and self.token_by and self.by not in ("doc_id", "sent_id", "lemma") else [])
        table = pq.read_table(tokens_file, columns=columns, read_dictionary=["doc_id", "lemma"])
        doc, doc_names = _dictionary_codes(table.column("doc_id"))
        words = ~np.asarray(table.column("is_punct"), dtype=bool)
        # stop words and links take up window positions but are not counted
        counted = np.flatnonzero(words & ~np.asarray(table.column("is_stop"), dtype=bool) & ~np.asarray(table.column("is_link"), dtype=bool))
        # a unit is a run of rows of one document (and sentence): tokenize writes them in order
        change = np.ones(len(doc), dtype=bool)
        change[1:] = doc[1:] != doc[:-1]
        if self.within == "sentence":
            sent = np.asarray(table.column("sent_id"), dtype=np.int64)
            change[1:] |= sent[1:] != sent[:-1]
        units = np.cumsum(change) - 1
        running = np.cumsum(words.astype(np.int64))
        starts = np.flatnonzero(change)
        # running-word number within the unit, counted from 0
        positions = running - np.repeat(running[starts] - words[starts] + 1, np.diff(np.r_[starts, len(doc)]))
        terms, vocabulary = _dictionary_codes(table.column("lemma"))
        if self.by is None:
            groups, names = np.zeros(len(doc), dtype=np.int64), ["all"]
        elif self.token_by:
            groups, values = _dictionary_codes(table.column(self.by))
            names = list(_labels(pd.Series(values, dtype=object)))
        else:
            docs = pq.read_table(docs_file, columns=["doc_id", self.by]).to_pandas()
            labels = pd.Series(docs[self.by].to_numpy(), index=docs["doc_id"].astype(str)).astype("category")
            per_doc = labels.reindex(pd.Index(doc_names, dtype=object))
            group_of_doc, names = pd.factorize(per_doc)
            names = list(_labels(pd.Series(np.asarray(names.astype(str) if len(names) else [], dtype=object))))
            groups = np.asarray(group_of_doc, dtype=np.int64)[doc] if len(doc) else np.zeros(0, dtype=np.int64)
        keep = counted[(groups[counted] >= 0) & (terms[counted] >= 0)]
        return units[keep], positions[keep], terms[keep], vocabulary, groups[keep], names

    def __call__(self, files: tuple[str, str]) -> pd.DataFrame:
        """The counts of one partition as a long table for Dask: ``kind`` 0 = a pair
        (``group, a, b, n``), 1 = a term (``group, a, n``), 2 = the group's ``n``."""
        vocabulary: dict[str, int] = {}
        group_names: dict[str, int] = {}
        counter = _PairCounter()
        counter.add(self, files, vocabulary, group_names)
        keys, n_ab, freq, totals = counter.result()
        terms = np.asarray(list(vocabulary), dtype=object)
        groups = np.asarray(list(group_names), dtype=object)
        term_rows = [(g, t, f) for g, counts in freq.items() for t, f in zip(np.flatnonzero(counts), counts[counts > 0])]
        kinds = [np.zeros(len(keys), dtype=np.int8), np.ones(len(term_rows), dtype=np.int8), np.full(len(totals), 2, dtype=np.int8)]
        g = np.concatenate([keys // _STRIDE // _STRIDE, np.array([r[0] for r in term_rows], dtype=np.int64), np.array(list(totals), dtype=np.int64)]).astype(np.int64)
        a = np.concatenate([(keys // _STRIDE) % _STRIDE, np.array([r[1] for r in term_rows], dtype=np.int64), np.zeros(len(totals), dtype=np.int64)]).astype(np.int64)
        b = np.concatenate([keys % _STRIDE, np.zeros(len(term_rows) + len(totals), dtype=np.int64)]).astype(np.int64)
        n = np.concatenate([n_ab, np.array([r[2] for r in term_rows], dtype=np.int64), np.array(list(totals.values()), dtype=np.int64)]).astype(np.int64)
        kind = np.concatenate(kinds)
        empty = np.zeros(0, dtype=object)
        term_a = np.where(kind < 2, terms[a] if len(terms) else "", "").astype(object) if len(a) else empty
        term_b = np.where(kind == 0, terms[b] if len(terms) else "", "").astype(object) if len(b) else empty
        # a pair is one row whichever partition saw it first: the terms in string order
        swap = (kind == 0) & (term_a > term_b)
        term_a[swap], term_b[swap] = term_b[swap], term_a[swap]
        return pd.DataFrame({"kind": kind, "group": groups[g] if len(g) else empty, "term_a": term_a, "term_b": term_b, "n": n})


class _PairCounter:
    """Pair counts added up over partitions in one open-addressing hash table of int64 keys
    (group, a, b) on global codes, filled by a compiled loop; term counts and ``n`` per group."""

    _START = 1 << 16  # slots of a new table

    def __init__(self):
        self.keys = np.full(self._START, -1, dtype=np.int64)
        self.counts = np.zeros(self._START, dtype=np.int64)
        self.used = np.zeros(1, dtype=np.int64)
        self.freq: dict[int, np.ndarray] = {}
        self.totals: dict[int, int] = {}

    def _room(self, needed: int) -> int:
        """Grow the table (doubling, rehashed) until ``needed`` more keys fit under half load;
        return the number of used slots after which a loop must stop for more room."""
        while self.used[0] + needed > len(self.keys) // 2:
            keys, counts = _kernels().grow(self.keys, self.counts)
            self.keys, self.counts = keys, counts
        return len(self.keys) // 2 - needed

    def add(self, pairs: _PartitionPairs, files, vocabulary: dict, group_names: dict) -> None:
        units, positions, terms, local_vocab, groups, names = pairs.codes(*files)
        to_term = _global_codes(vocabulary, local_vocab)
        to_group = np.asarray([group_names.setdefault(str(name), len(group_names)) for name in names], dtype=np.int64)
        if len(vocabulary) >= _STRIDE or len(group_names) >= 1 << 11:
            raise ValueError(f"{len(vocabulary):,} terms and {len(group_names):,} groups: co-occurrence over a store counts at most 2^26 terms and 2,047 groups")
        codes, gids = to_term[terms], to_group[groups] if len(groups) else np.zeros(0, dtype=np.int64)
        kernels = _kernels()
        start = 0
        if pairs.window is not None:
            step = pairs.window  # a term makes at most `window` new pairs with the terms after it
            while start < len(codes):
                limit = self._room(step * 4096)  # may replace the table: before it is passed on
                start = kernels.window_pairs(codes, units, positions, gids, pairs.window, self.keys, self.counts, self.used, start, limit)
            for gid in np.unique(gids):
                mine = codes[gids == gid]
                self._add_terms(int(gid), np.bincount(mine, minlength=len(vocabulary)), len(mine))
            return
        # co-presence: per unit, every pair of distinct terms; presence counts per (group, term)
        order = np.lexsort((codes, gids, units))
        codes, units, gids = codes[order], units[order], gids[order]
        present = np.zeros(len(codes), dtype=bool)
        while start < len(codes):
            limit = self._room(kernels.largest_unit(units, gids, start) ** 2 // 2 + 1)
            start = kernels.unit_pairs(codes, units, gids, self.keys, self.counts, self.used, present, start, limit)
        for gid in np.unique(gids):
            mine = (gids == gid) & present
            unit_starts = mine & np.r_[True, (units[1:] != units[:-1]) | (gids[1:] != gids[:-1])]
            self._add_terms(int(gid), np.bincount(codes[mine], minlength=len(vocabulary)), int(unit_starts.sum()))

    def _add_terms(self, gid: int, counts: np.ndarray, n: int) -> None:
        old = self.freq.get(gid, np.zeros(0, dtype=np.int64))
        counts = counts.astype(np.int64)
        counts[: len(old)] += old
        self.freq[gid], self.totals[gid] = counts, self.totals.get(gid, 0) + n

    def result(self) -> tuple[np.ndarray, np.ndarray, dict, dict]:
        """Sorted pair keys, their counts, term counts and ``n`` per group id."""
        filled = self.keys >= 0
        keys, counts = self.keys[filled], self.counts[filled]
        order = np.argsort(keys)
        return keys[order], counts[order], self.freq, self.totals


def _pair_sums_compiled(store: Path, manifest: dict, window: int | None, within: str, by: str | None):
    pairs = _PartitionPairs(window, within, by, _token_column(store, manifest, by))
    vocabulary: dict[str, int] = {}
    group_names: dict[str, int] = {}
    counter = _PairCounter()
    for files in zip(_partition_files(store, manifest, "tokens"), _partition_files(store, manifest, "docs")):
        try:
            counter.add(pairs, files, vocabulary, group_names)
        except (OSError, ValueError) as error:
            if isinstance(error, StoreError) or "2^26 terms" in str(error):
                raise
            raise StoreError(f"{files[0]}: the partition cannot be read ({error}); run ingest again to rebuild the store") from error
    keys, n_ab, freq, totals = counter.result()
    return vocabulary, group_names, keys, n_ab, freq, totals


def _pair_sums_dask(store: Path, manifest: dict, window: int | None, within: str, by: str | None):
    import dask.dataframe as dd

    files = list(zip(map(str, _partition_files(store, manifest, "tokens")), map(str, _partition_files(store, manifest, "docs"))))
    meta = pd.DataFrame({"kind": pd.Series(dtype="int8"), "group": pd.Series(dtype=object), "term_a": pd.Series(dtype=object), "term_b": pd.Series(dtype=object), "n": pd.Series(dtype="int64")})
    parts = dd.from_map(_PartitionPairs(window, within, by, _token_column(store, manifest, by)), files, meta=meta, enforce_metadata=False)
    summed = parts.groupby(["kind", "group", "term_a", "term_b"])["n"].sum().compute().reset_index()
    vocabulary: dict[str, int] = {}
    group_names: dict[str, int] = {}
    term_rows = summed[summed["kind"] == 1]
    codes = _global_codes(vocabulary, term_rows["term_a"].astype(str).tolist())
    for name in sorted(set(summed["group"].astype(str))):
        group_names.setdefault(name, len(group_names))
    gid = lambda frame: np.asarray([group_names[g] for g in frame["group"].astype(str)], dtype=np.int64)  # noqa: E731
    freq = {}
    for g in np.unique(gid(term_rows)):
        mine = gid(term_rows) == g
        freq[int(g)] = np.bincount(codes[mine], weights=term_rows["n"].to_numpy()[mine], minlength=len(vocabulary)).astype(np.int64)
    totals_rows = summed[summed["kind"] == 2]
    totals = dict(zip(gid(totals_rows).tolist(), totals_rows["n"].astype("int64").tolist()))
    pair_rows = summed[summed["kind"] == 0]
    a = _global_codes(vocabulary, pair_rows["term_a"].astype(str).tolist())
    b = _global_codes(vocabulary, pair_rows["term_b"].astype(str).tolist())
    keys = (gid(pair_rows) * _STRIDE + np.minimum(a, b)) * _STRIDE + np.maximum(a, b)
    order = np.argsort(keys)
    return vocabulary, group_names, keys[order], pair_rows["n"].to_numpy(dtype=np.int64)[order], freq, totals


_COMPILED = None


def _kernels():
    """The compiled loops of the ``duckdb`` co-occurrence engine, built by numba on first use
    (importing this module does not import numba)."""
    global _COMPILED
    if _COMPILED is None:
        from types import SimpleNamespace

        import numba

        jit = numba.njit(cache=True, nogil=True)
        insert = jit(_insert)
        # the loops call the compiled insert through their globals
        globals()["_insert_compiled"] = insert
        _COMPILED = SimpleNamespace(
            insert=insert, grow=jit(_grow), window_pairs=jit(_window_pairs), unit_pairs=jit(_unit_pairs), largest_unit=jit(_largest_unit)
        )
    return _COMPILED


def _insert(keys, counts, key, add):
    """Add ``add`` to ``key``'s count in an open-addressing table (-1 = empty); 1 if the key is new."""
    mask = len(keys) - 1
    slot = ((key * 0x9E3779B1) ^ (key >> 29)) & mask
    while True:
        found = keys[slot]
        if found == key:
            counts[slot] += add
            return 0
        if found == -1:
            keys[slot] = key
            counts[slot] = add
            return 1
        slot = (slot + 1) & mask


def _grow(keys, counts):
    """The table at twice the size, every key re-inserted."""
    new_keys = np.full(2 * len(keys), -1, dtype=np.int64)
    new_counts = np.zeros(2 * len(keys), dtype=np.int64)
    for i in range(len(keys)):
        if keys[i] >= 0:
            _insert_compiled(new_keys, new_counts, keys[i], counts[i])
    return new_keys, new_counts


def _window_pairs(codes, units, positions, groups, window, keys, counts, used, start, limit):
    """Count every pair of different terms of one unit and group at most ``window`` running words
    apart, from row ``start``; return the row where it stopped (the table needs room) or the end."""
    stride = 1 << 26
    n = len(codes)
    for i in range(start, n):
        if used[0] > limit:
            return i
        a, g, u, p = codes[i], groups[i], units[i], positions[i]
        for j in range(i + 1, n):
            if units[j] != u or positions[j] - p > window:
                break
            b = codes[j]
            if groups[j] != g or b == a:
                continue
            low, high = (a, b) if a < b else (b, a)
            used[0] += _insert_compiled(keys, counts, (g * stride + low) * stride + high, 1)
    return n


def _largest_unit(units, groups, start):
    """Rows of the longest run of one (unit, group) from ``start`` on (rows sorted by them)."""
    best, run = 0, 0
    for i in range(start, len(units)):
        run = run + 1 if i > start and units[i] == units[i - 1] and groups[i] == groups[i - 1] else 1
        best = max(best, run)
    return best


def _unit_pairs(codes, units, groups, keys, counts, used, present, start, limit):
    """Co-presence: count each pair of distinct terms once per (unit, group), rows sorted by
    (unit, group, term) from ``start``; mark each (unit, group, term)'s first row in ``present``."""
    stride = 1 << 26
    n = len(codes)
    i = start
    while i < n:
        if used[0] > limit:
            return i
        end = i + 1
        while end < n and units[end] == units[i] and groups[end] == groups[i]:
            end += 1
        g = groups[i]
        for x in range(i, end):
            if x > i and codes[x] == codes[x - 1]:
                continue
            present[x] = True
            for y in range(x + 1, end):
                if codes[y] == codes[y - 1]:
                    continue
                used[0] += _insert_compiled(keys, counts, (g * stride + codes[x]) * stride + codes[y], 1)
        i = end
    return n
