"""Peak memory of read_corpus + tokenize on a document written on one line, up to 100 MB.

Usage (from the project root)::

    .venv/bin/python benchmarks/bad_input.py [MB ...]   # default: 100 10 1

For each size a one-line file of Russian words is written to a temporary folder and read with the
default ``max_bytes`` (10 MB) and ``on_error="skip"``; a document within the limit is also
tokenized. Prints the wall time and the peak RSS growth of each step (see ``common.measure``), so
the bound set by ``max_bytes`` can be checked: a file over the limit is skipped without being read.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import measure

import corpus_tools as ct

LINE = "Президент Казахстана посетил Москву и встретился с коллегой, "


def main(sizes: list[float]) -> None:
    for mb in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "line.txt"
            path.write_text(LINE * int(mb * 1e6 / len(LINE.encode())), encoding="utf-8")
            label = f"{path.stat().st_size / 1e6:.0f} MB one line"
            docs, _, _ = measure(f"{label}: read_corpus", lambda: ct.read_corpus(folder, on_error="skip"))
            skipped = ct.skipped_files(docs)
            if len(skipped):
                print(f"   skipped: {skipped.reason.iloc[0].split(': ', 1)[1]}")
                continue
            measure(f"{label}: tokenize", lambda: ct.tokenize(docs))


if __name__ == "__main__":
    main([float(a) for a in sys.argv[1:]] or [100, 10, 1])
