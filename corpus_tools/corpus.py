"""Read a corpus of scraped news texts into one tidy table of documents.

Inputs: a folder of ``.txt`` and ``.html``/``.htm`` files (searched recursively, sorted by relative
path), a single text or HTML file, JSON Lines (``.jsonl``, ``.jsonl.gz``) or CSV (``.csv``, ``.csv.gz``) with a text column, or,
in memory, a pandas DataFrame of articles with a text column or a list of texts.
Each document is decoded (see :mod:`corpus_tools.encoding`), cleaned (see
:mod:`corpus_tools.cleaning`), given a language flag (see :mod:`corpus_tools.language`) and given
metadata from, in order of precedence: a sidecar CSV, the record's own fields (JSONL/CSV/DataFrame),
an HTML page's own ``<meta>`` tags (see :func:`corpus_tools.encoding.read_html`), the text itself;
what is still unknown is recorded as missing. The raw files are only ever opened for
reading.

Nothing is dropped or changed without a record: files that cannot be read are listed by
:func:`skipped_files` (with ``on_error="skip"``), lines removed by the cleaner by
:func:`cleaning_log`, and every other change or doubt (bytes dropped while decoding, invisible
characters removed, HTML extracted, an empty document, a date that is not a date or lies in the
future, sidecar rows that match no document) by :func:`input_warnings`.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import gzip
import io
import json
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from corpus_tools import metadata as meta
from corpus_tools.cleaning import clean_text, remove_boilerplate, removed_table
from corpus_tools.encoding import GZIP_MAGIC, DecodeError, decode, normalize, normalize_page
from corpus_tools.language import detect_language

log = logging.getLogger(__name__)

FIELDS = ("source", "date", "title", "author", "url")
COLUMNS = (
    ["doc_id", "path", "source", "date", "title", "author", "url", "text", "encoding", "lang", "warnings", "n_removed", "removed"]
    + [f"{f}_from" for f in FIELDS]
)
SIDECAR_NAMES = ("metadata.csv",)
_ID_KEYS = ("doc_id", "id")
_TEXT_SUFFIXES = (".txt",)
_HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 10_000_000
# in-memory corpora: the ``path`` and ``encoding`` they get (the file of a DataFrame is unknown)
FRAME_LABEL, LIST_LABEL = "<DataFrame>", "<list>"
# a publication date later than this after reading is a typo or a placeholder, not a date
_FUTURE_SLACK = pd.Timedelta(days=2)


class CorpusError(ValueError):
    """Raised for a corpus or metadata file that cannot be read; the message names it and the fix."""


# characters of raw text per ingest partition, at most: about 200k tokens, a second or two of work
BATCH_CHARS = 1_000_000

def _is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


class _TooLarge(OSError):
    pass


def _size_error(path, size: int | str, max_bytes: int) -> _TooLarge:
    return _TooLarge(
        f"{path}: {size} bytes, over the limit of max_bytes={max_bytes:,}; a news document this large is "
        "usually several documents or a dump: split it, or pass a larger max_bytes (tokenizing needs "
        "about 50 times the text size in memory)"
    )


def _open_bytes(path: Path, max_bytes: int | None = None) -> tuple[bytes, list[str]]:
    """Read a file, decompressing gzip (by suffix or by content); never more than max_bytes of text."""
    notes = []
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise _size_error(path, f"{size:,}", max_bytes)
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC):
        if path.suffix != ".gz":
            notes.append(f"gzip-compressed although named {path.suffix or 'without a suffix'}; decompressed")
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            # read at most one byte more than allowed: a gzip bomb never fills memory
            data = stream.read(-1 if max_bytes is None else max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:
            raise _size_error(path, "more than the limit when decompressed:", max_bytes)
    return data, notes


def _read_csv_text(path: Path, *, what: str) -> pd.DataFrame:
    """Read a CSV in any of the supported encodings, sniffing the delimiter (, ; or tab)."""
    try:
        data, _ = _open_bytes(path)
        text = decode(data, name=str(path), html=False).text
    except (DecodeError, OSError, EOFError) as err:
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


def _records_from_folder(root: Path, on_error: str, skipped: list, max_bytes: int | None) -> Iterator[dict]:
    files, ignored = [], {}
    for p in root.rglob("*"):
        if p.is_file():
            suffix = p.suffix.lower()
            if suffix in _TEXT_SUFFIXES + _HTML_SUFFIXES:
                files.append(p)
            elif p.name not in SIDECAR_NAMES:
                ignored[suffix or "(none)"] = ignored.get(suffix or "(none)", 0) + 1
    files.sort(key=lambda p: p.relative_to(root).as_posix())
    if not files:
        raise CorpusError(f"{root}: no .txt files found (nor .html/.htm; searched recursively); point read_corpus at a folder of texts or a .jsonl/.csv file")
    if ignored:
        log.info("read_corpus %s: files not read (not .txt/.html/.htm): %s", root, ", ".join(f"{n} {s}" for s, n in sorted(ignored.items())))
    stems: dict[str, int] = {}
    bases: dict[str, int] = {}
    for p in files:
        stems[p.stem] = stems.get(p.stem, 0) + 1
        base = p.relative_to(root).as_posix().rsplit(".", 1)[0]
        bases[base] = bases.get(base, 0) + 1
    for p in files:
        rel = p.relative_to(root).as_posix()
        # file stems are the ids unless two files share one; then the relative path disambiguates,
        # with its suffix when a.txt and a.html sit side by side
        base = rel.rsplit(".", 1)[0]
        doc_id = p.stem if stems[p.stem] == 1 else base if bases[base] == 1 else rel
        record = _file_record(p, doc_id, rel, on_error, skipped, max_bytes)
        if record is not None:
            yield record


def _file_record(path: Path, doc_id: str, rel: str, on_error: str, skipped: list, max_bytes: int | None) -> dict | None:
    # a .html file is HTML even when it holds a fragment without <html>
    html = "always" if path.suffix.lower() in _HTML_SUFFIXES else True
    decoded = _decode_file(path, on_error, skipped, max_bytes, html=html)
    if decoded is None:
        return None
    return {
        "doc_id": doc_id, "path": str(path), "file": rel, "_raw": decoded.text, "encoding": decoded.encoding,
        "_notes": decoded.notes, "_html": decoded.fields,
    }  # fmt: skip


def _skip(message: str, where: str, on_error: str, skipped: list) -> None:
    if on_error == "raise":
        raise CorpusError(message + " (pass on_error='skip' to record it and go on)")
    log.warning("skipped %s", message)
    skipped.append({"path": where, "reason": message})


def _decode_file(path: Path, on_error: str, skipped: list, max_bytes: int | None = None, *, html: bool | Literal["always"] = True):
    try:
        data, notes = _open_bytes(path, max_bytes)
        decoded = decode(data, name=str(path), html=html)
    except (DecodeError, OSError, EOFError, gzip.BadGzipFile) as err:
        message = str(err) if str(path) in str(err) else f"{path}: {err}"
        _skip(message, str(path), on_error, skipped)
        return None
    decoded.notes[:0] = notes
    return decoded


def _records_from_jsonl(path: Path, text_column: str, on_error: str, skipped: list, max_bytes: int | None) -> Iterator[dict]:
    encoding = None
    for number, line, encoding in _jsonl_lines(path):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a JSON object per line is expected")
        except ValueError as err:
            _skip(f"{path}:{number}: not a JSON object ({err})", f"{path}:{number}", on_error, skipped)
            continue
        record = _checked_record(record, path, number, text_column, encoding, on_error, skipped, max_bytes)
        if record is not None:
            yield record


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """Yield ``(line number, decoded line, encoding)`` of a JSONL file, streaming (gzip too).

    UTF-8 (the JSON Lines standard) is read line by line, so memory stays bounded however large
    the file; a line that is not valid UTF-8 goes through :func:`corpus_tools.encoding.decode` on
    its own. A file with a UTF-16/32 byte-order mark is decoded whole. Each line is normalised
    like a decoded file (NUL and invisible characters removed).
    """
    with open(path, "rb") as raw:
        head = raw.read(4)
        raw.seek(0)
        stream = gzip.GzipFile(fileobj=raw) if head.startswith(GZIP_MAGIC) else raw
        try:
            first = stream.peek(4)[:4] if hasattr(stream, "peek") else head
            if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                decoded = _decode_file(path, "raise", [], html=False)
                for number, line in enumerate(decoded.text.split("\n"), start=1):
                    yield number, line, decoded.encoding
                return
            encoding = "utf-8-sig" if first.startswith(codecs.BOM_UTF8) else "utf-8"
            for number, data in enumerate(stream, start=1):
                if number == 1 and encoding == "utf-8-sig":
                    data = data[len(codecs.BOM_UTF8) :]
                try:
                    line = data.decode("utf-8")
                except UnicodeDecodeError:
                    try:
                        line = decode(data, name=f"{path}:{number}", html=False).text
                    except DecodeError as err:
                        raise CorpusError(str(err)) from None
                yield number, normalize(line, html=False)[0], encoding
        except (OSError, EOFError) as err:
            raise CorpusError(f"{path}: {err}") from None

def _records_from_csv(path: Path, text_column: str, on_error: str, skipped: list, max_bytes: int | None) -> Iterator[dict]:
    table = _read_csv_text(path, what="corpus CSV")
    for number, row in enumerate(table.to_dict("records"), start=2):
        record = _checked_record(row, path, number, text_column, "csv", on_error, skipped, max_bytes)
        if record is not None:
            yield record


def is_in_memory(corpus) -> bool:
    """True for a corpus given as a DataFrame or a list/tuple/Series of texts, not as a path."""
    return isinstance(corpus, (pd.DataFrame, pd.Series, list, tuple))


def corpus_label(corpus) -> str:
    """How a corpus is named in messages and manifests: its path, or ``<DataFrame>``/``<list>``."""
    if isinstance(corpus, pd.DataFrame):
        return FRAME_LABEL
    return LIST_LABEL if is_in_memory(corpus) else str(corpus)


def _articles(corpus, text_column: str) -> pd.DataFrame:
    """An in-memory corpus as a DataFrame with string column names and a ``text_column``."""
    if not isinstance(corpus, pd.DataFrame):
        texts = list(corpus)
        bad = next(((i, t) for i, t in enumerate(texts) if not (isinstance(t, str) or _plain(t) is None)), None)
        if bad is not None:
            raise CorpusError(f"{LIST_LABEL}: item {bad[0]} is a {type(bad[1]).__name__}, not a text; a list corpus holds texts (str)")
        return pd.DataFrame({text_column: pd.Series(texts, dtype=object)})
    if not all(isinstance(c, str) for c in corpus.columns):
        corpus = corpus.rename(columns=str)
    if corpus.columns.duplicated().any():
        repeated = sorted(set(corpus.columns[corpus.columns.duplicated()]))
        raise CorpusError(f"{FRAME_LABEL}: column names repeat ({', '.join(repeated)}); each column needs its own name")
    if text_column not in corpus.columns:
        raise CorpusError(
            f"{FRAME_LABEL}: no {text_column!r} column (columns: {', '.join(corpus.columns) or 'none'}); "
            "rename the column of article texts to 'text' or pass text_column="
        )
    return corpus


def _plain(value):
    """A DataFrame cell as a record field: missing values None, dates Timestamps without time zone."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (list, tuple, dict)):
        return list(value) if isinstance(value, tuple) else value
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, (datetime.date, np.datetime64)):
        stamp = pd.Timestamp(value)
        return stamp.tz_localize(None) if stamp.tzinfo is not None else stamp  # wall-clock time as published
    return value.item() if isinstance(value, np.generic) else value


def _records_from_frame(frame: pd.DataFrame, label: str, text_column: str, on_error: str, skipped: list, max_bytes: int | None) -> Iterator[dict]:
    """The rows of an in-memory corpus as records; ``path`` is the row's own ``path`` value, if any."""
    encoding = "dataframe" if label == FRAME_LABEL else "list"
    for number, row in enumerate(frame.to_dict("records")):
        record = {key: _plain(value) for key, value in row.items()}
        value = record[text_column]
        if value is not None and not isinstance(value, (str, dict, list)):
            where = f"{label}:{number}"
            hint = "; decode it first" if isinstance(value, (bytes, bytearray)) else ""
            _skip(f"{where}: the {text_column!r} value is a {type(value).__name__}, not a text{hint}", where, on_error, skipped)
            continue
        checked = _checked_record(record, label, number, text_column, encoding, on_error, skipped, max_bytes)
        if checked is not None:
            if not _is_missing(record.get("path")):
                checked["path"] = str(record["path"])
            yield checked


def _checked_record(record: dict, path: Path | str, number: int, text_column: str, encoding: str, on_error: str, skipped: list, max_bytes) -> dict | None:
    """A record of a JSONL/CSV corpus, or None (recorded in skipped) when its text is unusable."""
    if text_column not in record:
        raise CorpusError(f"{path}:{number}: no {text_column!r} field (fields: {', '.join(map(str, record))}); pass text_column=")
    value = record[text_column]
    where = f"{path}:{number}"
    if isinstance(value, (dict, list)):
        _skip(f"{where}: the {text_column!r} field is a JSON {type(value).__name__}, not a text", where, on_error, skipped)
        return None
    # UTF-8 takes at most 4 bytes per character: encode only texts that may be too large
    if max_bytes is not None and isinstance(value, str) and len(value) * 4 > max_bytes and len(value.encode("utf-8")) > max_bytes:
        _skip(str(_size_error(where, f"{len(value.encode('utf-8')):,}", max_bytes)), where, on_error, skipped)
        return None
    return _from_record(record, path, number, encoding)


def _from_record(record: dict, path: Path | str, number: int, encoding: str) -> dict:
    """A JSONL/CSV/DataFrame record as the reading process keeps it: id and place, fields untouched.

    Only the id is needed in input order (duplicates, sidecar rows); the text and the other
    fields are prepared by :func:`_prepared` with the rest of the per-document work. Without an
    id a file's record is ``<file stem>:<line>``, an in-memory one (``path`` a label) its row.
    """
    doc_id = next((record[k] for k in _ID_KEYS if k in record and not _is_missing(record[k])), None)
    if doc_id is not None:
        doc_id = str(doc_id)
    else:
        doc_id = f"{path.name.split('.')[0]}:{number}" if isinstance(path, Path) else str(number)
    return {"doc_id": doc_id, "path": f"{path}:{number}", "encoding": encoding, "_record": record}


def _prepared(rec: dict, text_column: str) -> dict:
    """A record as :func:`_build_row` takes it: text normalised, other fields as ``_rec_<name>``."""
    record = rec.get("_record")
    if record is None:
        return rec  # a file, decoded while reading
    raw = "" if _is_missing(record[text_column]) else str(record[text_column])
    raw, notes, fields = normalize_page(raw)
    out = {"path": rec["path"], "encoding": rec["encoding"], "_raw": raw, "_notes": notes, "_html": fields, "doc_id": rec["doc_id"]}
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


def _parse_given_date(value, notes: list[str], where: str):
    if isinstance(value, pd.Timestamp):
        return value
    stamp = meta.parse_date(str(value))
    if stamp is None:
        notes.append(f"{where} date {value!r} is not a date (or not a real one); left missing")
    return stamp


def _checked_date(value, origin: str, notes: list[str], now: pd.Timestamp):
    if value is not None and value > now + _FUTURE_SLACK:
        notes.append(f"{origin} date {value} lies in the future; left missing")
        return None
    return value


def _build_row(rec: dict, side: dict | None, clean: bool, now: pd.Timestamp) -> tuple[dict, dict]:
    given: dict[str, tuple[object, str]] = {}
    page = rec.get("_html") or {}
    if rec.get("_folder"):  # source_from="folder"; the page's tags, a record or sidecar source override it
        given["source"] = (rec["_folder"], "folder")
    for f in FIELDS:
        # precedence, lowest first: the page's own <meta> tags, the record's fields, the sidecar
        if not _is_missing(page.get(f)):
            given[f] = (page[f], "html")
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
    notes = list(rec.get("_notes", ()))
    row = {"doc_id": rec["doc_id"], "path": rec["path"], "text": text, "encoding": rec["encoding"]}
    for f in FIELDS:
        if f in given:
            value, origin = given[f]
            if f == "date":
                value = _checked_date(_parse_given_date(value, notes, origin), origin, notes, now)
                if value is None:
                    value, origin = found.get("date"), "text"
        elif found.get(f) is not None:
            # the rule that found it for a title ("header", "first_line") or a dateline outlet
            value, origin = found[f], found.get(f"{f}_from", "text")
        else:
            value, origin = None, "missing"
        if f == "date" and origin == "text":
            value = _checked_date(value, origin, notes, now)
        if value is None:
            origin = "missing"
        row[f] = value.strip() if isinstance(value, str) else value
        row[f"{f}_from"] = origin
    if row["source"] is None:
        # never merge unknown documents into one fake outlet
        row["source"] = f"unknown:{rec['doc_id']}"
    title = row["title"] if isinstance(row["title"], str) else ""
    row["lang"] = detect_language(title + "\n" + text)
    if not text.strip():
        notes.append("empty document: no text" + (" after cleaning" if rec["_raw"].strip() else ""))
    row["warnings"] = json.dumps(notes, ensure_ascii=False) if notes else "[]"
    row["n_removed"] = len(removed)
    row["removed"] = json.dumps(removed, ensure_ascii=False) if removed else "[]"
    extras = {k[5:]: v for k, v in rec.items() if k.startswith("_rec_") and k[5:] not in FIELDS}
    if side is not None:
        extras.update({k: v for k, v in side.items() if k not in FIELDS and k not in ("doc_id", "file")})
    return row, extras


def read_corpus(
    path: str | os.PathLike | pd.DataFrame | Sequence[str],
    *,
    metadata: str | os.PathLike | Literal[False] | None = None,
    text_column: str = "text",
    on_error: Literal["raise", "skip"] = "raise",
    clean: bool = True,
    max_bytes: int | None = MAX_BYTES,
    source_from: Literal["text", "folder"] = "text",
    boilerplate: bool = True,
) -> pd.DataFrame:
    """Read scraped news texts into a table with one row per document.

    Parameters
    ----------
    path
        A folder of ``.txt`` and ``.html``/``.htm`` files (recursive; sorted by relative path, so the
        order is stable; other files are not read, and are counted in an INFO log line), a
        single text or HTML file, or a ``.jsonl``/``.jsonl.gz``/``.csv``/``.csv.gz`` file whose records
        have a text field (``text_column``) and optionally ``id``/``doc_id``, ``source``, ``date``,
        ``title``, ``author``, ``url`` and any other fields (kept as extra columns). Or a pandas
        DataFrame with the same columns (one row per article; dates as strings or datetimes,
        missing values as NaN/None; a ``path`` column is kept as the documents' ``path``), or a
        list of texts. Their documents are cleaned and given metadata, language flags and
        warnings exactly as a folder's; without ``doc_id``/``id`` a document's id is its row
        position (``"0"``, ``"1"``, ...) and its ``path`` ``<DataFrame>:<row>`` or ``<list>:<row>``.
        The DataFrame is not modified.
    metadata
        A sidecar CSV keyed by ``doc_id`` or ``file`` (file name or path relative to the folder) whose
        non-empty ``source``/``date``/``title``/``author``/``url`` values fill or override the others;
        other columns are added as they are. None (default) uses ``metadata.csv`` in the corpus
        folder if there is one; False uses none. Delimiter (``,``/``;``/tab) and encoding are detected.
    text_column
        The text field of JSONL/CSV records.
    on_error
        ``"raise"`` (default) stops at the first unreadable file, broken JSONL line or document over
        ``max_bytes`` with a :class:`CorpusError` naming it; ``"skip"`` logs a warning, goes on,
        and lists what was skipped in ``result.attrs["skipped"]`` (see :func:`skipped_files`).
    clean
        Strip boilerplate and parse metadata from the text (default). False keeps the decoded
        texts as they are (decoding still removes invisible characters and extracts the text of
        HTML pages, see :func:`corpus_tools.encoding.decode`, and says so in ``warnings``).
    max_bytes
        The largest document accepted, in bytes (10 MB by default; a long news article is under
        0.1 MB). Larger files are refused before they are read, and a larger gzip file is never
        decompressed further, so memory stays bounded; tokenizing takes about 50 bytes of memory per
        byte of text. None accepts any size. JSONL and CSV files may be larger: the limit applies to
        each record's text.
    source_from
        ``"text"`` (default): the outlet comes from a sidecar, the record or the text (a
        self-reference, the permalink, a dateline). ``"folder"``: for a folder laid out as
        ``outlet/yyyy-mm/*.txt`` (or ``…/outlet/*.txt``) the outlet is the name of the nearest
        folder above the file that is not a date (``2024``, ``2024-11``, ``unknown``), with
        ``source_from == "folder"``; a sidecar or record source still overrides it.
    boilerplate
        Remove corpus-level boilerplate (default): lines and sentences an outlet repeats in at
        least 5 and 20 % of its documents (outlets of 10 documents or more; quoted speech and
        wire copy other outlets share are kept), see :func:`corpus_tools.cleaning.corpus_boilerplate`.
        Each removed piece is in :func:`cleaning_log` with the reason ``"outlet boilerplate: in
        14 of 42 documents of <outlet>"``. Documents of unknown outlet are grouped by their
        folder (:func:`corpus_tools.metadata.folder_outlet`). False keeps them; so does
        ``clean=False``. :func:`iter_corpus` never runs this pass (a batch is not the corpus).

    Returns
    -------
    pandas.DataFrame
        One row per document, in input order: ``doc_id`` (the file stem for text files, the record's
        id otherwise), ``path``, ``source`` (``unknown:<doc_id>`` when the outlet cannot be determined),
        ``date`` (datetime64, wall-clock time as published, time zones dropped), ``title``,
        ``author``, ``url``, ``text`` (the cleaned body), ``encoding``, ``n_removed`` and ``removed``
        (JSON list of ``[line_no, line, reason]``; see :func:`cleaning_log`), and for each metadata
        field a ``<field>_from`` column: ``"sidecar"``, ``"record"``, ``"html"`` (the page's
        ``og:site_name``, ``og:title``, ``article:published_time``, ``author``, ``og:url`` and
        similar tags), ``"text"`` or ``"missing"``; more precisely for a title found in the text,
        ``"header"`` (a metadata header) or ``"first_line"`` (see
        :func:`corpus_tools.cleaning.clean_text`), and for an outlet, ``"dateline"`` («МОСКВА,
        8 ноября, ФедералПресс.») or ``"folder"``.
        ``encoding`` is the codec used (see :func:`corpus_tools.encoding.decode`), ``"csv"`` for
        CSV records, ``"dataframe"`` and ``"list"`` for in-memory ones; ``lang`` is the language flag of title and text (``"ru"``, ``"uk"``, ``"be"``,
        ``"kk"``, ``"uz"``, ``"bg"`` or ``"other"``, see :mod:`corpus_tools.language`): documents
        in other languages are kept unchanged, filter on ``lang`` to leave them out; ``warnings``
        is a JSON list of what was changed or doubted in the document (see :func:`input_warnings`).
        Extra record or sidecar columns follow.

        An empty or whitespace-only file is kept as a document with ``text == ""`` and a warning.
        A date that does not parse, or lies more than two days after reading, is left missing
        with a warning. ``attrs["skipped"]`` lists the files and records not read,
        ``attrs["warnings"]`` the warnings that concern no single document (sidecar rows matching
        no document), ``attrs["metadata_file"]`` the sidecar used.

    Raises
    ------
    CorpusError
        (a ValueError) Missing path, folder without texts, unreadable or binary file or broken
        JSONL line or record whose text is over ``max_bytes`` or not a text (unless
        ``on_error="skip"``), a text field missing from a record, duplicate document ids, a
        sidecar that is missing or has no ``doc_id``/``file`` column or repeats keys, an
        unreadable CSV, a DataFrame without the text column (the message lists its columns) or
        with repeated column names, a list item that is not a text. The message names the file
        (and line, or row) and the fix.
    ValueError
        ``on_error``, ``max_bytes`` or ``source_from`` invalid (``"folder"`` for a single file).

    Examples
    --------
    >>> docs = read_corpus("seeds")
    >>> docs.loc[docs.doc_id.str.startswith("004"), ["source", "date"]].iloc[0].tolist()
    ['EADaily', Timestamp('2021-04-08 11:08:00')]
    >>> articles = pd.DataFrame({"text": ["Песков ответил журналистам."], "source": ["ТАСС"], "date": ["2024-03-12"]})
    >>> read_corpus(articles)[["doc_id", "source", "date", "source_from"]].iloc[0].tolist()
    ['0', 'ТАСС', Timestamp('2024-03-12 00:00:00'), 'record']
    """
    batches = list(_batches(path, None, metadata, text_column, on_error, clean, max_bytes, source_from, boilerplate))
    return batches[0]


def iter_corpus(
    path: str | os.PathLike | pd.DataFrame | Sequence[str],
    *,
    batch_size: int = 5000,
    metadata: str | os.PathLike | Literal[False] | None = None,
    text_column: str = "text",
    on_error: Literal["raise", "skip"] = "raise",
    clean: bool = True,
    max_bytes: int | None = MAX_BYTES,
    source_from: Literal["text", "folder"] = "text",
) -> Iterator[pd.DataFrame]:
    """Read a corpus in batches of ``batch_size`` documents, for corpora too large for memory.

    Yields the tables :func:`read_corpus` would return for consecutive slices of the corpus,
    reading JSONL line by line and folders file by file, so memory holds one batch at a time.
    Options are those of :func:`read_corpus`. Document ids are checked for duplicates across
    batches; each batch's ``attrs["skipped"]`` lists what was skipped while reading it, and the
    last batch's ``attrs["warnings"]`` carries sidecar rows that matched no document.

    Concatenated, the batches hold the same rows and values as
    ``read_corpus(path, boilerplate=False)``: the corpus-level boilerplate pass needs the whole
    corpus; columns that come from record fields appear in a batch only when a record of it has them.

    Raises
    ------
    CorpusError, ValueError
        As :func:`read_corpus`, when the offending batch is reached.

    Examples
    --------
    >>> [len(batch) for batch in iter_corpus("seeds", batch_size=2)]
    [2, 2, 1]
    """
    _check_batch_size(batch_size)
    yield from _batches(path, batch_size, metadata, text_column, on_error, clean, max_bytes, source_from)


def _check_batch_size(batch_size, name: str = "batch_size", unit: str = "documents per batch") -> None:
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"{name} = {batch_size!r} is invalid; value must be an int >= 1 ({unit})")


def _batches(path, batch_size, metadata, text_column, on_error, clean, max_bytes, source_from="text", boilerplate=False) -> Iterator[pd.DataFrame]:
    """The work of read_corpus (batch_size None: one batch) and iter_corpus."""
    for batch in _read_batches(path, batch_size, metadata, text_column, on_error, clean, max_bytes, source_from=source_from):
        docs = batch.frame()
        if boilerplate and clean:  # corpus-level: it needs every document of an outlet at once
            docs = remove_boilerplate(docs, _outlets(docs, batch.records), lambda d: _prepared(batch.records[d], text_column)["_raw"])
        if batch.last:
            batch.log_warnings(int(docs["warnings"].ne("[]").sum()))
        yield docs


@dataclass(repr=False)  # the default repr would print every text
class RawBatch:
    """A batch of records as read, holding all that building its documents table needs.

    Reading must follow the input order (ids, duplicates, sidecar rows, skips); building the
    table does not, so :meth:`frame` is a pure function of the batch and may run in another
    process: :func:`corpus_tools.store.ingest` sends batches to its workers, pickled.
    """

    path: Path | str  # a label for an in-memory corpus (corpus_label)
    records: list[dict]
    sides: list[dict | None]  # the sidecar row of each record, or None
    skipped: list[dict]
    sidecar: Path | None
    text_column: str
    clean: bool
    now: pd.Timestamp  # taken once per reading, so every batch judges future dates alike
    warnings: list[dict] = field(default_factory=list)  # sidecar rows that match no document
    last: bool = False

    def frame(self) -> pd.DataFrame:
        """The documents table of this batch, as :func:`iter_corpus` yields it."""
        rows, extras = [], []
        for rec, side in zip(self.records, self.sides):
            row, extra = _build_row(_prepared(rec, self.text_column), side, self.clean, self.now)
            rows.append(row)
            extras.append(extra)
        docs = pd.DataFrame(rows, columns=COLUMNS)
        # one unit whatever the input (Parquet stores and batches concatenate cleanly); dates carry
        # no fractions of a second
        docs["date"] = pd.to_datetime(docs["date"]).astype("datetime64[s]")
        docs["n_removed"] = docs["n_removed"].astype("int64")
        extra = pd.DataFrame(extras, index=docs.index)
        for column in extra.columns:
            if column not in docs.columns:
                docs[column] = extra[column]
        # plain lists only: pandas compares attrs when concatenating, which DataFrames cannot do
        docs.attrs["skipped"] = [dict(s) for s in self.skipped]
        docs.attrs["warnings"] = list(self.warnings)
        docs.attrs["metadata_file"] = str(self.sidecar) if self.sidecar else None
        return docs

    def log_warnings(self, n_warned: int) -> None:
        """Log the count of documents with warnings; for the last batch, in the reading process."""
        if n_warned or self.warnings:
            log.warning("read_corpus %s: warnings for %d document(s) and %d other(s); see input_warnings(docs)", self.path, n_warned, len(self.warnings))


def raw_batches(
    path: str | os.PathLike | pd.DataFrame | Sequence[str],
    *,
    batch_size: int = 5000,
    metadata: str | os.PathLike | Literal[False] | None = None,
    text_column: str = "text",
    on_error: Literal["raise", "skip"] = "raise",
    clean: bool = True,
    max_bytes: int | None = MAX_BYTES,
    batch_chars: int | None = None,
    source_from: Literal["text", "folder"] = "text",
) -> Iterator[RawBatch]:
    """Yield the batches of a corpus as read (:class:`RawBatch`): the sequential half of :func:`iter_corpus`.

    Checks the options, reads the records, gives them ids, refuses duplicate ids across
    batches, hands each sidecar row to the first document it names and records what was
    skipped. Cleaning, language detection and metadata, the costly part, wait for
    :meth:`RawBatch.frame`, so ``[b.frame() for b in raw_batches(...)]`` equals
    ``list(iter_corpus(...))``. The last batch has ``last`` set and carries the sidecar rows
    that matched no document. Options are those of :func:`iter_corpus`; ``batch_chars`` also
    ends a batch once its raw texts hold that many characters (None: no limit), so a run of long
    articles does not make one batch far costlier than the others (workers of
    :func:`corpus_tools.store.ingest` then finish together) or far larger in memory.
    """
    _check_batch_size(batch_size)
    if batch_chars is not None:
        _check_batch_size(batch_chars, "batch_chars", "characters per batch")
    yield from _read_batches(path, batch_size, metadata, text_column, on_error, clean, max_bytes, batch_chars, source_from)


def _record_chars(record: dict, text_column: str) -> int:
    """Characters of a record's raw text (0 when it is missing or not a string)."""
    inner = record.get("_record")
    value = record.get("_raw") if inner is None else inner.get(text_column)
    return len(value) if isinstance(value, str) else 0


def _read_batches(path, batch_size, metadata, text_column, on_error, clean, max_bytes, batch_chars=None, source_from="text") -> Iterator[RawBatch]:
    """The work of raw_batches; batch_size None reads everything into one batch (read_corpus)."""
    frame = _articles(path, text_column) if is_in_memory(path) else None
    path = corpus_label(path) if frame is not None else Path(path)
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error={on_error!r} is invalid; use 'raise' or 'skip'")
    if source_from not in ("text", "folder"):
        raise ValueError(f"source_from={source_from!r} is invalid; use 'text' or 'folder'")
    if source_from == "folder" and path.exists() and not path.is_dir():
        raise ValueError(f"source_from='folder' reads the outlet from a folder layout (outlet/yyyy-mm/*.txt), but {path} is a file; pass a folder or source_from='text'")
    if max_bytes is not None and (isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1):
        raise ValueError(f"max_bytes = {max_bytes!r} is invalid; value must be an int >= 1 (bytes), or None for no limit")
    if frame is None and not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    sidecar = None
    if metadata is None and frame is None and path.is_dir():
        found = [path / n for n in SIDECAR_NAMES if (path / n).is_file()]
        sidecar = found[0] if found else None
    elif metadata:
        sidecar = Path(metadata)
        if not sidecar.is_file():
            raise CorpusError(f"metadata sidecar {sidecar}: no such file")
    sidecar_rows = _SidecarRows(_load_sidecar(sidecar), sidecar) if sidecar else None

    skipped: list[dict] = []
    name = path.lower() if frame is not None else path.name.lower()
    if frame is not None:
        records = _records_from_frame(frame, path, text_column, on_error, skipped, max_bytes)
    elif path.is_dir():
        records = _records_from_folder(path, on_error, skipped, max_bytes)
        if source_from == "folder":
            records = (dict(r, _folder=meta.folder_outlet(r["file"])) for r in records)
    elif name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json.gz", ".json")):
        records = _records_from_jsonl(path, text_column, on_error, skipped, max_bytes)
    elif name.endswith((".csv", ".csv.gz")):
        records = _records_from_csv(path, text_column, on_error, skipped, max_bytes)
    else:
        record = _file_record(path, path.stem, path.name, on_error, skipped, max_bytes)
        records = iter([] if record is None else [record])

    now = pd.Timestamp.now()

    def cut(chunk: list[dict], sides: list) -> RawBatch:
        return RawBatch(path, chunk, sides, list(skipped), sidecar, text_column, clean, now)

    seen: set = set()
    chunk: list[dict] = []
    sides: list[dict | None] = []
    pending = None  # one batch is held back, so the last one can carry the sidecar warnings
    duplicates: dict = {}
    chars = 0
    for record in records:
        if record["doc_id"] in seen:
            duplicates[record["doc_id"]] = None
            if batch_size is not None:
                _raise_duplicates(path, duplicates)
        seen.add(record["doc_id"])
        chunk.append(record)
        sides.append(sidecar_rows.match(record) if sidecar_rows else None)
        if batch_chars is not None:
            chars += _record_chars(record, text_column)
        if batch_size is not None and (len(chunk) == batch_size or (batch_chars is not None and chars >= batch_chars)):
            if pending is not None:
                yield pending
            pending = cut(chunk, sides)
            chunk, sides, skipped[:] = [], [], []
            chars = 0
    if duplicates:
        _raise_duplicates(path, duplicates)
    if chunk or pending is None:
        if pending is not None:
            yield pending
        pending = cut(chunk, sides)
    if sidecar_rows is not None:
        pending.warnings = sidecar_rows.unmatched()
    pending.last = True
    yield pending


def boilerplate_hits(path, *, metadata=None, text_column: str = "text", on_error: str = "raise", max_bytes=MAX_BYTES, source_from: str = "text") -> dict:
    """The corpus-level boilerplate of a corpus, by ``doc_id``: what ``read_corpus`` removes.

    One pass over the whole corpus, as :func:`read_corpus` reads it (so it holds every cleaned
    text at once); ``corpus_tools.store.ingest(boilerplate=True)`` uses it to remove the same
    pieces from its batches. Values are :func:`corpus_tools.cleaning.corpus_boilerplate`'s hits.
    """
    from corpus_tools.cleaning import corpus_boilerplate

    found: dict = {}
    for batch in _read_batches(path, None, metadata, text_column, on_error, True, max_bytes, source_from=source_from):
        docs = batch.frame()
        hits = corpus_boilerplate(docs["text"].tolist(), _outlets(docs, batch.records))
        ids = docs["doc_id"].tolist()
        found.update({ids[d]: value for d, value in hits.items()})
    return found


def _outlets(docs: pd.DataFrame, records: list[dict]) -> list:
    """The outlet of each document for the boilerplate pass: its source, else its folder, else None."""
    return [
        source if origin != "missing" else meta.folder_outlet(rec["file"]) if "file" in rec else None
        for source, origin, rec in zip(docs["source"], docs["source_from"], records)
    ]


def _raise_duplicates(path: Path | str, duplicates: dict) -> None:
    examples = ", ".join(map(str, list(duplicates)[:5]))
    raise CorpusError(f"{path}: duplicate document ids ({len(duplicates)}), e.g. {examples}; ids must be unique")


class _SidecarRows:
    """Sidecar rows by key; each row goes to the first document (in input order) it names."""

    def __init__(self, table: pd.DataFrame, sidecar: Path):
        self.sidecar = sidecar
        self.key = "doc_id" if "doc_id" in table.columns else "file"
        self.rows = {str(row[self.key]).strip(): row for row in table.to_dict("records")}
        self.used: set[str] = set()

    def match(self, record: dict) -> dict | None:
        names = [record["doc_id"]]
        if "file" in record:
            names += [record["file"], Path(record["file"]).name]
        for name in names:
            if name in self.rows and name not in self.used:
                self.used.add(name)
                return self.rows[name]
        return None

    def unmatched(self) -> list[dict]:
        return [
            {"doc_id": None, "path": str(self.sidecar), "warning": f"sidecar row {self.key}={key!r} matches no document; its metadata is unused"}
            for key in self.rows
            if key not in self.used
        ]


def skipped_files(docs: pd.DataFrame) -> pd.DataFrame:
    """Return what :func:`read_corpus` skipped (``on_error="skip"``): ``path`` and ``reason``.

    Examples
    --------
    >>> skipped_files(read_corpus("seeds")).empty
    True
    """
    return pd.DataFrame(docs.attrs.get("skipped", []), columns=["path", "reason"])


def input_warnings(docs: pd.DataFrame) -> pd.DataFrame:
    """Return every warning :func:`read_corpus` recorded: ``doc_id, path, warning``.

    One row per warning of the documents' ``warnings`` column (in document order), then the
    warnings about no single document from ``docs.attrs["warnings"]`` (``doc_id`` missing), such
    as sidecar rows that match no document. Files not read at all are in :func:`skipped_files`.

    Examples
    --------
    >>> input_warnings(read_corpus("seeds")).empty
    True
    """
    if "warnings" not in docs.columns:
        raise ValueError("docs has no 'warnings' column; pass the table returned by read_corpus")
    rows = [
        {"doc_id": doc_id, "path": path, "warning": warning}
        for doc_id, path, notes in zip(docs["doc_id"], docs["path"], docs["warnings"])
        for warning in json.loads(notes)
    ]
    rows += [dict(w) for w in docs.attrs.get("warnings", [])]
    return pd.DataFrame(rows, columns=["doc_id", "path", "warning"])


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
