"""Execute the numbered notebooks with papermill and render them as HTML reports.

Two uses, both behind ``python -m corpus_tools.reports`` (see the Makefile):

* ``--corpus DIR --out reports``: run every ``notebooks/NN_name.ipynb`` on ``DIR`` and write
  ``reports/executed/NN_name.ipynb``, ``reports/NN_name.html``, ``reports/index.html`` and
  ``reports/manifest.json`` (a sha256 of every table, text and figure the notebooks show);
* ``--in-place``: re-run the notebooks on their default corpus (the seeds) and write each back to
  its own path, without papermill's timestamps and absolute paths, ready to commit.

Outside a clone (no ``./notebooks``), the series installed with the package is used: a wheel puts
the notebooks, the seeds and ``data/`` under ``<prefix>/share/corpus_tools`` (pyproject's
data-files), in the same layout as the repository, so the notebooks' defaults (``../seeds``)
resolve there. :func:`install_kernel` registers the environment as a named Jupyter kernel.

The HTML reports are self-contained: figures are embedded as data URIs and no script is loaded
from a CDN (no require.js, MathJax, Mermaid or widget manager), so they open offline.
"""

from __future__ import annotations

import argparse
import ast
import base64
import functools
import hashlib
import html
import json
import logging
import os
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from corpus_tools import provenance
from corpus_tools.store import write_atomically

__all__ = [
    "NotebookExecutionError",
    "find_notebooks",
    "install_kernel",
    "main",
    "notebook_parameters",
    "notebook_summary",
    "output_digests",
    "read_parameters",
    "run_notebooks",
]

log = logging.getLogger(__name__)

_NOTEBOOK_NAME = re.compile(r"^\d{2}_.+\.ipynb$")
# what jupyter_client accepts as a kernel name
_KERNEL_NAME = re.compile(r"[a-z0-9._-]+", re.IGNORECASE)
# the folder name that falls back to the packaged series when it does not exist in the cwd
DEFAULT_NOTEBOOKS = "notebooks"
# the series next to this package (a clone, an editable install), then the copy a wheel installs
_PACKAGED_NOTEBOOKS = (
    Path(__file__).resolve().parent.parent / "notebooks",
    Path(sys.prefix) / "share" / "corpus_tools" / "notebooks",
)
# seconds per notebook of the last run, kept next to the executed notebooks
_TIMINGS = "timings.json"
# nbconvert drops the source of cells tagged like this (outputs stay) in the HTML reports
_HIDE_INPUT_TAGS = {"hide-input", "remove-input"}
_TIMING_KEYS = ("start_time", "end_time", "duration")
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# nbconvert's lab template without the blocks that load scripts from cdnjs: require.js (only for
# widgets and JavaScript outputs), MathJax (markdown math then shows as its TeX source), Mermaid and
# the widget manager; everything else, CSS included, is inlined already
_OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
# packages whose versions change the numbers, lemmas or pictures recorded in manifest.json
_OUTPUT_PACKAGES = (
    "corpus_tools",
    "pandas",
    "numpy",
    "scipy",
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "razdel",
    "networkx",
    "matplotlib",
    "wordcloud",
)


class NotebookExecutionError(RuntimeError):
    """A notebook raised an error while executing; the message names it and the failing cell."""


def find_notebooks(notebooks_dir: str | Path = DEFAULT_NOTEBOOKS) -> list[Path]:
    """Return the numbered notebooks (``NN_name.ipynb``) of a folder, sorted by name.

    Parameters
    ----------
    notebooks_dir : str or pathlib.Path, default "notebooks"
        Folder to look in (not recursively). The default name, when no such folder exists in the
        current directory, means the packaged series: the ``notebooks/`` next to this package
        (a clone or an editable install), else ``<sys.prefix>/share/corpus_tools/notebooks``
        (installed from a wheel).

    Returns
    -------
    list of pathlib.Path

    Raises
    ------
    FileNotFoundError
        If the folder does not exist (for the default name: nor any packaged one; the message
        lists the places searched) or holds no ``NN_name.ipynb`` file.

    Examples
    --------
    >>> [p.name for p in find_notebooks("notebooks")][:1]
    ['00_corpus_overview.ipynb']
    >>> find_notebooks("no/such/folder")
    Traceback (most recent call last):
    ...
    FileNotFoundError: notebook folder no/such/folder does not exist
    """
    folder = _notebook_folder(notebooks_dir)
    found = sorted(p for p in folder.iterdir() if p.is_file() and _NOTEBOOK_NAME.match(p.name))
    if not found:
        raise FileNotFoundError(
            f"no numbered notebooks (NN_name.ipynb, e.g. 01_frequencies.ipynb) in {folder}"
        )
    return found


def _notebook_folder(notebooks_dir: str | Path) -> Path:
    """``notebooks_dir``, or for a missing default ``notebooks`` the first packaged series."""
    folder = Path(notebooks_dir)
    if folder.is_dir():
        return folder
    if str(notebooks_dir) != DEFAULT_NOTEBOOKS:
        raise FileNotFoundError(f"notebook folder {folder} does not exist")
    for candidate in _PACKAGED_NOTEBOOKS:
        if candidate.is_dir():
            log.info("no ./%s here; using the packaged notebooks in %s", DEFAULT_NOTEBOOKS, candidate)
            return candidate
    searched = ", ".join(str(c) for c in (folder.resolve(), *_PACKAGED_NOTEBOOKS))
    raise FileNotFoundError(
        f"notebook folder {folder} does not exist and no packaged notebooks were found "
        f"(searched {searched}); pass the folder of NN_name.ipynb notebooks with --notebooks"
    )


def install_kernel(name: str = "corpus_tools", *, display_name: str | None = None, prefix=None) -> Path:
    """Register this interpreter as the Jupyter kernel ``name``; return the kernelspec folder.

    The kernelspec's ``argv`` starts with this environment's Python as an absolute path (the
    virtualenv's ``bin/python``, not the interpreter it links to), so any Jupyter front end (a
    JupyterLab installed elsewhere, VS Code) runs the notebooks with corpus_tools and its pinned
    dependencies.

    Parameters
    ----------
    name : str, default "corpus_tools"
        Kernel name (letters, digits, ``-``, ``.``, ``_``); an existing kernel of that name in the
        same place is replaced.
    display_name : str, optional
        Name shown in the launcher; default ``"Python (corpus_tools <version>)"``.
    prefix : str or pathlib.Path, optional
        Install under ``prefix/share/jupyter/kernels`` (e.g. the virtualenv, seen by its own
        JupyterLab). Omitted: the user's Jupyter folder (``~/.local/share/jupyter/kernels``),
        seen by every Jupyter of this user.

    Returns
    -------
    pathlib.Path
        The folder holding ``kernel.json``.

    Raises
    ------
    ValueError
        If ``name`` is not a valid kernel name.
    """
    from ipykernel.kernelspec import install

    import corpus_tools

    if not isinstance(name, str) or not _KERNEL_NAME.fullmatch(name):
        raise ValueError(
            f"kernel name {name!r} is invalid; use letters, digits, '-', '.' and '_', e.g. corpus_tools"
        )
    display_name = display_name or f"Python (corpus_tools {corpus_tools.__version__})"
    folder = Path(
        install(
            user=prefix is None,
            kernel_name=name,
            display_name=display_name,
            prefix=None if prefix is None else str(Path(prefix).resolve()),
        )
    )
    spec_file = folder / "kernel.json"
    spec = json.loads(spec_file.read_text(encoding="utf-8"))
    # abspath, not resolve: a virtualenv's python is a link, and only the link sees the venv
    spec["argv"][0] = os.path.abspath(sys.executable)
    spec_file.write_text(json.dumps(spec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return folder


def notebook_parameters(notebook) -> dict[str, object]:
    """Return the names and default values of a notebook's ``parameters`` cell, in order.

    The cell is the first code cell tagged ``parameters`` (papermill's convention); its
    top-level assignments ``name = literal`` are read without running anything. A value that is
    not a literal is given as ``Ellipsis`` (its type is then unknown).

    Parameters
    ----------
    notebook : str, pathlib.Path or nbformat.NotebookNode
        A notebook file or a notebook as read by ``nbformat.read``.

    Returns
    -------
    dict
        ``{name: default}``; empty when the notebook has no parameters cell.

    Raises
    ------
    ValueError
        If the parameters cell is not valid Python; the message names the notebook.

    Examples
    --------
    >>> notebook_parameters("notebooks/02_cooccurrence.ipynb")["window"]
    5
    """
    import nbformat

    nb = notebook if hasattr(notebook, "cells") else nbformat.read(notebook, as_version=4)
    cell = next(
        (
            c
            for c in nb.cells
            if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])
        ),
        None,
    )
    if cell is None:
        return {}
    try:
        tree = ast.parse(cell.source)
    except SyntaxError as err:
        raise ValueError(f"the parameters cell of {notebook} is not valid Python: {err}") from err
    found = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        value = getattr(node, "value", None)
        for target in targets:
            if isinstance(target, ast.Name) and value is not None:
                try:
                    found[target.id] = ast.literal_eval(value)
                except ValueError:
                    found[target.id] = ...
    return found


def notebook_summary(nb) -> tuple[str, str]:
    """Return a notebook's ``(title, summary)`` for the report index.

    The title is the first ``# `` heading of the first markdown cell. The summary is the
    notebook metadata's ``summary`` field if present, otherwise the first line of the first
    markdown cell that is neither blank nor a heading. Either is ``""`` when not found.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A notebook as read by ``nbformat.read``.

    Returns
    -------
    tuple of (str, str)

    Examples
    --------
    >>> from nbformat.v4 import new_notebook, new_markdown_cell
    >>> nb = new_notebook(cells=[new_markdown_cell("# Кто о ком пишет\\n\\nАкторы и фреймы.")])
    >>> notebook_summary(nb)
    ('Кто о ком пишет', 'Акторы и фреймы.')
    """
    markdown = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    lines = [line.strip() for line in markdown.source.splitlines()] if markdown else []
    title = next((line[2:].strip() for line in lines if line.startswith("# ")), "")
    summary = str(nb.metadata.get("summary", "")).strip()
    if not summary:
        summary = next((line for line in lines if line and not line.startswith("#")), "")
    return title, summary


@functools.cache
def _this_python_kernel_manager():
    """A kernel manager class whose ``python3`` kernel is always this interpreter.

    A ``python3`` kernelspec elsewhere on the Jupyter path (e.g. in ``~/.local``) could point at
    another Python without corpus_tools; ignoring the kernel folders makes jupyter_client fall
    back to ipykernel's built-in spec, which runs ``sys.executable``.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class ThisPythonKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return KernelSpecManager(kernel_dirs=[], parent=self)

    return ThisPythonKernelManager


def _strip_volatile(nb, *, in_place: bool) -> None:
    """Drop run timings from ``nb`` (and, in place, papermill's whole run record with its paths).

    The cell of injected parameters gets a fixed id, so two runs write identical reports.
    Widget outputs (tqdm's progress bars in a kernel with ipywidgets) and the widget state go:
    a static report has no widget manager to draw them, and their model ids are random.
    """
    if in_place:
        nb.metadata.pop("papermill", None)
    else:
        for key in _TIMING_KEYS:
            nb.metadata.get("papermill", {}).pop(key, None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if _WIDGET_VIEW not in o.get("data", {})]
        # papermill adds an empty tag list to every cell; real tags (parameters, ...) stay
        if cell.metadata.get("tags") == []:
            del cell.metadata["tags"]
        # the cell papermill injects gets a random id, which would make each report unique
        if "injected-parameters" in cell.metadata.get("tags", []) and "id" in cell:
            cell.id = "injected-parameters"


def _execute(source: Path, target: Path, *, parameters: dict, cwd: Path, timeout):
    """Run one notebook with papermill into ``target``; wrap its failures with the notebook name."""
    import papermill

    try:
        return papermill.execute_notebook(
            str(source),
            str(target),
            parameters=parameters or None,
            kernel_name="python3",
            # the kernel starts in cwd; papermill's own cwd= would os.chdir this whole process,
            # which notebooks running in other threads would see
            resources={"metadata": {"path": str(cwd)}},
            progress_bar=False,
            execution_timeout=timeout,
            kernel_manager_class=_this_python_kernel_manager(),
            # keeps the kernel's start-up notice (TCP without encryption) off the progress lines
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    except papermill.PapermillExecutionError as err:
        raise NotebookExecutionError(
            f"notebook {source} failed in cell In [{err.exec_count}]: {err.ename}: {err.evalue}; "
            f"the partially executed notebook is {target}"
        ) from err
    except Exception as err:  # kernel death, cell timeout, unreadable notebook
        raise NotebookExecutionError(
            f"notebook {source} failed: {type(err).__name__}: {err}; "
            f"the partially executed notebook (if any) is {target}"
        ) from err


_HTML = threading.local()


def _render_html(nb, target: Path, *, title: str) -> None:
    body, _ = _html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    target.write_text(body, encoding="utf-8")


def _html_exporter():
    """This thread's HTML exporter; made once, since compiling its templates takes a while."""
    if getattr(_HTML, "exporter", None) is None:
        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import TagRemovePreprocessor

        exporter = HTMLExporter(
            template_name="lab", embed_images=True, raw_template=_OFFLINE_TEMPLATE
        )
        exporter.register_preprocessor(
            TagRemovePreprocessor(
                remove_input_tags=_HIDE_INPUT_TAGS,
                remove_cell_tags={"remove-cell"},
                remove_all_outputs_tags={"remove-output"},
            ),
            enabled=True,
        )
        _HTML.exporter = exporter
    return _HTML.exporter


def output_digests(nb) -> list[dict]:
    """Return a sha256 for every output of a notebook's code cells, in order.

    Only the content counts, never execution counts, timings or metadata, so two runs that show
    the same things give the same list.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed notebook.

    Returns
    -------
    list of dict
        One dict per output with keys ``cell`` (index of the cell in the notebook), ``kind``
        (``"table"``: an output with ``text/html``, such as a DataFrame, whose HTML is hashed;
        ``"figure"``: an ``image/png``, whose decoded bytes are hashed; ``"text"``: printed text
        or a plain ``text/plain`` result; ``"error"``: a traceback's name and value) and
        ``sha256`` (hex digest).

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook, new_output
    >>> cell = new_code_cell("print('Токаев')", outputs=[new_output("stream", text="Токаев\\n")])
    >>> digests = output_digests(new_notebook(cells=[cell]))
    >>> [(d["cell"], d["kind"], d["sha256"][:12]) for d in digests]
    [(0, 'text', '3a92f8a055f9')]
    """
    digests = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if output.output_type == "stream":
                kind, content = "text", output.text
            elif output.output_type == "error":
                kind, content = "error", f"{output.ename}: {output.evalue}"
            elif "text/html" in data:
                kind, content = "table", data["text/html"]
            elif "image/png" in data:
                kind, content = "figure", base64.b64decode(data["image/png"])
            else:
                kind, content = "text", data.get("text/plain", "")
            if isinstance(content, list):  # multi-line strings may be stored as lists of lines
                content = "".join(content)
            if isinstance(content, str):
                content = content.encode("utf-8")
            digests.append(
                {"cell": index, "kind": kind, "sha256": hashlib.sha256(content).hexdigest()}
            )
    return digests


def _write_manifest(digests: dict, target: Path, *, corpus, parameters, injected, inputs) -> None:
    """Write ``manifest.json``: corpus, parameters, input digest, versions, output digests."""
    manifest = {
        "corpus": None if corpus is None else str(corpus),
        "parameters": _plain(parameters),
        "inputs": inputs,
        "versions": provenance.versions(_OUTPUT_PACKAGES),
        "notebooks": [
            {"notebook": name, "parameters": _plain(injected[name]), "outputs": outputs}
            for name, outputs in digests.items()
        ],
    }
    target.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _plain(parameters: dict) -> dict:
    """Parameters sorted by name, with values JSON can hold (a YAML date becomes its text)."""
    return {name: json.loads(json.dumps(parameters[name], default=str)) for name in sorted(parameters)}


def _read_inputs(parameters: dict, declared: dict[str, dict], *, folder: Path):
    """The corpus path and the ``metadata`` value the notebooks will read; None if unknown.

    Not given as parameters, they are the first notebook's defaults (relative to its folder).
    ``metadata`` is an absolute path, None (the corpus folder's own ``metadata.csv``) or False.
    """
    defaults = next((names for names in declared.values() if "corpus" in names), None)
    if defaults is None:
        return None
    given = "corpus" in parameters
    corpus = parameters["corpus"] if given else defaults["corpus"]
    metadata = parameters.get("metadata", None if given else defaults.get("metadata"))
    if not isinstance(corpus, str) or not (folder / corpus).exists():
        return None
    if isinstance(metadata, str):
        metadata = (folder / metadata).resolve()
        if not metadata.is_file():
            return None
    elif metadata is not False:
        metadata = None
    return (folder / corpus).resolve(), metadata


def _inputs_record(corpus: Path, metadata) -> dict:
    """The corpus and sidecar with a digest of their files, for ``manifest.json``.

    The digest is :func:`corpus_tools.provenance.path_digest` (every file's relative path, size
    and bytes) of the corpus, then of the sidecar: the ``input_digest`` that the cached store of
    the same corpus records in its own manifest (see :mod:`corpus_tools.store`).
    """
    sidecar = provenance.path_digest(metadata) if metadata else None
    return {
        "corpus": str(corpus),
        "metadata": str(metadata) if metadata else None,
        "digest": provenance.digest(provenance.path_digest(corpus), sidecar),
        "digest_of": "relative path, size and bytes of every corpus file, then of the sidecar",
    }


def _count_outlets(corpus: Path, metadata, *, verbose: bool) -> dict | None:
    """Documents and documents without an outlet, read as the notebooks' ``ct.load`` reads them.

    The corpus goes into the token cache here, once, so the notebooks (several at a time) read
    it from there instead of each tokenizing it. None, with a logged warning, if it cannot be
    read (the notebooks then report the error themselves).
    """
    from corpus_tools import store

    if verbose:
        print(f"reading {corpus} (cached for the notebooks) ...", end=" ", flush=True)
    try:
        docs, _ = store.load(corpus, metadata=metadata, progress=None if verbose else False)
    except (ValueError, OSError) as err:  # CorpusError and StoreError are ValueErrors
        if verbose:
            print("failed", flush=True)
        log.warning("could not read %s to count its outlets: %s", corpus, err)
        return None
    unknown = int(docs["source"].astype(str).str.startswith("unknown:").sum())
    if verbose:
        print(f"{len(docs):,} documents, {unknown:,} without an outlet", flush=True)
    return {"documents": len(docs), "without_outlet": unknown}


def _outlet_warning(outlets: dict | None, corpus: Path, metadata) -> str | None:
    """A warning when most documents have no outlet (each would be an outlet of its own)."""
    if not outlets or outlets["without_outlet"] * 2 <= outlets["documents"]:
        return None
    hint = ""
    if metadata is None and corpus.is_dir():
        nearby = [p for p in (corpus.parent / "metadata.csv", corpus.parent.parent / "metadata.csv") if p.is_file()]
        if nearby:
            hint = f"; there is {nearby[0]} near the corpus: is it the one?"
    used = (
        f"the sidecar {metadata}"
        if metadata
        else "no sidecar" + (" (metadata=False)" if metadata is False else " (no metadata.csv in the corpus folder)")
    )
    return (
        f"{outlets['without_outlet']:,} of {outlets['documents']:,} documents have no outlet "
        f"(source unknown:<doc_id>), reading {corpus} with {used}: each such document counts as "
        f"an outlet of its own in the per-source tables, keyness and frames. Name the metadata "
        f"file with --metadata FILE (make report METADATA=FILE){hint}"
    )


def _kind(value) -> str:
    return "a list" if isinstance(value, (list, tuple)) else f"{type(value).__name__}"


def _fits(value, default) -> bool:
    """Whether ``value`` may replace the literal ``default`` (an int is fine for a float)."""
    if default is None or default is ...:
        return True
    if isinstance(value, bool) or isinstance(default, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


# parameters the runner sets itself; their values are paths (or None/False for the sidecar)
_INPUT_PARAMETERS = {"corpus": (str, os.PathLike), "metadata": (str, os.PathLike, type(None), bool)}


def _check_parameters(parameters: dict, declared: dict[str, dict], *, folder: Path) -> dict:
    """Return ``parameters`` if every name is some notebook's and every value fits its default.

    Raises ValueError naming the first unknown or mistyped parameter (in name order).
    """
    import difflib

    known = sorted({name for names in declared.values() for name in names})
    for name in sorted(parameters, key=str):
        value = parameters[name]
        owners = [notebook for notebook, names in declared.items() if name in names]
        if not owners:
            close = difflib.get_close_matches(str(name), known, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"unknown parameter {name!r}: no notebook in {folder} has it in its parameters "
                f"cell{hint} (parameters: {', '.join(known) or 'none'})"
            )
        if name in _INPUT_PARAMETERS:
            if not isinstance(value, _INPUT_PARAMETERS[name]) or value is True:
                raise ValueError(
                    f"parameter {name!r} = {value!r} is {_kind(value)}; give a path"
                    + (", or null for the corpus's own metadata.csv" if name == "metadata" else "")
                )
            continue
        for notebook in owners:
            default = declared[notebook][name]
            if not _fits(value, default):
                quote_hint = (
                    f" (YAML read {value!r} as {_kind(value)}; quote it for a string: "
                    f"--param {name}='\"{value}\"')"
                    if isinstance(default, str)
                    else ""
                )
                raise ValueError(
                    f"parameter {name!r} = {value!r} is {_kind(value)}, but {notebook} sets "
                    f"{name} = {default!r}, {_kind(default)}; give {_kind(default)}{quote_hint}"
                )
    return parameters


def _write_index(table: pd.DataFrame, target: Path, *, corpus, parameters: dict, warning=None) -> None:
    """Write a self-contained ``index.html`` linking the reports listed in ``table``."""
    esc = functools.partial(html.escape, quote=True)
    corpus_text = (
        f"<code>{esc(str(corpus))}</code>"
        if corpus is not None
        else "each notebook's default (<code>corpus</code> in its parameters cell)"
    )
    shown = {name: value for name, value in _plain(parameters).items() if name != "corpus"}
    settings = ", ".join(f"<code>{esc(name)} = {esc(repr(value))}</code>" for name, value in shown.items())
    items = []
    for row in table.itertuples(index=False):
        href = quote(Path(row.html).name)
        summary = f'<p class="summary">{esc(row.summary)}</p>' if row.summary else ""
        items.append(
            f'<li><a href="{esc(href)}">{esc(row.title)}</a> '
            f'<span class="file">{esc(row.notebook)}</span>{summary}</li>'
        )
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="ru">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Corpus reports</title>",
            "<style>",
            "body { font-family: 'DejaVu Sans', Arial, sans-serif; max-width: 50em;"
            " margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #222; }",
            "li { margin-bottom: 1em; } a { font-size: 1.15em; }",
            ".file { color: #888; font-size: 0.85em; margin-left: 0.5em; }",
            ".summary { margin: 0.2em 0 0; } code { background: #f3f3f3; padding: 0 0.2em; }",
            ".warning { background: #fff3cd; border-left: 4px solid #e0a800; padding: 0.5em 0.8em; }",
            "</style>",
            "</head>",
            "<body>",
            "<h1>Corpus reports</h1>",
            f"<p>Corpus: {corpus_text}</p>",
            *([f"<p>Parameters: {settings}</p>"] if settings else []),
            *([f'<p class="warning"><strong>Warning:</strong> {esc(warning)}</p>'] if warning else []),
            "<ol>",
            *items,
            "</ol>",
            "</body>",
            "</html>",
            "",
        ]
    )
    target.write_text(page, encoding="utf-8")


def _check_jobs(jobs) -> int:
    """Return the number of notebooks to run at a time (None: two, or one on one CPU)."""
    if jobs is None:
        return min(2, os.cpu_count() or 1)
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(
            f"jobs = {jobs!r} is invalid; use an integer >= 1, or None for two at a time"
        )
    return jobs


def _read_timings(path: Path) -> dict[str, float]:
    """Seconds per notebook name from a previous run's ``timings.json``; {} if none is readable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    numbers = {k: v for k, v in data.items() if type(v) in (int, float)}
    return {str(name): float(value) for name, value in numbers.items()}


def _write_timings(seconds: dict[str, float], path: Path) -> None:
    text = json.dumps({name: round(value, 1) for name, value in seconds.items()}, indent=1) + "\n"
    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def _slowest_first(notebooks: list[Path], seconds: dict[str, float]) -> list[Path]:
    """Notebooks without a previous time first (in order), then the others, slowest first."""
    return sorted(notebooks, key=lambda path: (path.name in seconds, -seconds.get(path.name, 0.0)))


def _say(lock: threading.Lock, line: str) -> None:
    """Print one whole line, so lines of notebooks finishing together do not interleave."""
    with lock:
        print(line, flush=True)


def _run_together(sources: list[Path], run, *, jobs: int) -> dict:
    """``{source: run(source)}`` with ``jobs`` notebooks at a time; a failure stops the rest.

    Notebooks not yet started when one fails are not started; the error of the failing notebook
    first by name is raised once the running ones have finished.
    """
    from concurrent.futures import ThreadPoolExecutor, as_completed

    results, errors = {}, {}
    stop = threading.Event()

    def guarded(source: Path):
        # set by the failing thread itself: it may take the next notebook before this thread
        # hears of the failure
        if stop.is_set():
            return None
        try:
            return run(source)
        except Exception:
            stop.set()
            raise

    # each thread mostly waits for its kernel, which is a process of its own
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="notebook")
    try:
        futures = {pool.submit(guarded, source): source for source in sources}
        for future in as_completed(futures):
            if future.cancelled():
                continue
            try:
                results[futures[future]] = future.result()
            except Exception as err:  # a failed notebook, or its report could not be written
                errors[futures[future]] = err
                for other in futures:
                    other.cancel()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if errors:
        raise errors[min(errors, key=lambda source: source.name)]
    return results


def run_notebooks(
    notebooks_dir: str | Path = DEFAULT_NOTEBOOKS,
    *,
    corpus: str | Path | None = None,
    metadata: str | Path | None = None,
    out: str | Path = "reports",
    in_place: bool = False,
    parameters: dict | None = None,
    timeout: float | None = 600,
    verbose: bool = False,
    jobs: int | None = None,
) -> pd.DataFrame:
    """Execute the numbered notebooks; return one row per notebook, in notebook order.

    When the notebooks take a ``corpus`` and a ``metadata`` parameter (the series does), the
    corpus is first read and tokenized here, as their ``ct.load(corpus, metadata=metadata)``
    reads it, into the token cache that they then read, and its outlets are counted: when most
    documents have none (``source`` is ``unknown:<doc_id>``, typically a ``metadata.csv`` that
    sits next to the corpus folder rather than in it) a warning is logged and shown in
    ``index.html``, naming the sidecar it found nearby and ``metadata=`` (``--metadata``).

    Each ``NN_name.ipynb`` of ``notebooks_dir`` runs with papermill in a fresh ``python3`` kernel
    of the current interpreter, with ``notebooks_dir`` as working directory (so the notebooks'
    default ``corpus = "../seeds"`` resolves), ``jobs`` at a time: in order on the first run into
    ``out``, later the slowest of the previous run first (``executed/timings.json``), so that two
    long notebooks do not end up one after the other. A failing notebook stops the run: no
    further notebook starts, those already running finish, and the error of the first failing
    notebook (in notebook order) is raised.

    Parameters
    ----------
    notebooks_dir : str or pathlib.Path, default "notebooks"
        Folder with the ``NN_name.ipynb`` notebooks; the default name falls back to the packaged
        series when there is no ``./notebooks`` (see :func:`find_notebooks`).
    corpus : str or pathlib.Path, optional
        Corpus folder passed to every notebook as the papermill parameter ``corpus``, made
        absolute relative to the current directory first; the parameter ``metadata`` (the seeds'
        sidecar by default) is then set to None unless given, so a corpus folder's own
        ``metadata.csv`` is used. Omitted: each notebook's default. ``parameters["corpus"]`` is
        the same (give one of the two).
    metadata : str or pathlib.Path, optional
        Metadata sidecar (CSV with ``doc_id`` or ``file`` and source/date/title/... columns)
        passed as the parameter ``metadata``, made absolute relative to the current directory;
        for a corpus whose ``metadata.csv`` is not inside the corpus folder. Same as
        ``parameters["metadata"]``, which may also be None (the corpus's own ``metadata.csv``)
        or False (no sidecar).
    out : str or pathlib.Path, default "reports"
        Output folder: ``executed/NN_name.ipynb`` (also for failed runs) and
        ``executed/timings.json`` (seconds per notebook, to order the next run), ``NN_name.html``,
        ``index.html`` (with the parameters given) and ``manifest.json``: ``corpus``,
        ``parameters`` (all given, paths made absolute), ``inputs`` (the corpus and sidecar the
        notebooks read and a digest of their files' paths, sizes and bytes, the store's
        ``input_digest``, and ``outlets``: documents and documents without an outlet; None when
        the corpus is not a path that exists), ``versions`` of the
        packages that shape the results, and per notebook the ``parameters`` injected into it and
        its :func:`output_digests` (two runs showing the same tables, text and figures write the
        same ``outputs``). In place, only ``executed/`` and ``manifest.json`` are written there.
    in_place : bool, default False
        Run on the notebooks' defaults and write each notebook back to its own path, without
        timings or papermill's run record (paths), keeping cell tags; no HTML. Re-running on
        unchanged outputs gives byte-identical files.
    parameters : dict, optional
        Papermill parameters, name to value (str, int, float, bool, None, list, dict). Each
        notebook receives those its ``parameters`` cell declares (:func:`notebook_parameters`);
        a name no notebook declares, or a value whose type differs from a declaring notebook's
        default (an int is fine for a float; a None default takes anything), is refused.
    timeout : float, optional, default 600
        Seconds a single cell may run; None for no limit.
    verbose : bool, default False
        Print one line per notebook (name, wall time, output) to stdout, in the order they finish.
    jobs : int, optional
        How many notebooks run at the same time; None uses two, or one on a single-CPU machine.
        The results do not depend on it. Each kernel holds its own copy of the tables (about
        1.5 GB for a corpus of 27,000 news articles), and on a corpus not yet in the token cache
        the notebooks running together each tokenize it (the cache is written atomically, so
        this is safe, but ``jobs=1`` spends less CPU on such a first run).

    Returns
    -------
    pandas.DataFrame
        One row per notebook, in run order, with columns ``notebook`` (file name), ``title``
        (first ``# `` heading of the first markdown cell), ``summary`` (metadata ``summary`` or
        the first plain line of that cell) and ``html`` (path of the report; None in place).

    Raises
    ------
    FileNotFoundError
        If ``corpus`` does not exist or ``notebooks_dir`` has no numbered notebooks; raised
        before any notebook runs.
    FileNotFoundError
        Also if ``metadata`` is a path that does not exist.
    ValueError
        If a parameter is unknown or of the wrong type (the message names it), ``in_place`` is
        combined with ``corpus``, ``metadata`` or ``parameters``, ``parameters`` repeats
        ``corpus`` or ``metadata``, or ``jobs`` is not a positive integer or None.
    NotebookExecutionError
        If a notebook fails; the message names it, the failing cell and its error.

    Examples
    --------
    Executing notebooks takes a while, so this one is not run as a doctest::

        table = run_notebooks("notebooks", corpus="../texts", out="reports")
        table.columns.tolist()  # ['notebook', 'title', 'summary', 'html']
        run_notebooks(corpus="../news/raw", metadata="../news/metadata.csv", parameters={"window": 3})
    """
    import nbformat

    folder = _notebook_folder(notebooks_dir)
    if in_place and folder != Path(notebooks_dir):
        raise ValueError(
            f"in_place=True rewrites the notebooks of a clone, but there is no ./{notebooks_dir} "
            f"here (only the packaged series in {folder}); run it from the repository's root"
        )
    notebooks = [p.resolve() for p in find_notebooks(folder)]
    cwd = folder.resolve()
    out = Path(out).resolve()
    declared = {source.name: notebook_parameters(source) for source in notebooks}
    parameters = dict(parameters or {})
    if in_place and (corpus is not None or metadata is not None or parameters):
        raise ValueError(
            "in_place=True runs the notebooks on their own defaults (the seeds), so that the "
            "committed outputs are reproducible; drop corpus, metadata and parameters"
        )
    for name, given in (("corpus", corpus), ("metadata", metadata)):
        if given is not None:
            if name in parameters:
                raise ValueError(f"{name} is given twice, as {name}= and in parameters; give it once")
            parameters[name] = given
    parameters = _check_parameters(parameters, declared, folder=folder)
    if parameters.get("corpus") is not None:
        corpus = Path(parameters["corpus"]).resolve()
        if not corpus.exists():
            raise FileNotFoundError(f"corpus {corpus} does not exist")
        parameters["corpus"] = str(corpus)
        # the notebooks' default sidecar describes the seeds only; another corpus uses its own
        # metadata.csv if it has one (read_corpus finds it)
        if any("metadata" in names for names in declared.values()):
            parameters.setdefault("metadata", None)
    if isinstance(parameters.get("metadata"), (str, os.PathLike)):
        metadata = Path(parameters["metadata"]).resolve()
        if not metadata.is_file():
            raise FileNotFoundError(f"metadata sidecar {metadata} does not exist")
        parameters["metadata"] = str(metadata)
    jobs = _check_jobs(jobs)
    read = _read_inputs(parameters, declared, folder=folder)
    inputs = None if read is None else _inputs_record(*read)
    warning = None
    if read is not None and not in_place and any("metadata" in names for names in declared.values()):
        inputs["outlets"] = _count_outlets(*read, verbose=verbose)
        warning = _outlet_warning(inputs["outlets"], *read)
        if warning:
            log.warning(warning)
    # each notebook gets the parameters its own parameters cell declares, nothing else
    injected = {
        name: {key: value for key, value in parameters.items() if key in names}
        for name, names in declared.items()
    }

    executed_dir = out / "executed"
    executed_dir.mkdir(parents=True, exist_ok=True)
    lock = threading.Lock()

    def run(source: Path, *, alone: bool) -> tuple[dict, list[dict], float]:
        """Execute one notebook and write its outputs; return its row, output digests and seconds.

        Run ``alone``, its name is printed before and the outcome after it; run together with
        others, one whole line is printed when it is done.
        """
        executed = executed_dir / source.name
        prefix = "" if alone else f"{source.name} ... "
        if verbose and alone:
            print(f"{source.name} ...", end=" ", flush=True)
        started = time.perf_counter()
        try:
            nb = _execute(source, executed, parameters=injected[source.name], cwd=cwd, timeout=timeout)
        except NotebookExecutionError:
            if verbose:
                _say(lock, f"{prefix}FAILED after {time.perf_counter() - started:.1f} s")
            raise
        _strip_volatile(nb, in_place=in_place)
        title, summary = notebook_summary(nb)
        title = title or source.stem
        digests = output_digests(nb)
        if in_place:
            nbformat.write(nb, source)
            written, report = source, None
        else:
            nbformat.write(nb, executed)
            written = report = out / f"{source.stem}.html"
            _render_html(nb, report, title=title)
        if verbose:
            _say(lock, f"{prefix}ok in {time.perf_counter() - started:.1f} s -> {written}")
        html_path = None if report is None else str(report)
        row = {"notebook": source.name, "title": title, "summary": summary, "html": html_path}
        return row, digests, time.perf_counter() - started

    if jobs == 1:
        done = {source: run(source, alone=True) for source in notebooks}
    else:
        queue = _slowest_first(notebooks, _read_timings(executed_dir / _TIMINGS))
        done = _run_together(queue, lambda source: run(source, alone=False), jobs=jobs)
    rows = [done[source][0] for source in notebooks]
    digests = {source.name: done[source][1] for source in notebooks}
    seconds = {source.name: done[source][2] for source in notebooks}
    _write_timings(seconds, executed_dir / _TIMINGS)
    table = pd.DataFrame(rows, columns=["notebook", "title", "summary", "html"])
    _write_manifest(
        digests, out / "manifest.json", corpus=corpus, parameters=parameters, injected=injected, inputs=inputs
    )
    if not in_place:
        _write_index(table, out / "index.html", corpus=corpus, parameters=parameters, warning=warning)
        if verbose:
            print(f"index: {out / 'index.html'}", flush=True)
    return table


def _jobs_argument(text: str) -> int:
    """``--jobs``: a positive integer."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is invalid; use an integer >= 1, e.g. --jobs 1 to run one notebook at a time"
        )
    return int(text)


def _param_argument(text: str) -> tuple[str, object]:
    """``--param NAME=VALUE``: the name and the value read as YAML (``5``, ``0.1``, ``[a, b]``)."""
    import yaml

    name, equals, value = text.partition("=")
    name = name.strip()
    if not equals or not name.isidentifier():
        raise argparse.ArgumentTypeError(
            f"{text!r} is not NAME=VALUE; e.g. --param top_n=5 or --param 'nodes=[путин, трамп]'"
        )
    try:
        return name, yaml.safe_load(value)
    except yaml.YAMLError as err:
        problem = " ".join(str(err).split())
        raise argparse.ArgumentTypeError(f"{name}: {value!r} is not a YAML value ({problem})") from err


def read_parameters(path: str | Path) -> dict:
    """Read a YAML file mapping parameter names to values (``--params FILE``).

    Raises
    ------
    ValueError
        If the file is missing, is not YAML, or is not a mapping of names to values; the message
        names the file.

    Examples
    --------
    A file ``params.yaml`` with the lines ``top_n: 5`` and ``window: 3`` gives
    ``{'top_n': 5, 'window': 3}``.
    """
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ValueError(f"parameters file {path}: {err.strerror or err}") from err
    except yaml.YAMLError as err:
        raise ValueError(f"parameters file {path} is not valid YAML: {' '.join(str(err).split())}") from err
    if data is None:
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and k.isidentifier() for k in data):
        raise ValueError(
            f"parameters file {path} must map parameter names to values, one 'name: value' per "
            f"line (e.g. 'top_n: 5'); found {type(data).__name__}"
            + (f" with keys {sorted(map(repr, data))}" if isinstance(data, dict) else "")
        )
    return data


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the report options (``--corpus``, ``--metadata``, ``--param``, ...) to ``parser``."""
    parser.add_argument(
        "--corpus", help="corpus folder or file for every notebook (default: each notebook's own: the seeds)"
    )
    parser.add_argument(
        "--metadata",
        metavar="FILE",
        help="metadata sidecar CSV (doc_id or file, source, date, ...) when it is not the corpus folder's "
        "own metadata.csv, e.g. --corpus news/raw --metadata news/metadata.csv",
    )
    parser.add_argument(
        "--param",
        "-p",
        dest="param",
        metavar="NAME=VALUE",
        type=_param_argument,
        action="append",
        default=[],
        help="a notebook parameter (repeatable); VALUE is YAML: --param top_n=5 --param 'nodes=[путин, трамп]'",
    )
    parser.add_argument(
        "--params", metavar="FILE", help="YAML file of parameters (name: value per line); --param wins over it"
    )
    parser.add_argument("--out", default="reports", help="output folder (default: reports)")
    parser.add_argument(
        "--notebooks",
        default=DEFAULT_NOTEBOOKS,
        help="folder with the notebooks (default: ./notebooks, else the series installed with corpus_tools)",
    )
    parser.add_argument(
        "--jobs",
        type=_jobs_argument,
        default=None,
        help="notebooks run at the same time, each in its own kernel (default: 2, or 1 on one CPU)",
    )
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="re-execute on the seeds and write outputs back into the notebooks, for committing",
    )
    return parser


def run_from_arguments(args: argparse.Namespace) -> int:
    """Run :func:`run_notebooks` for parsed :func:`add_arguments` options; return the exit status."""
    # warnings (most documents without an outlet) as "WARNING: ..." lines on stderr
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)
    try:
        parameters = read_parameters(args.params) if args.params else {}
        parameters.update(dict(args.param))
        run_notebooks(
            args.notebooks,
            corpus=args.corpus,
            metadata=args.metadata,
            out=args.out,
            in_place=args.in_place,
            parameters=parameters,
            verbose=True,
            jobs=args.jobs,
        )
    except (NotebookExecutionError, FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m corpus_tools.reports [--corpus DIR] [--param NAME=VALUE] ...``.

    ``--metadata FILE`` names the sidecar, ``--param NAME=VALUE`` (repeatable, YAML values) and
    ``--params FILE`` (YAML mapping) set notebook parameters, ``--jobs N`` runs N notebooks at a
    time (default: two). Returns the exit status: 0 on success, 1 if a notebook failed, a path
    is missing or a parameter is refused (before any notebook starts), 2 for bad usage.

    Examples
    --------
    From a shell (prints one line per notebook, then the index)::

        $ python -m corpus_tools.reports --corpus ../texts --out reports --param top_n=5
        00_corpus_overview.ipynb ... ok in 6.2 s -> /home/me/corpus_tools/reports/00_corpus_overview.html
        index: /home/me/corpus_tools/reports/index.html
    """
    parser = argparse.ArgumentParser(
        prog="python -m corpus_tools.reports",
        description="Execute notebooks/NN_name.ipynb with papermill and render HTML reports.",
    )
    args = add_arguments(parser).parse_args(argv)
    if args.in_place and (args.corpus is not None or args.metadata is not None or args.param or args.params):
        parser.error("--in-place runs the notebooks on the seeds; drop --corpus, --metadata and parameters")
    return run_from_arguments(args)


if __name__ == "__main__":
    raise SystemExit(main())
