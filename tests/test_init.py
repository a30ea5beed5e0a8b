"""The package namespace: re-exported functions and what ``help()`` shows for them."""

import importlib
import inspect
import re

import pytest

import corpus_tools as ct


def _shadowed() -> list[str]:
    """Public names that are both a module of the package and the function re-exported over it."""
    found = []
    for name in ct.__all__:
        if name == "plots":  # a module, loaded lazily
            continue
        try:
            module = importlib.import_module(f"corpus_tools.{name}")
        except ImportError:
            continue
        if getattr(ct, name) is not module:
            found.append(name)
    return found


def _words(text: str) -> str:
    # markup aside (``literals``, **bold**, section underlines, table rules), words and formulas must match
    text = re.sub(r"^[-=\s]+$", "", text, flags=re.M)
    return " ".join(re.findall(r"[^\s`*]+", text))


def test_shadowed_modules_are_the_known_ones():
    assert _shadowed() == ["cooccurrence", "evaluations", "frequency", "keyness", "kwic", "network", "quotes", "tfidf"]
    assert all(inspect.isfunction(getattr(ct, name)) for name in _shadowed())


@pytest.mark.parametrize("name", _shadowed())
def test_function_docstring_carries_its_module_documentation(name):
    module = importlib.import_module(f"corpus_tools.{name}")
    function_doc = inspect.getdoc(getattr(ct, name))
    module_doc = inspect.getdoc(module)
    body = module_doc.split("\n", 1)[1] if "\n" in module_doc else ""
    if body.strip():
        assert "\nNotes\n-----\n" in function_doc
        assert _words(body) in _words(function_doc.split("\nNotes\n-----\n", 1)[1])


def test_measure_table_is_in_help_of_cooccurrence():
    doc = inspect.getdoc(ct.cooccurrence)
    for measure in ("pmi", "npmi", "mi3", "log_dice", "t_score", "g2", "delta_p_ab", "delta_p_ba"):
        assert re.search(rf"^{measure} +\S", doc, re.M), measure
    assert r":math:`14 + \log_2 \frac{2 n_{ab}}{n_a + n_b}`" in doc
    assert "all other terms    C − a        D − b" in inspect.getdoc(ct.keyness)


def test_words_of_a_changed_module_text_are_not_found():
    # the check above can fail: a reworded sentence is not contained
    doc = inspect.getdoc(ct.keyness)
    assert _words("where C and D are the numbers of counted terms in target and reference") in _words(doc)
    assert _words("where C and D are the counts of terms in target and reference") not in _words(doc)
