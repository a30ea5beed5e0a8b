"""Notebook checks beyond nbval: structure of every notebook, and runs on a real corpus."""

import json
import re

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


def printed_text(out, name):
    """Everything a notebook of an executed series printed or showed as text."""
    nb = nbformat.read(out / "executed" / name, as_version=4)
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", "") or output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def test_notebooks_take_their_focus_from_the_sample_corpus(sample_report):
    out = sample_report.out
    # neither the seeds' actors nor their nodes are required: the focus comes from the data
    cooccurrence = printed_text(out, "02_cooccurrence.ipynb")
    assert "chosen_as" in cooccurrence and "neighbours of" in cooccurrence
    framing = printed_text(out, "03_framing_by_source.ipynb")
    mentions = re.search(r"(\d+) mentions of (\d+) actors; main actors: (.+)", framing)
    assert mentions and int(mentions.group(1)) > 0 and "none" not in mentions.group(3)
    quotes = re.search(r"(\d+) quotations, (\d+) with a resolved speaker", framing)
    assert quotes and int(quotes.group(1)) > 0
    assert "sources have fewer than" in framing


def test_notebooks_run_on_the_kazakhstan_headlines(headlines_report):
    out, table = headlines_report.out, headlines_report.table
    assert table.notebook.tolist() == [p.name for p in NOTEBOOKS]
    overview = printed_text(out, "00_corpus_overview.ipynb")
    documents = re.search(r"(\d+) documents, (\d+) sources", overview)
    assert documents and int(documents.group(1)) > 300 and int(documents.group(2)) > 1
    frequencies = printed_text(out, "01_term_frequency.ipynb")
    assert re.search(r"sources with at least one key term: [1-9]\d* of", frequencies)
    cooccurrence = printed_text(out, "02_cooccurrence.ipynb")
    assert "neighbours of" in cooccurrence or "no ego network" in cooccurrence
    framing = printed_text(out, "03_framing_by_source.ipynb")
    assert re.search(r"[1-9]\d* mentions of [1-9]\d* actors", framing)
    for html in table.html:
        assert "Traceback" not in open(html, encoding="utf-8").read()


@pytest.mark.parametrize(
    ("name", "parameters", "shown"),
    [
        ("02_cooccurrence.ipynb", {"window": 3}, "neighbours of токаев"),
        ("01_term_frequency.ipynb", {"actors": ["казахстан"], "alpha": 0.01}, "word forms compared for: казахстан\n"),
    ],
)
def test_a_changed_parameter_on_the_seeds_never_fails_a_findings_check(tmp_path, name, parameters, shown):
    from corpus_tools.reports import _execute

    # the seeds' findings are checked only with the parameters they were written for
    nb = _execute(ROOT / "notebooks" / name, tmp_path / name, parameters=parameters, cwd=ROOT / "notebooks", timeout=600)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert all(o.output_type != "error" for o in outputs)
    assert shown in "".join(o.get("text", "") for o in outputs)
