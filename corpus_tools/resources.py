"""Locate the hand-made lexical inputs the library reads (stop words, lemma overrides).

They live in the repository's ``data/`` folder, next to the package, so that they stay small,
reviewed text files under git. A wheel installs the same files under
``<prefix>/share/corpus_tools/data`` (see ``pyproject.toml``); both places are searched.
"""

from __future__ import annotations

import sys
from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parent.parent / "data",
    Path(sys.prefix) / "share" / "corpus_tools" / "data",
)


def data_path(name: str) -> Path:
    """Return the path of the bundled data file ``name``.

    Raises
    ------
    FileNotFoundError
        If the file is in none of the searched folders; the message lists them.

    Examples
    --------
    >>> data_path("stopwords_ru.txt").name
    'stopwords_ru.txt'
    """
    for folder in _CANDIDATES:
        path = folder / name
        if path.is_file():
            return path
    searched = ", ".join(str(c) for c in _CANDIDATES)
    raise FileNotFoundError(f"bundled data file {name!r} not found; searched: {searched}")


def read_word_list(name: str) -> list[str]:
    """Read a one-word-per-line list from ``data/``, skipping blank lines and ``#`` comments."""
    words = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.append(line)
    return words
