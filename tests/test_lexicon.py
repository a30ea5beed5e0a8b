"""The shipped table of analyses (corpus_tools.lexicon) must equal the live analysis exactly."""

from __future__ import annotations

import logging
import random

import pyarrow.parquet as pq
import pytest

from corpus_tools import lexicon, morphology
from corpus_tools.resources import data_path


@pytest.fixture
def fresh():
    """Forget the loaded table and the memo before and after a test that changes either."""
    morphology.clear_cache()
    yield
    morphology.clear_cache()


def live(word: str, proper: bool) -> morphology.Analysis:
    """The analysis without memo and without the table."""
    return morphology._analyse(word, proper)


def test_the_shipped_table_is_current():
    stored = pq.read_schema(data_path(lexicon.LEXICON)).metadata[b"fingerprint"].decode()
    assert stored == lexicon.fingerprint(), "data/lexicon.parquet is stale: run `make lexicon` and commit it"
    assert lexicon.lexicon() is not None


def test_a_sample_of_the_table_equals_the_live_analysis():
    table = lexicon.lexicon()
    forms = lexicon.shipped_forms()
    assert len(forms) == len(table) > 250_000
    sample = random.Random(20261121).sample(forms, 4000)
    sample += ["в", "и", "песков", "белоусов", "захаровой", "токаев", "утром", "его", "который", "ещё", "лучших"]
    for word, proper in lexicon.keys_of(sample):
        assert table.get(word, proper) == live(word, proper), (word, proper)


def test_keys_outside_the_table_are_not_answered():
    table = lexicon.lexicon()
    assert table.get("песков", True) is None  # proper context is only asked of capitalized words
    assert table.get("МОСКВЕ", False) is None and table.get("МИДа", False) is None
    assert table.get("шмальнулиблаблабла", False) is None and table.get("Шмальнулиблаблабла", True) is None
    assert table.get("Trump", True) is None and table.get("2020", False) is None


def test_build_round_trip(tmp_path):
    forms = ["песков", "в", "москве", "токаев", "жапарова", "из-за", "белоусов", "не word", "2020"]
    out = tmp_path / "lexicon.parquet"
    rows = lexicon.build(forms, out)
    table = lexicon.Lexicon(pq.read_table(out, read_dictionary=["pos", "upos", "tag"]))
    assert len(table) == 7 and rows >= 7  # the Latin and digit entries are not forms
    assert not list(tmp_path.glob("*.tmp"))
    for word, proper in lexicon.keys_of(["песков", "в", "москве", "токаев", "жапарова", "из-за", "белоусов"]):
        assert table.get(word, proper) == live(word, proper), (word, proper)


def test_a_stale_table_is_ignored_with_a_warning(fresh, monkeypatch, caplog):
    words = [("Песков", True), ("Песков", False), ("москве", False), ("Белоусов", True)]
    expected = [live(word, proper) for word, proper in words]
    monkeypatch.setattr(lexicon, "fingerprint", lambda: "another-version")
    with caplog.at_level(logging.WARNING, logger="corpus_tools.lexicon"):
        assert lexicon.lexicon() is None
    assert "another-version" in caplog.text and "make lexicon" in caplog.text
    assert morphology.analyse_many(words, yo="keep") == expected


def test_switched_off_by_the_environment(fresh, monkeypatch):
    monkeypatch.setenv("CORPUS_TOOLS_LEXICON", "0")
    assert lexicon.lexicon() is None
    assert morphology.analyse_many([("Песков", True)], yo="keep") == [live("Песков", True)]


def test_analyse_many_reads_the_table(fresh, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("pymorphy3 was asked about a form the table covers")

    lexicon.lexicon()
    monkeypatch.setattr(morphology, "_analyse", refuse)
    result = morphology.analyse_many([("Песков", True), ("заявил", False), ("Заявил", False)], yo="fold")
    assert [r.lemma for r in result] == ["песков", "заявить", "заявить"]
