"""Read a corpus of scraped news texts into one tidy table of documents.

Inputs: a folder of ``.txt`` files (searched recursively, sorted by relative path), a single text
file, JSON Lines (``.jsonl``, ``.jsonl.gz``) or CSV (``.csv``, ``.csv.gz``) with a text column.
Each document is decoded (see :mod:`corpus_tools.encoding`), cleaned (see
:mod:`corpus_tools.cleaning`) and given metadata from, in order of precedence: a sidecar CSV, the
record's own fields (JSONL/CSV), the text itself; what is still unknown is recorded as missing.
The raw files are only ever opened for reading.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import os
from pathlib import Path
from typing import Literal

import pandas as pd

from corpus_tools import metadata as meta
from corpus_tools.cleaning import clean_text, removed_table
from corpus_tools.encoding import DecodeError, decode_bytes

log = logging.getLogger(__name__)

FIELDS = ("source", "date", "title", "author", "url")
COLUMNS = (
    ["doc_id", "path", "source", "date", "title", "author", "url", "text", "encoding", "n_removed", "removed"]
    + [f"{f}_from" for f in FIELDS]
)
SIDECAR_NAMES = ("metadata.csv",)
_ID_KEYS = ("doc_id", "id")
_TEXT_SUFFIXES = (".txt",)


class CorpusError(ValueError):
    """Raised for a corpus or metadata file that cannot be read; the message names it and the fix."""


def _is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def _open_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data


def _read_csv_text(path: Path, *, what: str) -> pd.DataFrame:
    """Read a CSV in any of the supported encodings, sniffing the delimiter (, ; or tab)."""
    try:
        text, _ = decode_bytes(_open_bytes(path), name=str(path))
    except (DecodeError, OSError) as err:
        raise CorpusError(f"{what} {path}: {err}") from None
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as err:
        raise CorpusError(f"{what} {path} is not a readable CSV: {err}") from None


def _records_from_folder(root: Path, on_error: str, skipped: list) -> list[dict]:
    files = sorted(
        (p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in _TEXT_SUFFIXES),
        key=lambda p: p.relative_to(root).as_posix(),
    )
    if not files:
        raise CorpusError(f"{root}: no .txt files found (searched recursively); point read_corpus at a folder of texts or a .jsonl/.csv file")
    stems: dict[str, int] = {}
    for p in files:
        stems[p.stem] = stems.get(p.stem, 0) + 1
    records = []
    for p in files:
        rel = p.relative_to(root).as_posix()
        # file stems are the ids unless two files share one; then the relative path disambiguates
        doc_id = p.stem if stems[p.stem] == 1 else rel.rsplit(".", 1)[0]
        raw = _decode_file(p, on_error, skipped)
        if raw is None:
            continue
        text, encoding = raw
        records.append({"doc_id": doc_id, "path": str(p), "file": rel, "_raw": text, "encoding": encoding})
    return records


def _decode_file(path: Path, on_error: str, skipped: list) -> tuple[str, str] | None:
    try:
        return decode_bytes(_open_bytes(path), name=str(path))
    except (DecodeError, OSError, EOFError, gzip.BadGzipFile) as err:
        message = str(err) if str(path) in str(err) else f"{path}: {err}"
        if on_error == "raise":
            raise CorpusError(message + " (pass on_error='skip' to record it and go on)") from None
        log.warning("skipped %s", message)
        skipped.append({"path": str(path), "reason": message})
        return None


def _records_from_jsonl(path: Path, text_column: str, on_error: str, skipped: list) -> list[dict]:
    raw = _decode_file(path, "raise", skipped)
    text, encoding = raw
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a JSON object per line is expected")
        except ValueError as err:
            message = f"{path}:{number}: not a JSON object ({err})"
            if on_error == "raise":
                raise CorpusError(message + " (pass on_error='skip' to record it and go on)") from None
            log.warning("skipped %s", message)
            skipped.append({"path": f"{path}:{number}", "reason": message})
            continue
        records.append(_from_record(record, path, number, text_column, encoding))
    return records


def _records_from_csv(path: Path, text_column: str) -> list[dict]:
    table = _read_csv_text(path, what="corpus CSV")
    return [_from_record(row, path, number, text_column, "csv") for number, row in enumerate(table.to_dict("records"), start=2)]


def _from_record(record: dict, path: Path, number: int, text_column: str, encoding: str) -> dict:
    if text_column not in record:
        raise CorpusError(f"{path}:{number}: no {text_column!r} field (fields: {', '.join(map(str, record))}); pass text_column=")
    out = {"path": f"{path}:{number}", "encoding": encoding, "_raw": "" if _is_missing(record[text_column]) else str(record[text_column])}
    doc_id = next((record[k] for k in _ID_KEYS if k in record and not _is_missing(record[k])), None)
    out["doc_id"] = str(doc_id) if doc_id is not None else f"{path.name.split('.')[0]}:{number}"
    for key, value in record.items():
        if key in (text_column, *_ID_KEYS, "path", "encoding"):
            continue
        if isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        out[f"_rec_{key}"] = value
    return out


def _load_sidecar(sidecar: Path) -> pd.DataFrame:
    table = _read_csv_text(sidecar, what="metadata sidecar")
    key = next((k for k in ("doc_id", "file") if k in table.columns), None)
    if key is None:
        raise CorpusError(
            f"metadata sidecar {sidecar} has no 'doc_id' or 'file' column to join on "
            f"(columns: {', '.join(table.columns)}); add one that names each document"
        )
    duplicated = table[key][table[key].duplicated()].unique()
    if len(duplicated):
        raise CorpusError(f"metadata sidecar {sidecar}: {key} values repeat ({', '.join(map(str, duplicated[:5]))}); each document needs one row")
    return table


def _match_sidecar(records: list[dict], table: pd.DataFrame, sidecar: Path) -> dict[int, dict]:
    """Map record index -> sidecar row, by doc_id, relative file path or file name."""
    by_key: dict[str, int] = {}
    for i, rec in enumerate(records):
        by_key.setdefault(rec["doc_id"], i)
        if "file" in rec:
            by_key.setdefault(rec["file"], i)
            by_key.setdefault(Path(rec["file"]).name, i)
    key = "doc_id" if "doc_id" in table.columns else "file"
    matched, unknown = {}, []
    for row in table.to_dict("records"):
        i = by_key.get(str(row[key]).strip())
        if i is None:
            unknown.append(str(row[key]))
        else:
            matched[i] = row
    if unknown:
        log.warning("metadata sidecar %s: %d row(s) match no document, e.g. %s", sidecar, len(unknown), ", ".join(unknown[:3]))
    return matched


def _parse_given_date(value, where: str):
    if isinstance(value, pd.Timestamp):
        return value
    stamp = meta.parse_date(str(value))
    if stamp is None:
        log.warning("%s: date %r is not a date; left missing", where, value)
    return stamp


def _build_row(rec: dict, side: dict | None, sidecar: Path | None, clean: bool) -> tuple[dict, list]:
    given: dict[str, tuple[object, str]] = {}
    for f in FIELDS:
        if not _is_missing(rec.get(f"_rec_{f}")):
            given[f] = (rec[f"_rec_{f}"], "record")
        if side is not None and not _is_missing(side.get(f)):
            given[f] = (side[f], "sidecar")
    given_title = str(given["title"][0]).strip() if "title" in given else None
    if clean:
        cleaned = clean_text(rec["_raw"], title=given_title)
        text, found, removed = cleaned.text, cleaned.fields, cleaned.removed
    else:
        text, found, removed = rec["_raw"], {}, []
    row = {"doc_id": rec["doc_id"], "path": rec["path"], "text": text, "encoding": rec["encoding"]}
    for f in FIELDS:
        if f in given:
            value, origin = given[f]
            if f == "date":
                value = _parse_given_date(value, f"{sidecar if origin == 'sidecar' else rec['path']} ({rec['doc_id']})")
                if value is None:
                    value, origin = found.get("date"), "text" if found.get("date") is not None else "missing"
        elif found.get(f) is not None:
            value, origin = found[f], "text"
        else:
            value, origin = None, "missing"
        row[f] = value.strip() if isinstance(value, str) else value
        row[f"{f}_from"] = origin
    if row["source"] is None:
        # never merge unknown documents into one fake outlet
        row["source"] = f"unknown:{rec['doc_id']}"
    row["n_removed"] = len(removed)
    row["removed"] = json.dumps(removed, ensure_ascii=False)
    extras = {k[5:]: v for k, v in rec.items() if k.startswith("_rec_") and k[5:] not in FIELDS}
    if side is not None:
        extras.update({k: v for k, v in side.items() if k not in FIELDS and k not in ("doc_id", "file")})
    return row, extras


def read_corpus(
    path: str | os.PathLike,
    *,
    metadata: str | os.PathLike | Literal[False] | None = None,
    text_column: str = "text",
    on_error: Literal["raise", "skip"] = "raise",
    clean: bool = True,
) -> pd.DataFrame:
    """Read scraped news texts into a table with one row per document.

    Parameters
    ----------
    path
        A folder of ``.txt`` files (recursive; sorted by relative path, so the order is stable), a
        single ``.txt`` file, or a ``.jsonl``/``.jsonl.gz``/``.csv``/``.csv.gz`` file whose records
        have a text field (``text_column``) and optionally ``id``/``doc_id``, ``source``, ``date``,
        ``title``, ``author``, ``url`` and any other fields (kept as extra columns).
    metadata
        A sidecar CSV keyed by ``doc_id`` or ``file`` (file name or path relative to the folder) whose
        non-empty ``source``/``date``/``title``/``author``/``url`` values fill or override the others;
        other columns are added as they are. None (default) uses ``metadata.csv`` in the corpus
        folder if there is one; False uses none. Delimiter (``,``/``;``/tab) and encoding are detected.
    text_column
        The text field of JSONL/CSV records.
    on_error
        ``"raise"`` (default) stops at the first unreadable file or broken JSONL line with a
        :class:`CorpusError` naming it; ``"skip"`` logs a warning, goes on, and lists what was
        skipped in ``result.attrs["skipped"]`` (see :func:`skipped_files`).
    clean
        Strip boilerplate and parse metadata from the text (default). False keeps texts verbatim.

    Returns
    -------
    pandas.DataFrame
        One row per document, in input order: ``doc_id`` (the file stem for text files, the record's
        id otherwise), ``path``, ``source`` (``unknown:<doc_id>`` when the outlet cannot be determined),
        ``date`` (datetime64, wall-clock time as published, time zones dropped), ``title``,
        ``author``, ``url``, ``text`` (the cleaned body), ``encoding``, ``n_removed`` and ``removed``
        (JSON list of ``[line_no, line, reason]``; see :func:`cleaning_log`), and for each metadata
        field a ``<field>_from`` column: ``"sidecar"``, ``"record"``, ``"text"`` or ``"missing"``.
        Extra record or sidecar columns follow.

    Raises
    ------
    CorpusError
        Missing path, folder without texts, unreadable file (unless ``on_error="skip"``), a text
        field missing from a record, duplicate document ids, or a sidecar without a key column.

    Examples
    --------
    >>> docs = read_corpus("seeds")
    >>> docs.loc[docs.doc_id.str.startswith("004"), ["source", "date"]].iloc[0].tolist()
    ['EADaily', Timestamp('2021-04-08 11:08:00')]
    """
    path = Path(path)
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error={on_error!r} is invalid; use 'raise' or 'skip'")
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    skipped: list[dict] = []
    name = path.name.lower()
    if path.is_dir():
        records = _records_from_folder(path, on_error, skipped)
    elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json.gz", ".json")):
        records = _records_from_jsonl(path, text_column, on_error, skipped)
    elif name.endswith((".csv", ".csv.gz")):
        records = _records_from_csv(path, text_column)
    else:
        raw = _decode_file(path, on_error, skipped)
        records = [] if raw is None else [{"doc_id": path.stem, "path": str(path), "file": path.name, "_raw": raw[0], "encoding": raw[1]}]

    ids = pd.Series([r["doc_id"] for r in records], dtype=object)
    if ids.duplicated().any():
        dup = ids[ids.duplicated()].unique()
        raise CorpusError(f"{path}: duplicate document ids ({len(dup)}), e.g. {', '.join(map(str, dup[:5]))}; ids must be unique")

    sidecar = None
    if metadata is None and path.is_dir():
        found = [path / n for n in SIDECAR_NAMES if (path / n).is_file()]
        sidecar = found[0] if found else None
    elif metadata:
        sidecar = Path(metadata)
        if not sidecar.is_file():
            raise CorpusError(f"metadata sidecar {sidecar}: no such file")
    matched = _match_sidecar(records, _load_sidecar(sidecar), sidecar) if sidecar else {}

    rows, extras = [], []
    for i, rec in enumerate(records):
        row, extra = _build_row(rec, matched.get(i), sidecar, clean)
        rows.append(row)
        extras.append(extra)
    docs = pd.DataFrame(rows, columns=COLUMNS)
    docs["date"] = pd.to_datetime(docs["date"])
    docs["n_removed"] = docs["n_removed"].astype("int64")
    extra = pd.DataFrame(extras, index=docs.index)
    for column in extra.columns:
        if column not in docs.columns:
            docs[column] = extra[column]
    # plain lists only: pandas compares attrs when concatenating, which DataFrames cannot do
    docs.attrs["skipped"] = [dict(s) for s in skipped]
    docs.attrs["metadata_file"] = str(sidecar) if sidecar else None
    return docs


def skipped_files(docs: pd.DataFrame) -> pd.DataFrame:
    """Return what :func:`read_corpus` skipped (``on_error="skip"``): ``path`` and ``reason``.

    Examples
    --------
    >>> skipped_files(read_corpus("seeds")).empty
    True
    """
    return pd.DataFrame(docs.attrs.get("skipped", []), columns=["path", "reason"])


def cleaning_log(docs: pd.DataFrame) -> pd.DataFrame:
    """Return every line the cleaner removed: ``doc_id, line_no, line, reason``.

    ``line_no`` is 1-based in the raw file. Sorted by document (input order) and line number.

    Examples
    --------
    >>> log_ = cleaning_log(read_corpus("seeds"))
    >>> sorted(log_.reason.unique())[:3]
    ['byline', 'caption repeating the body', 'currency ticker']
    """
    if "removed" not in docs.columns:
        raise ValueError("docs has no 'removed' column; pass the table returned by read_corpus")
    return removed_table(docs["doc_id"], (json.loads(r) for r in docs["removed"]))
