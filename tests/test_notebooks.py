"""Notebook checks beyond nbval: structure of every notebook, and runs on a real corpus."""

import json

import nbformat
import pytest

from corpus_tools.reports import find_notebooks, run_notebooks

from .conftest import ROOT

NOTEBOOKS = find_notebooks(ROOT / "notebooks")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_skeleton(path):
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    parameters = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1, "exactly one papermill parameters cell"
    assert 'corpus = "../seeds"' in parameters[0].source
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        assert not any(line.lstrip().startswith(("def ", "class ")) for line in cell.source.splitlines()), "move definitions into corpus_tools"
        assert cell.execution_count is not None, "outputs are committed: run `make notebooks`"
        assert all(o.output_type != "error" for o in cell.outputs)
    assert nb.cells[-2].source.startswith("## Findings") or nb.cells[-1].source.startswith("## Findings")
    text = json.dumps(nb)
    assert str(ROOT) not in text, "no absolute paths in committed notebooks"


def test_notebooks_run_on_the_real_sample_corpus(sample_report):
    # the series ran once for the session (tests/conftest.py), shared with the read-only check
    tmp_path, table = sample_report.out, sample_report.table
    assert table.notebook.tolist() == [p.name for p in NOTEBOOKS]
    overview = nbformat.read(tmp_path / "executed" / "00_corpus_overview.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in overview.cells if c.cell_type == "code" for o in c.outputs)
    assert "2000 documents, 30 sources" in printed
    frequencies = nbformat.read(tmp_path / "executed" / "01_term_frequency.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in frequencies.cells if c.cell_type == "code" for o in c.outputs)
    # on real data every outlet has key terms, unlike the five seeds
    assert "sources with at least one key term: 30 of 30" in printed
    framing = nbformat.read(tmp_path / "executed" / "03_framing_by_source.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in framing.cells if c.cell_type == "code" for o in c.outputs)
    assert "2000 documents, 30 sources" in printed and "shared passages between" in printed
    assert (tmp_path / "index.html").read_text(encoding="utf-8").count("<a href=") == len(NOTEBOOKS)
    for html in table.html:
        assert "Traceback" not in open(html, encoding="utf-8").read()
