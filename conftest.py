"""Project-wide pytest set-up: doctests run in the project root.

The doctests of ``corpus_tools`` name files relative to the project root (``"seeds"``,
``"notebooks/02_cooccurrence.ipynb"``), as a user in a clone would. A full run once saw them fail
with "seeds: no such file or folder" after the working directory had moved; each doctest now
starts in the root whatever ran before it.
"""

from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _doctests_run_in_the_project_root(request, monkeypatch):
    if isinstance(request.node, DoctestItem):
        monkeypatch.chdir(ROOT)
    yield
