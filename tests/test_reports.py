"""Tests for corpus_tools.reports on throwaway notebooks built in tmp_path.

Kernel start-ups dominate the run time, so the executions are shared: one report run (two
notebooks) for the module, one notebook re-executed twice in place, one failing notebook.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from .conftest import file_digests

from corpus_tools import reports, store
from corpus_tools.reports import (
    NotebookExecutionError,
    _check_parameters,
    find_notebooks,
    _read_timings,
    _slowest_first,
    main,
    notebook_summary,
    output_digests,
    run_notebooks,
)

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def _write_notebook(path, cells, **metadata):
    nb = new_notebook(cells=cells, metadata={"kernelspec": KERNELSPEC, **metadata})
    nbformat.write(nb, path)
    return path


def _frequencies_notebook(path):
    return _write_notebook(
        path,
        [
            new_markdown_cell("# Частоты лемм\n\nКакие слова <чаще> всего & почему.\n\n## Данные"),
            new_code_cell(
                'corpus = "default"\nexpected_prefix = None', metadata={"tags": ["parameters"]}
            ),
            # the kernel must be this interpreter: the report run passes its sys.prefix
            new_code_cell("import sys\nassert expected_prefix in (None, sys.prefix)"),
            new_code_cell('# NBVAL_IGNORE_OUTPUT\nprint("corpus:", corpus)'),
            new_code_cell(
                'hidden_source_marker = 1\nprint("visible output")',
                metadata={"tags": ["remove-input"]},
            ),
            # tqdm.auto: a widget with ipywidgets installed, else a text bar and a TqdmWarning
            new_code_cell(
                "from corpus_tools import parallel\n"
                'with parallel.progress_bar(2, progress=True, desc="tokenize") as bar:\n'
                "    bar.update(2)\n"
                "from tqdm.notebook import tqdm as widget_bar\n"
                'print("widget:", isinstance(bar, widget_bar))'
            ),
        ],
    )


def _keyness_notebook(path):
    return _write_notebook(
        path,
        [
            new_markdown_cell("# Keyness\n\nThis line is not the summary."),
            new_code_cell('corpus = "default"', metadata={"tags": ["parameters"]}),
            new_code_cell("print(len(corpus))"),
        ],
        summary="Ключевые слова: сводка из метаданных",
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Run both notebooks on a corpus given relative to the current directory."""
    root = tmp_path_factory.mktemp("report")
    notebooks = root / "notebooks"
    notebooks.mkdir()
    _frequencies_notebook(notebooks / "01_frequencies.ipynb")
    _keyness_notebook(notebooks / "02_keyness.ipynb")
    (notebooks / "scratch.ipynb").write_text("not a notebook, and not numbered")
    (root / "corpus").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        table = run_notebooks(
            "notebooks",
            corpus="corpus",
            out="out",
            parameters={"expected_prefix": sys.prefix},
        )
    return root, table


def test_report_table_lists_each_notebook(report):
    root, table = report
    assert table.columns.tolist() == ["notebook", "title", "summary", "html"]
    assert table["notebook"].tolist() == ["01_frequencies.ipynb", "02_keyness.ipynb"]
    assert table["title"].tolist() == ["Частоты лемм", "Keyness"]
    assert table["summary"].tolist() == [
        "Какие слова <чаще> всего & почему.",
        "Ключевые слова: сводка из метаданных",
    ]
    assert table["html"].tolist() == [
        str(root / "out" / "01_frequencies.html"),
        str(root / "out" / "02_keyness.html"),
    ]


def test_report_writes_html_per_notebook(report):
    root, _ = report
    page = (root / "out" / "01_frequencies.html").read_text(encoding="utf-8")
    assert "<title>Частоты лемм</title>" in page
    assert "visible output" in page
    # the remove-input cell shows its output only
    assert "hidden_source_marker" not in page
    assert (root / "out" / "02_keyness.html").is_file()


def test_reports_load_nothing_from_the_network(report):
    root, _ = report
    for name in ("01_frequencies.html", "02_keyness.html", "index.html"):
        page = (root / "out" / name).read_text(encoding="utf-8")
        # no require.js, MathJax, Mermaid or widget scripts from cdnjs (or any other source)
        assert re.findall(r"<script[^>]*\bsrc=", page) == [], name
        assert re.findall(r"""(?:src|href)=["']?(?:https?:)?//""", page) == [], name
        assert "cdnjs" not in page and "import(" not in page, name


def test_manifest_lists_each_notebooks_outputs(report):
    root, _ = report
    manifest = json.loads((root / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["corpus"] == str(root / "corpus")
    assert manifest["versions"]["pandas"] == pd.__version__
    assert [entry["notebook"] for entry in manifest["notebooks"]] == [
        "01_frequencies.ipynb",
        "02_keyness.ipynb",
    ]
    executed = nbformat.read(root / "out" / "executed" / "02_keyness.ipynb", as_version=4)
    assert manifest["notebooks"][1]["outputs"] == output_digests(executed)
    # the parameters given, and those each notebook declares and got
    corpus = str(root / "corpus")
    assert manifest["parameters"] == {"corpus": corpus, "expected_prefix": sys.prefix}
    assert manifest["notebooks"][0]["parameters"] == manifest["parameters"]
    assert manifest["notebooks"][1]["parameters"] == {"corpus": corpus}
    assert "expected_prefix" not in executed.cells[2].source
    inputs = manifest["inputs"]
    assert (inputs["corpus"], inputs["metadata"]) == (corpus, None)
    assert re.fullmatch("[0-9a-f]{32}", inputs["digest"])
    # cells count in the executed notebook, after the parameters papermill injects
    assert [(o["cell"], o["kind"]) for o in manifest["notebooks"][1]["outputs"]] == [(3, "text")]


def test_index_links_reports_with_escaped_titles_and_summaries(report):
    root, _ = report
    index = (root / "out" / "index.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in index
    assert '<a href="01_frequencies.html">Частоты лемм</a>' in index
    assert '<a href="02_keyness.html">Keyness</a>' in index
    assert "Какие слова &lt;чаще&gt; всего &amp; почему." in index
    assert "Ключевые слова: сводка из метаданных" in index
    assert "This line is not the summary" not in index
    assert str(root / "corpus") in index
    assert f"<p>Parameters: <code>expected_prefix = &#x27;{sys.prefix}&#x27;</code></p>" in index
    assert index.index("01_frequencies.html") < index.index("02_keyness.html")


def test_corpus_arrives_as_an_absolute_path(report):
    root, _ = report
    executed = nbformat.read(root / "out" / "executed" / "01_frequencies.ipynb", as_version=4)
    printed = "".join(
        output.get("text", "") for cell in executed.cells for output in cell.get("outputs", [])
    )
    assert f"corpus: {root / 'corpus'}\n" in printed
    assert not (root / "notebooks" / "executed").exists()


def test_executed_notebooks_carry_no_timings(report):
    root, _ = report
    text = (root / "out" / "executed" / "02_keyness.ipynb").read_text(encoding="utf-8")
    assert "start_time" not in text
    assert "iopub.execute_input" not in text
    executed = nbformat.reads(text, as_version=4)
    # papermill's random id for the cell it injects would differ between runs
    assert executed.cells[2].id == "injected-parameters"
    assert 'id="cell-id=injected-parameters"' in (root / "out" / "02_keyness.html").read_text(
        encoding="utf-8"
    )


def test_progress_bars_are_widgets_and_leave_no_trace_in_reports(report):
    root, _ = report
    executed = nbformat.read(root / "out" / "executed" / "01_frequencies.ipynb", as_version=4)
    outputs = executed.cells[-1].outputs
    # the bar was tqdm.notebook's widget (no stderr text bar, no TqdmWarning) and was dropped
    assert [(o.output_type, o.get("name"), o.get("text")) for o in outputs] == [
        ("stream", "stdout", "widget: True\n")
    ]
    assert "widgets" not in executed.metadata
    page = (root / "out" / "01_frequencies.html").read_text(encoding="utf-8")
    for trace in ("TqdmWarning", "IProgress", "widget-view+json", "widget-state+json"):
        assert trace not in page


def test_in_place_keeps_tags_and_drops_volatile_metadata(tmp_path, capsys):
    (tmp_path / "notebooks").mkdir()
    notebook = _frequencies_notebook(tmp_path / "notebooks" / "01_frequencies.ipynb")
    shutil.copy(notebook, tmp_path / "original.ipynb")
    out = tmp_path / "out"

    status = main(["--notebooks", str(notebook.parent), "--out", str(out), "--in-place"])
    first = notebook.read_bytes()
    table = run_notebooks(notebook.parent, out=out, in_place=True)
    second = notebook.read_bytes()

    assert status == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("01_frequencies.ipynb ... ok in ")
    assert table["html"].tolist() == [None]
    assert first == second
    text = first.decode("utf-8")
    assert str(tmp_path) not in text
    for volatile in ("papermill", "start_time", "duration", "iopub", "injected-parameters"):
        assert volatile not in text
    executed = nbformat.reads(text, as_version=4)
    original = nbformat.read(tmp_path / "original.ipynb", as_version=4)
    for field in ("id", "source", "metadata"):
        assert [c[field] for c in executed.cells] == [c[field] for c in original.cells]
    assert executed.cells[1].metadata.tags == ["parameters"]
    assert executed.cells[3].source.startswith("# NBVAL_IGNORE_OUTPUT")
    assert executed.cells[3].outputs[0].text == "corpus: default\n"


def test_failing_notebook_stops_the_run_and_is_named(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _write_notebook(
        notebooks / "01_broken.ipynb",
        [new_markdown_cell("# Сломано"), new_code_cell('raise ValueError("нет такого файла")')],
    )
    _keyness_notebook(notebooks / "02_keyness.ipynb")
    out = tmp_path / "out"
    with pytest.raises(NotebookExecutionError, match="01_broken.ipynb") as caught:
        # one at a time: 02 would otherwise start together with 01
        run_notebooks(notebooks, out=out, jobs=1)
    assert "ValueError: нет такого файла" in str(caught.value)
    assert (out / "executed" / "01_broken.ipynb").is_file()
    assert not (out / "executed" / "02_keyness.ipynb").exists()
    assert not (out / "index.html").exists()


def test_notebooks_run_together_keep_their_order_and_stop_at_a_failure(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _write_notebook(notebooks / "01_broken.ipynb", [new_code_cell('raise ValueError("сломано")')])
    # still running when 01 fails, so 03 is never started
    _write_notebook(notebooks / "02_slow.ipynb", [new_code_cell("import time\ntime.sleep(4)")])
    _keyness_notebook(notebooks / "03_keyness.ipynb")
    _keyness_notebook(notebooks / "04_keyness.ipynb")
    out = tmp_path / "out"
    with pytest.raises(NotebookExecutionError, match="01_broken.ipynb"):
        run_notebooks(notebooks, out=out, jobs=2, verbose=True)
    assert (out / "executed" / "02_slow.ipynb").is_file()
    assert not (out / "executed" / "03_keyness.ipynb").exists()
    assert not (out / "manifest.json").exists()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("01_broken.ipynb ... FAILED after ")
    assert lines[1].startswith("02_slow.ipynb ... ok in ")

    (notebooks / "01_broken.ipynb").unlink()
    _write_notebook(notebooks / "05_cwd.ipynb", [new_code_cell("import os\nprint(os.getcwd())")])
    here = os.getcwd()
    table = run_notebooks(notebooks, out=out, jobs=3)
    names = ["02_slow.ipynb", "03_keyness.ipynb", "04_keyness.ipynb", "05_cwd.ipynb"]
    assert table["notebook"].tolist() == names
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["notebook"] for entry in manifest["notebooks"]] == names
    assert manifest["notebooks"][1]["outputs"] == manifest["notebooks"][2]["outputs"] != []
    # each kernel starts in the notebook folder, and this process stays where it was
    executed = nbformat.read(out / "executed" / "05_cwd.ipynb", as_version=4)
    assert executed.cells[-1].outputs[0].text == f"{notebooks}\n"
    assert os.getcwd() == here


def test_run_records_seconds_per_notebook_for_the_next_run(report):
    root, _ = report
    timings = json.loads((root / "out" / "executed" / "timings.json").read_text(encoding="utf-8"))
    assert sorted(timings) == ["01_frequencies.ipynb", "02_keyness.ipynb"]
    assert all(isinstance(seconds, float) and seconds > 0 for seconds in timings.values())


def test_slowest_notebooks_of_the_previous_run_start_first(tmp_path):
    paths = [tmp_path / f"{n:02d}_x.ipynb" for n in range(4)]
    seconds = {"00_x.ipynb": 5.0, "01_x.ipynb": 20.0, "03_x.ipynb": 9.5}
    # a notebook without a previous time (02) starts first; ties keep the notebook order
    assert [p.name[:2] for p in _slowest_first(paths, seconds)] == ["02", "01", "03", "00"]
    assert _slowest_first(paths, {}) == paths
    for text in ("not json", '["a list"]', '{"00_x.ipynb": "fast", "01_x.ipynb": true, "03_x.ipynb": 2}'):
        (tmp_path / "timings.json").write_text(text, encoding="utf-8")
        assert _read_timings(tmp_path / "timings.json") in ({}, {"03_x.ipynb": 2.0})
    assert _read_timings(tmp_path / "missing.json") == {}


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True])
def test_bad_jobs_raise_before_running(tmp_path, jobs):
    _keyness_notebook(tmp_path / "01_keyness.ipynb")
    with pytest.raises(ValueError, match=f"jobs = {jobs!r} is invalid"):
        run_notebooks(tmp_path, out=tmp_path / "out", jobs=jobs)
    assert not (tmp_path / "out").exists()


def test_missing_corpus_raises_before_running(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _keyness_notebook(notebooks / "01_keyness.ipynb")
    missing = tmp_path / "no_such_corpus"
    with pytest.raises(FileNotFoundError, match=str(missing)):
        run_notebooks(notebooks, corpus=missing, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_main_reports_a_missing_corpus(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _keyness_notebook(notebooks / "01_keyness.ipynb")
    missing = tmp_path / "no_such_corpus"
    status = main(["--notebooks", str(notebooks), "--corpus", str(missing)])
    assert status == 1
    assert str(missing) in capsys.readouterr().err


def test_folder_without_numbered_notebooks_raises(tmp_path):
    (tmp_path / "1_intro.ipynb").write_text("{}")
    (tmp_path / "intro.ipynb").write_text("{}")
    with pytest.raises(FileNotFoundError, match=str(tmp_path)):
        run_notebooks(tmp_path, out=tmp_path / "out")


def test_in_place_refuses_a_corpus(tmp_path):
    _keyness_notebook(tmp_path / "01_keyness.ipynb")
    with pytest.raises(ValueError, match="in_place"):
        run_notebooks(tmp_path, corpus=tmp_path, out=tmp_path / "out", in_place=True)


@pytest.mark.parametrize(
    ("source", "metadata", "expected"),
    [
        ("# Заголовок\n\nПервая строка.\nВторая строка.", {}, ("Заголовок", "Первая строка.")),
        ("Вступление.\n\n# Заголовок", {}, ("Заголовок", "Вступление.")),
        ("## Раздел\n\nТекст.", {}, ("", "Текст.")),
        ("# Заголовок\n\nТекст.", {"summary": "Из метаданных"}, ("Заголовок", "Из метаданных")),
        (None, {}, ("", "")),
    ],
)
def test_notebook_summary(source, metadata, expected):
    cells = [new_code_cell("x = 1")]
    if source is not None:
        cells.append(new_markdown_cell(source))
        cells.append(new_markdown_cell("# Не первая ячейка"))
    nb = new_notebook(cells=cells, metadata=metadata)
    assert notebook_summary(nb) == expected


PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n not a real image").decode()


def _shown(table="<table><td>Токаев</td></table>", text="Токаев\n", png=PNG, count=1, **meta):
    return new_notebook(
        cells=[
            new_markdown_cell("# Таблица"),
            new_code_cell(
                "show()",
                execution_count=count,
                metadata=meta,
                outputs=[
                    new_output("stream", text=text),
                    new_output(
                        "execute_result",
                        data={"text/html": table, "text/plain": "   term"},
                        execution_count=count,
                    ),
                    new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
                    new_output("execute_result", data={"text/plain": "42"}, execution_count=count),
                    new_output("error", ename="KeyError", evalue="'путин'", traceback=["..."]),
                ],
            ),
        ]
    )


def test_output_digests_name_each_output_by_cell_and_kind():
    digests = output_digests(_shown())
    assert [(d["cell"], d["kind"]) for d in digests] == [
        (1, "text"),
        (1, "table"),
        (1, "figure"),
        (1, "text"),
        (1, "error"),
    ]
    assert all(re.fullmatch("[0-9a-f]{64}", d["sha256"]) for d in digests)


def test_output_digests_ignore_counts_and_metadata_but_not_content():
    digests = output_digests(_shown())
    assert output_digests(_shown(count=7, execution={"iopub.status.idle": "2025"})) == digests
    for changed, position in [
        (_shown(table="<table><td>Путин</td></table>"), 1),
        (_shown(text="Путин\n"), 0),
        (_shown(png=base64.b64encode(b"another picture").decode()), 2),
    ]:
        differs = [a != b for a, b in zip(digests, output_digests(changed))]
        assert differs == [i == position for i in range(5)]


def test_default_folder_falls_back_to_the_packaged_series(tmp_path, monkeypatch, root):
    monkeypatch.chdir(tmp_path)
    # outside a clone: the checkout next to the package (here, an editable install) comes first
    assert find_notebooks() == find_notebooks(root / "notebooks")
    installed = tmp_path / "prefix" / "share" / "corpus_tools" / "notebooks"
    installed.mkdir(parents=True)
    _keyness_notebook(installed / "01_keyness.ipynb")
    monkeypatch.setattr(reports, "_PACKAGED_NOTEBOOKS", (tmp_path / "no_clone", installed))
    assert find_notebooks() == [installed / "01_keyness.ipynb"]
    with pytest.raises(ValueError, match="no ./notebooks here"):
        run_notebooks(out=tmp_path / "out", in_place=True)
    # a folder named by the user never falls back
    with pytest.raises(FileNotFoundError, match="notebook folder elsewhere does not exist"):
        find_notebooks("elsewhere")
    monkeypatch.setattr(reports, "_PACKAGED_NOTEBOOKS", (tmp_path / "no_clone",))
    with pytest.raises(FileNotFoundError, match="no packaged notebooks.*--notebooks"):
        find_notebooks()


def _install_data_files(root, prefix):
    """Copy the files pyproject's data-files name to ``prefix``, as installing a wheel does
    (setuptools' own expansion of the globs, each file flat into its target folder)."""
    import tomllib

    from setuptools.config.expand import canonic_data_files

    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    for target, files in canonic_data_files(config["tool"]["setuptools"]["data-files"], str(root)):
        (prefix / target).mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copy(root / name, prefix / target / Path(name).name)
    return prefix / "share" / "corpus_tools"


def test_data_files_carry_the_series_with_its_defaults(root, tmp_path):
    share = _install_data_files(root, tmp_path)
    assert sorted(p.name for p in (share / "notebooks").iterdir()) == [
        p.name for p in find_notebooks(root / "notebooks")
    ]
    assert sorted(p.name for p in (share / "seeds").iterdir()) == sorted(
        p.name for p in (root / "seeds").glob("*.txt")
    )
    tracked = {p.name for p in (root / "data").iterdir() if p.is_file() and p.name != "README.md"}
    assert {p.name for p in (share / "data").iterdir()} == tracked
    # every notebook's default corpus and sidecar exist relative to the installed notebooks
    for notebook in find_notebooks(share / "notebooks"):
        defaults = reports.notebook_parameters(notebook)
        assert (share / "notebooks" / defaults["corpus"]).resolve().is_dir(), notebook.name
        assert (share / "notebooks" / defaults["metadata"]).resolve().is_file(), notebook.name


DECLARED = {
    "01_a.ipynb": {"corpus": "../seeds", "top_n": 15, "alpha": 0.05, "actors": ["путин"], "mwe": {}, "flag": True},
    "02_b.ipynb": {"corpus": "../seeds", "top_n": 10, "export_dir": None, "built": ...},
}


@pytest.mark.parametrize(
    "parameters",
    [
        {"top_n": 5, "alpha": 1},  # an int is fine for a float
        {"actors": ["трамп", "песков"], "mwe": {"Белый дом": ["Белый дом"]}, "flag": False},
        {"export_dir": "out/net", "built": [1, 2]},  # None and non-literal defaults take anything
        {"corpus": "texts/"},
    ],
)
def test_parameters_that_fit_their_defaults_pass(parameters, tmp_path):
    assert _check_parameters(dict(parameters), DECLARED, folder=tmp_path) == parameters


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"topn": 5}, "unknown parameter 'topn': no notebook in {folder} has it in its parameters cell; did you mean 'top_n'?"),
        ({"zzz": 1}, "unknown parameter 'zzz': .* \\(parameters: actors, alpha, built, corpus, export_dir, flag, mwe, top_n\\)"),
        ({"top_n": "5"}, "parameter 'top_n' = '5' is str, but 01_a.ipynb sets top_n = 15, int; give int"),
        ({"top_n": 5.5}, "parameter 'top_n' = 5.5 is float, but 01_a.ipynb sets top_n = 15, int"),
        ({"top_n": True}, "parameter 'top_n' = True is bool, but 01_a.ipynb"),
        ({"alpha": "0.1"}, "parameter 'alpha' = '0.1' is str, but 01_a.ipynb sets alpha = 0.05, float"),
        ({"flag": 1}, "parameter 'flag' = 1 is int, but 01_a.ipynb sets flag = True, bool"),
        ({"actors": "путин"}, "parameter 'actors' = 'путин' is str, but 01_a.ipynb sets actors = \\['путин'\\], a list"),
        ({"mwe": ["Белый дом"]}, "parameter 'mwe' .* is a list, but 01_a.ipynb sets mwe = \\{\\}, dict"),
        ({"corpus": 5}, "parameter 'corpus' = 5 is int; give a path"),
    ],
)
def test_unknown_or_mistyped_parameters_are_named(parameters, message, tmp_path):
    with pytest.raises(ValueError, match=message.replace("{folder}", re.escape(str(tmp_path)))):
        _check_parameters(parameters, DECLARED, folder=tmp_path)


def test_string_default_hints_at_yaml_quoting(tmp_path):
    with pytest.raises(ValueError, match="quote it for a string: --param measure='\"2024\"'"):
        _check_parameters({"measure": 2024}, {"01_a.ipynb": {"measure": "log_dice"}}, folder=tmp_path)


def test_a_refused_parameter_starts_no_kernel(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _keyness_notebook(notebooks / "01_keyness.ipynb")
    with pytest.raises(ValueError, match="unknown parameter 'window'"):
        run_notebooks(notebooks, out=tmp_path / "out", parameters={"window": 3})
    with pytest.raises(ValueError, match="unknown parameter 'metadata'"):
        run_notebooks(notebooks, out=tmp_path / "out", metadata=tmp_path / "m.csv")
    with pytest.raises(ValueError, match="corpus is given twice"):
        run_notebooks(notebooks, corpus=tmp_path, out=tmp_path / "out", parameters={"corpus": "x"})
    assert not (tmp_path / "out").exists()


def test_notebook_parameters_reads_literals_without_running(tmp_path):
    path = _write_notebook(
        tmp_path / "01_x.ipynb",
        [
            new_code_cell("import os", metadata={"tags": ["other"]}),
            new_code_cell(
                '# Parameters\ncorpus = "../seeds"  # a comment\ntop_n: int = 5\nhome = os.getcwd()\na = b = 0.5',
                metadata={"tags": ["parameters"]},
            ),
            new_code_cell("top_n = 99", metadata={"tags": ["parameters"]}),
        ],
    )
    assert reports.notebook_parameters(path) == {"corpus": "../seeds", "top_n": 5, "home": ..., "a": 0.5, "b": 0.5}
    assert reports.notebook_parameters(_write_notebook(tmp_path / "02_y.ipynb", [new_code_cell("x = 1")])) == {}
    broken = _write_notebook(tmp_path / "03_z.ipynb", [new_code_cell("top_n = ", metadata={"tags": ["parameters"]})])
    with pytest.raises(ValueError, match="the parameters cell of .*03_z.ipynb is not valid Python"):
        reports.notebook_parameters(broken)


@pytest.fixture(scope="module")
def installed_run(root, tmp_path_factory):
    """The series installed from pyproject's data-files, run from a folder outside any clone
    with window = 3; the namespace holds the error if a notebook failed."""
    from types import SimpleNamespace

    base = tmp_path_factory.mktemp("outside_a_clone")
    share = _install_data_files(root, base / "prefix")
    before = file_digests(share)
    error = None
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reports, "_PACKAGED_NOTEBOOKS", (base / "no_clone", share / "notebooks"))
        patch.chdir(base)
        try:
            run_notebooks(out="out", parameters={"window": 3})
        except NotebookExecutionError as err:
            error = err
    return SimpleNamespace(out=base / "out", share=share, before=before, after=file_digests(share), error=error)


def _injected(executed) -> list[str]:
    return [c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]


def test_installed_series_runs_with_a_parameter_where_it_is_declared(installed_run):
    out = installed_run.out
    overview = nbformat.read(out / "executed" / "00_corpus_overview.ipynb", as_version=4)
    # 00 has no window parameter: nothing is injected, and it ran to its end
    assert _injected(overview) == []
    assert not [o for c in overview.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert (out / "00_corpus_overview.html").is_file()
    cooccurrence = nbformat.read(out / "executed" / "02_cooccurrence.ipynb", as_version=4)
    assert _injected(cooccurrence) == ["# Parameters\nwindow = 3\n"]
    # the packaged notebooks ran on the packaged seeds and sidecar: 5 documents, 3 named outlets
    printed = "".join(o.get("text", "") for c in overview.cells for o in c.get("outputs", []))
    assert "5 documents, 5 sources" in printed
    assert installed_run.after == installed_run.before, "the run wrote into the installed series"


def test_installed_series_passes_its_findings_with_window_3(installed_run):
    assert installed_run.error is None, str(installed_run.error)
    manifest = json.loads((installed_run.out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"] == {"window": 3}


@pytest.fixture(scope="module")
def news(shared, tmp_path_factory):
    """Real texts laid out as in issue 16: ``news/raw/<platform>/<outlet>/...``, and the sidecar
    ``news/metadata.csv`` one level above the corpus folder ``news/raw``."""
    sample = shared("data/corpora/ru_news_mix/sample")
    table = pd.read_csv(sample / "metadata.csv")
    picked = table.sort_values("file").groupby("source", sort=True).head(2).head(30)
    root = tmp_path_factory.mktemp("news") / "news"
    for file in picked.file:
        (root / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(sample / file, root / file)
    picked.to_csv(root / "metadata.csv", index=False)
    return root


@pytest.fixture(scope="module")
def loader_notebooks(tmp_path_factory):
    """One notebook that reads its corpus the way the series does."""
    folder = tmp_path_factory.mktemp("loader") / "notebooks"
    folder.mkdir()
    _write_notebook(
        folder / "01_outlets.ipynb",
        [
            new_markdown_cell("# Издания"),
            new_code_cell('corpus = "../seeds"\nmetadata = None', metadata={"tags": ["parameters"]}),
            new_code_cell(
                "import corpus_tools as ct\n"
                "docs, tokens = ct.load(corpus, metadata=metadata)\n"
                'print("metadata:", metadata)\n'
                'print("outlets:", docs.source.nunique())'
            ),
        ],
    )
    return folder


def _printed(path):
    executed = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))


def test_most_documents_without_an_outlet_warn_in_the_log_and_the_index(news, loader_notebooks, tmp_path, caplog):
    import corpus_tools as ct

    sources = ct.read_corpus(news / "raw").source
    unknown = int(sources.str.startswith("unknown:").sum())
    assert unknown * 2 > 30, "the case needs texts whose outlet is not in the text"
    out = tmp_path / "out"
    with caplog.at_level("WARNING", logger="corpus_tools.reports"):
        run_notebooks(loader_notebooks, corpus=news / "raw", out=out)
    warned = [r.getMessage() for r in caplog.records if r.name == "corpus_tools.reports"]
    assert len(warned) == 1
    assert warned[0].startswith(f"{unknown} of 30 documents have no outlet (source unknown:<doc_id>)")
    assert f"there is {news / 'metadata.csv'} near the corpus" in warned[0]
    assert "--metadata FILE (make report METADATA=FILE)" in warned[0]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'<p class="warning"><strong>Warning:</strong> {unknown} of 30 documents have no outlet' in index
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"]["outlets"] == {"documents": 30, "without_outlet": unknown}
    assert manifest["inputs"]["metadata"] is None
    assert f"outlets: {sources.nunique()}\n" in _printed(out / "executed" / "01_outlets.ipynb")


def test_metadata_names_the_sidecar_and_silences_the_warning(news, loader_notebooks, tmp_path, caplog, capsys):
    out = tmp_path / "out"
    outlets = pd.read_csv(news / "metadata.csv").source.nunique()
    with caplog.at_level("WARNING", logger="corpus_tools.reports"):
        status = main(
            ["--notebooks", str(loader_notebooks), "--corpus", str(news / "raw"),
             "--metadata", str(news / "metadata.csv"), "--out", str(out)]
        )  # fmt: skip
    assert status == 0
    assert [r for r in caplog.records if r.name == "corpus_tools.reports"] == []
    lines = capsys.readouterr().out.splitlines()
    # the corpus is read once before the notebooks, which then find it in the cache
    assert lines[0] == f"reading {news / 'raw'} (cached for the notebooks) ... 30 documents, 0 without an outlet"
    printed = _printed(out / "executed" / "01_outlets.ipynb")
    assert f"metadata: {news / 'metadata.csv'}\n" in printed and f"outlets: {outlets}\n" in printed
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["metadata"] == str(news / "metadata.csv")
    inputs = manifest["inputs"]
    assert (inputs["corpus"], inputs["metadata"]) == (str(news / "raw"), str(news / "metadata.csv"))
    assert inputs["outlets"] == {"documents": 30, "without_outlet": 0}
    # the store the notebook's ct.load read recorded the same digest of the same files
    stores = [json.loads(path.read_text(encoding="utf-8")) for path in store.cache_dir().glob("*/manifest.json")]
    recorded = {m["input_digest"] for m in stores if m["metadata"] == str(news / "metadata.csv")}
    assert recorded == {inputs["digest"]}
    assert "Warning" not in (out / "index.html").read_text(encoding="utf-8")


def test_missing_metadata_file_is_named_before_running(loader_notebooks, tmp_path):
    missing = tmp_path / "metadata.csv"
    with pytest.raises(FileNotFoundError, match=f"metadata sidecar {re.escape(str(missing))} does not exist"):
        run_notebooks(loader_notebooks, corpus=tmp_path, metadata=missing, out=tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("without", "documents", "warned"),
    [(0, 10, False), (5, 10, False), (6, 10, True), (1, 1, True), (0, 0, False)],
)
def test_the_outlet_warning_starts_past_half_of_the_documents(tmp_path, without, documents, warned):
    outlets = {"documents": documents, "without_outlet": without}
    assert (reports._outlet_warning(outlets, tmp_path, None) is not None) == warned
    assert reports._outlet_warning(None, tmp_path, None) is None
