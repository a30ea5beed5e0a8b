"""The raw corpus is read-only: the full notebook series leaves every input file as it was.

The series runs through the session fixtures ``seeds_report`` and ``sample_report`` (conftest),
which hash every input file (sha256) before and after the run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SEEDS, file_digests


@pytest.fixture(params=["seeds_report", "sample_report"])
def run(request):
    return request.getfixturevalue(request.param)


def test_series_changes_no_input_file(run):
    assert run.before, "no input files were hashed"
    changed = sorted(path for path in run.before if run.after.get(path) != run.before[path])
    assert changed == [], "the notebooks changed or removed input files"


def test_series_adds_no_file_to_the_corpus(run):
    # a cache or output written next to the texts would show up here
    added = sorted(set(run.after) - set(run.before))
    assert added == [], "the notebooks wrote into the input folders"


def test_inputs_cover_the_texts_and_their_metadata(seeds_report, sample_report):
    seeds = {str(p) for p in SEEDS.glob("*.txt")}
    assert len(seeds) == 5 and seeds <= set(seeds_report.before)
    assert str(SEEDS.parent / "data" / "seeds_metadata.csv") in seeds_report.before
    sample = Path(sample_report.inputs[0])
    assert str(sample / "metadata.csv") in sample_report.before
    assert sum(path.endswith(".txt") for path in sample_report.before) == 2000


def test_file_digests_notice_a_changed_byte(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    text = corpus / "raw" / "001.txt"
    text.write_text("Токаев прибыл в Москву.", encoding="utf-8")
    before = file_digests(corpus)
    text.write_text("Токаев прибыл в Москву!", encoding="utf-8")
    after = file_digests(corpus)
    assert list(before) == [str(text)] and before[str(text)] != after[str(text)]
    assert file_digests(Path(text)) == {str(text): after[str(text)]}
