"""The corpus-tools command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib

import pytest

import corpus_tools
from corpus_tools import cli, store


def test_help_of_every_command(capsys):
    for argv in (["--help"], ["ingest", "--help"], ["report", "--help"], ["kernel", "--help"]):
        with pytest.raises(SystemExit) as exit_:
            cli.main(argv)
        assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "ingest" in text and "--batch-size" in text and "--corpus" in text


def test_ingest_writes_a_store_and_reports_counts(root, tmp_path, capsys):
    assert cli.main(["ingest", str(root / "seeds"), str(tmp_path / "s"), "--batch-size", "2", "--no-progress"]) == 0
    out = capsys.readouterr().out
    manifest = json.loads((tmp_path / "s" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == 5 and len(manifest["partitions"]) == 3
    assert f"ingested 5 documents, {manifest['tokens']:,} tokens in 3 partitions" in out
    assert len(store.read_tokens(tmp_path / "s")) == manifest["tokens"]


@pytest.fixture
def report_calls(monkeypatch):
    """The keyword arguments of every run_notebooks call the command makes (nothing executes)."""
    from corpus_tools import reports

    calls = []
    monkeypatch.setattr(reports, "run_notebooks", lambda folder, **options: calls.append({"folder": folder, **options}))
    return calls


def test_report_forwards_jobs_and_refuses_a_bad_value(report_calls, tmp_path, capsys):
    assert cli.main(["report", "--out", str(tmp_path), "--jobs", "1"]) == 0
    assert report_calls[-1]["jobs"] == 1 and report_calls[-1]["out"] == str(tmp_path)
    assert cli.main(["report", "--out", str(tmp_path)]) == 0
    assert report_calls[-1]["jobs"] is None and report_calls[-1]["folder"] == "notebooks"
    with pytest.raises(SystemExit):
        cli.main(["report", "--out", str(tmp_path), "--jobs", "0"])
    assert "--jobs" in capsys.readouterr().err
    assert len(report_calls) == 2


def test_report_passes_metadata_and_parameters_from_the_command_line_and_a_file(report_calls, tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text("window: 3\ntop_n: 7\nmeasure: pmi\n", encoding="utf-8")
    argv = ["report", "--corpus", "news/raw", "--metadata", "news/metadata.csv", "--params", str(params)]
    argv += ["-p", "top_n=5", "--param", "nodes=[путин, трамп]", "--param", "alpha=0.1", "--param", "export_dir="]
    assert cli.main(argv) == 0
    call = report_calls[-1]
    assert (call["corpus"], call["metadata"]) == ("news/raw", "news/metadata.csv")
    # YAML values; a --param wins over the file
    assert call["parameters"] == {
        "window": 3, "top_n": 5, "measure": "pmi", "nodes": ["путин", "трамп"], "alpha": 0.1, "export_dir": None,
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("top_n", "'top_n' is not NAME=VALUE"),
        ("=5", "'=5' is not NAME=VALUE"),
        ("top n=5", "'top n=5' is not NAME=VALUE"),
        ("nodes=[путин, трамп", "nodes: '[путин, трамп' is not a YAML value"),
    ],
)
def test_report_refuses_a_malformed_param(report_calls, value, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["report", "--param", value])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert report_calls == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "parameters file {path}: No such file or directory"),
        ("- top_n\n- 5\n", "parameters file {path} must map parameter names to values"),
        ("top_n: [5\n", "parameters file {path} is not valid YAML"),
        ("5: top_n\n", "with keys ['5']"),
    ],
)
def test_report_refuses_a_bad_parameters_file(report_calls, tmp_path, text, message, capsys):
    path = tmp_path / "params.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    assert cli.main(["report", "--params", str(path)]) == 1
    assert message.format(path=path) in capsys.readouterr().err
    assert report_calls == []


def test_report_refuses_an_unknown_or_mistyped_parameter_before_any_kernel(root, tmp_path, capsys):
    notebooks = str(root / "notebooks")
    assert cli.main(["report", "--notebooks", notebooks, "--out", str(tmp_path / "a"), "-p", "top_nn=5"]) == 1
    err = capsys.readouterr().err
    assert "unknown parameter 'top_nn'" in err and "did you mean 'top_n'?" in err
    assert cli.main(["report", "--notebooks", notebooks, "--out", str(tmp_path / "b"), "-p", "window=wide"]) == 1
    err = capsys.readouterr().err
    assert "parameter 'window' = 'wide' is str, but 02_cooccurrence.ipynb sets window = 5, int; give int" in err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_ingest_of_a_missing_corpus_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["ingest", str(tmp_path / "nope"), str(tmp_path / "s")]) == 1
    assert "nope: no such file or folder" in capsys.readouterr().err


def test_console_script_is_installed(root):
    script = root / ".venv" / "bin" / "corpus-tools"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "corpus_tools.cli"]
    result = subprocess.run([*command, "ingest", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "Parquet partitions" in " ".join(result.stdout.split())


def test_version_is_the_packages(root, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    declared = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert capsys.readouterr().out == f"corpus-tools {declared}\n"
    assert corpus_tools.__version__ == declared


def test_kernel_runs_this_environments_python(tmp_path, capsys):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    assert cli.main(["kernel", "--prefix", str(tmp_path), "--name", "ct-test"]) == 0
    folder = tmp_path / "share" / "jupyter" / "kernels" / "ct-test"
    python = os.path.abspath(sys.executable)
    assert capsys.readouterr().out == f"kernel ct-test -> {folder} (python: {python})\n"
    spec = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    assert spec["argv"][0] == python and os.path.isabs(python)
    assert spec["display_name"] == f"Python (corpus_tools {corpus_tools.__version__})"
    # the kernel found there starts and imports corpus_tools from this environment
    manager = KernelManager(kernel_name="ct-test", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(folder.parent)]))
    assert manager.kernel_spec.argv[0] == python
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        printed = []
        client.execute_interactive(
            "import sys, corpus_tools; print(sys.prefix, corpus_tools.__version__)",
            output_hook=lambda msg: printed.append(msg["content"].get("text", "")),
            timeout=60,
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert "".join(printed) == f"{sys.prefix} {corpus_tools.__version__}\n"


def test_kernel_with_a_bad_name_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["kernel", "--prefix", str(tmp_path), "--name", "my kernel"]) == 1
    assert "kernel name 'my kernel' is invalid" in capsys.readouterr().err
    assert not (tmp_path / "share").exists()
