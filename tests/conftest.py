"""Shared fixtures: the project root, the seeds, and access to ``../shared`` data.

Tests that need ``../shared/data`` ask for the ``shared`` fixture. When the folder is absent they
are skipped with a reason, unless ``CORPUS_TOOLS_REQUIRE_SHARED=1`` (set by ``.ci/run``), in which
case they fail: CI must never pass by skipping them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("CORPUS_TOOLS_SHARED", ROOT.parent / "shared")).resolve()
# progress bars are for people; they would only clutter the test log
os.environ.setdefault("CORPUS_TOOLS_PROGRESS", "0")
# a fresh token-table cache per test session (notebook kernels inherit it), never the user's own
os.environ.setdefault("CORPUS_TOOLS_CACHE", tempfile.mkdtemp(prefix="corpus_tools_cache_"))


def require_shared(relative: str) -> Path:
    """Return ``SHARED / relative``; skip (or fail under CORPUS_TOOLS_REQUIRE_SHARED=1) if missing."""
    path = SHARED / relative
    if path.exists():
        return path
    message = f"shared data {path} is not available"
    if os.environ.get("CORPUS_TOOLS_REQUIRE_SHARED") == "1":
        pytest.fail(message + " but CORPUS_TOOLS_REQUIRE_SHARED=1", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def shared():
    """A function mapping a path under ``../shared`` to an existing Path (or skip/fail)."""
    return require_shared


@pytest.fixture(scope="session")
def seed_docs():
    """The raw seed files (uncleaned) as a documents table: doc_id and text."""
    files = sorted(SEEDS.glob("*.txt"))
    return pd.DataFrame({"doc_id": [f.stem for f in files], "text": [f.read_text(encoding="utf-8") for f in files]})


# The notebook series costs about 30 s on the seeds and 2 min on the sample, so each corpus runs
# at most once per session; the browser, read-only and reproducibility tests share these runs.
SAMPLE = "data/corpora/ru_news_mix/sample"


def file_digests(*paths: Path) -> dict[str, str]:
    """Return the sha256 of every file at or below ``paths``, keyed by its path."""
    import hashlib

    files = [p for path in paths for p in ([path] if path.is_file() else sorted(path.rglob("*")))]
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


def _report_with_digests(out: Path, inputs: list[Path], **options):
    from types import SimpleNamespace

    from corpus_tools.reports import run_notebooks

    before = file_digests(*inputs)
    table = run_notebooks(ROOT / "notebooks", out=out, **options)
    return SimpleNamespace(
        out=out, table=table, inputs=inputs, before=before, after=file_digests(*inputs)
    )


@pytest.fixture(scope="session")
def seeds_report(tmp_path_factory):
    """The notebook series on the seeds, as ``make report`` runs it, in a temporary folder.

    A namespace with ``out`` (the reports folder), ``table`` (``run_notebooks``' result),
    ``inputs`` (the seeds and the hand-made inputs in ``data/``) and the ``before`` and ``after``
    digests of every input file (see ``file_digests``).
    """
    data = [p for p in sorted((ROOT / "data").iterdir()) if p.name != "cache"]
    return _report_with_digests(tmp_path_factory.mktemp("seeds_report"), [SEEDS, *data])


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory):
    """The notebook series on the shared sample, as ``seeds_report``; skipped like ``shared``."""
    corpus = require_shared(SAMPLE)
    return _report_with_digests(tmp_path_factory.mktemp("sample_report"), [corpus], corpus=corpus)


HEADLINES = "data/corpora/kz_qantar_headlines/headlines.jsonl"


@pytest.fixture(scope="session")
def headlines_report(tmp_path_factory):
    """The notebook series on the shared Kazakhstan headlines (388 one-line documents, a JSONL file
    with source and date in each record), as ``seeds_report``; skipped like ``shared``."""
    corpus = require_shared(HEADLINES)
    return _report_with_digests(tmp_path_factory.mktemp("headlines_report"), [corpus], corpus=corpus)


def assert_tag_words_agree(tokens: pd.DataFrame) -> int:
    """Assert that ``tag_words`` of each sentence gives tokenize's lemma and UPOS wherever the word
    is not sentence-initial (only tokenize sees the whole document); return how many were compared.

    A name may get its lemma from forms in other sentences of its document (corpus_tools.names):
    such words are not compared, and they must stay below 1 % of the compared words."""
    from corpus_tools.morphology import initial_flags, tag_words
    from corpus_tools.names import is_name_shaped

    compared = by_document = 0
    for _, sentence in tokens.groupby(["doc_id", "sent_id"], sort=False):
        words = sentence["token"].tolist()
        tagged = tag_words(words)
        for i, first in enumerate(initial_flags(words)):
            if not first:
                row = sentence.iloc[i]
                if tagged["lemma"][i] != row["lemma"] and is_name_shaped(words[i]):
                    by_document += 1
                    continue
                assert (tagged["lemma"][i], tagged["upos"][i]) == (row["lemma"], row["upos"]), words
                compared += 1
    assert by_document <= 0.01 * compared, f"{by_document} names decided by other sentences"
    return compared
