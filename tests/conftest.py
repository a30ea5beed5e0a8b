"""Shared fixtures: the project root, the seeds, and access to ``../shared`` data.

Tests that need ``../shared/data`` ask for the ``shared`` fixture. When the folder is absent they
are skipped with a reason, unless ``CORPUS_TOOLS_REQUIRE_SHARED=1`` (set by ``.ci/run``), in which
case they fail: CI must never pass by skipping them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = Path(os.environ.get("CORPUS_TOOLS_SHARED", ROOT.parent / "shared")).resolve()


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
