"""Where a table came from: package versions, the options used and a hash of the input.

Every table that :mod:`corpus_tools` returns from a public function carries a record in
``table.attrs["provenance"]`` (a plain dict, so it survives pickling and is written into Parquet
metadata by :mod:`corpus_tools.store`):

- ``function``: the function that made the table, e.g. ``"corpus_tools.tokenize"``;
- ``options``: its keyword options as given (callables and tables by name or digest);
- ``input``: a digest of the input, taken from the input's own provenance when it has one (so a
  chain of analyses points back to the corpus files), else computed from its content;
- ``versions``: corpus_tools and the packages that shape tokens, lemmas and numbers
  (razdel, pymorphy3, pymorphy3-dicts-ru, DAWG2, pandas, numpy, scipy);
- ``pipeline``: a digest of the package's own modules and word lists that decide documents,
  tokens and lemmas (:func:`pipeline`), which changes with any edit to them;
- ``digest``: a hash of everything above, so two tables with the same digest were made the
  same way from the same input.

A figure in a paper can then be traced to exactly what produced it::

    >>> import pandas as pd
    >>> table = stamp(pd.DataFrame({"a": [1]}), "corpus_tools.example", {"n": 3}, input_digest="abc")
    >>> table.attrs["provenance"]["options"], table.attrs["provenance"]["input"]
    ({'n': 3}, 'abc')
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd

PACKAGES = ("corpus_tools", "razdel", "pymorphy3", "pymorphy3-dicts-ru", "DAWG2", "pandas", "numpy", "scipy")
# the code and data that decide documents, tokens, lemmas and flags; their bytes are part of every
# cache key, so editing any of them (or a reviewed word list) invalidates stored token tables
PIPELINE_MODULES = ("cleaning", "corpus", "encoding", "language", "metadata", "morphology", "names", "segmentation", "stopwords", "tokens")
PIPELINE_DATA = ("context_model.csv", "lemma_overrides.csv", "stopwords_keep_ru.txt", "stopwords_ru.txt")


@functools.lru_cache(maxsize=1)
def pipeline() -> str:
    """A digest of the modules and data files that shape documents and tokens (see above)."""
    from corpus_tools.resources import data_path

    package = Path(__file__).resolve().parent
    parts = [(package / f"{name}.py").read_bytes() for name in PIPELINE_MODULES]
    parts += [data_path(name).read_bytes() for name in PIPELINE_DATA]
    return digest(*parts)


@functools.lru_cache(maxsize=8)
def versions(names: tuple[str, ...] = PACKAGES) -> dict[str, str | None]:
    """The installed versions of ``names`` (by default the packages that shape the results);
    None for a package that is not installed."""
    found = {}
    for name in names:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


def digest(*parts) -> str:
    """A short, stable hex digest (BLAKE2b, 16 bytes) of JSON-able parts or bytes."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        if isinstance(part, (bytes, bytearray, memoryview)):
            hasher.update(part)
        else:
            hasher.update(json.dumps(part, sort_keys=True, ensure_ascii=False, default=_describe).encode("utf-8"))
        hasher.update(b"\x00")
    return hasher.hexdigest()


def table_digest(table) -> str:
    """The input digest of a table, a path or a value.

    A table whose provenance record still fits it (same number of rows and same columns as when
    it was stamped) is identified by that record's digest; pandas copies ``attrs`` to slices and
    edits, so any other table is hashed by content. Files and folders are hashed by their
    relative paths, sizes and bytes (:func:`path_digest`).
    """
    if _existing_path(table) is not None:
        return path_digest(table)
    attrs = getattr(table, "attrs", None) or {}
    recorded = attrs.get("provenance")
    if isinstance(recorded, dict) and recorded.get("digest") and recorded.get("shape") == shape(table):
        return recorded["digest"]
    if isinstance(table, (pd.DataFrame, pd.Series)):
        hashed = pd.util.hash_pandas_object(table, index=False, categorize=True).to_numpy()
        columns = list(map(str, table.columns)) if isinstance(table, pd.DataFrame) else [str(table.name)]
        return digest(columns, np.ascontiguousarray(hashed).tobytes())
    return digest(_describe(table))


def path_digest(path: str | os.PathLike) -> str:
    """Digest of a file, or of every file under a folder (relative path, size and bytes, sorted)."""
    root = Path(path)
    files = [root] if root.is_file() else sorted((p for p in root.rglob("*") if p.is_file()), key=lambda p: p.relative_to(root).as_posix())
    hasher = hashlib.blake2b(digest_size=16)
    for file in files:
        name = file.name if file == root else file.relative_to(root).as_posix()
        hasher.update(f"{name}\x00{file.stat().st_size}\x00".encode())
        with open(file, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                hasher.update(block)
    return hasher.hexdigest()


def shape(table) -> list | None:
    """Rows and column names of a table (Series: rows and name); None for anything else."""
    if isinstance(table, pd.DataFrame):
        return [len(table), list(map(str, table.columns))]
    if isinstance(table, pd.Series):
        return [len(table), str(table.name)]
    return None


def stamp(table, function: str, options: dict, *, input_digest: str | None) -> object:
    """Attach a provenance record to ``table.attrs`` (in place) and return the table."""
    record = {
        "function": function,
        "options": {key: _describe(value) for key, value in sorted(options.items())},
        "input": input_digest,
        "versions": versions(),
        "pipeline": pipeline(),
    }
    record["digest"] = digest(record)
    record["shape"] = shape(table)
    if hasattr(table, "attrs"):
        table.attrs["provenance"] = record
    return table


def recorded(func: Callable) -> Callable:
    """Wrap a public function ``f(table, *args, **options)`` so its tables carry provenance.

    The first argument is the input (its digest is taken by :func:`table_digest`); the other
    arguments are recorded as options. A tuple of tables gets the record on each table.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        result = func(*args, **kwargs)
        if args:
            source = table_digest(args[0])
            options = {f"arg{i}": value for i, value in enumerate(args[1:], start=1)} | kwargs
        else:
            source, options = None, dict(kwargs)
        name = f"corpus_tools.{func.__name__}"
        for table in result if isinstance(result, tuple) else (result,):
            if isinstance(table, (pd.DataFrame, pd.Series)):
                stamp(table, name, options, input_digest=source)
        return result

    wrapper.__wrapped__ = func
    return wrapper


# the longest path (PATH_MAX) and file name (NAME_MAX) of common file systems
_PATH_MAX, _NAME_MAX = 4096, 255


def _existing_path(value) -> Path | None:
    """``value`` as a path to an existing file or folder, or None.

    A path object is always looked up. A string is looked up only when it could be a path at all:
    one line, no NUL, at most ``_PATH_MAX`` characters, no part longer than ``_NAME_MAX``; so a
    text (a news article with a "/" in it) is never handed to the file system, which would raise
    ``OSError: File name too long`` for it.
    """
    if isinstance(value, os.PathLike):
        path = Path(value)
    elif (
        isinstance(value, str)
        and value
        and len(value) <= _PATH_MAX
        and not any(ch in value for ch in "\n\r\x00")
        and all(len(part) <= _NAME_MAX for part in re.split(r"[\\/]", value))
    ):
        path = Path(value)
    else:
        return None
    try:
        return path if path.exists() else None
    except (OSError, ValueError):  # permission denied, a name the platform refuses
        return None


def _describe(value, *, nested: bool = False):
    """A JSON-able description of an option value (an existing file is named and hashed).

    Strings inside a list, tuple or dict (``nested``) are values, not paths: a list of texts is
    described by its texts, never looked up on disk; a path object is a path anywhere.
    """
    is_candidate = isinstance(value, os.PathLike) or (not nested and isinstance(value, str) and ("/" in value or os.sep in value))
    if is_candidate:
        path = _existing_path(value)
        if path is not None and path.is_file():
            return {"path": str(value), "digest": path_digest(path)}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_describe(v, nested=True) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if isinstance(value, dict):
        return {str(k): _describe(v, nested=True) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return {"table": table_digest(value), "rows": len(value)}
    if callable(value):
        return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', repr(value))}"
    return str(value)
