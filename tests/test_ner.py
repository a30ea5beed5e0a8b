"""Tests for corpus_tools.ner: natasha's entities as a find_actors-shaped mention table."""

from __future__ import annotations

import json
import sys

import pandas as pd
import pytest

from corpus_tools import ner
from corpus_tools.actors import MENTION_COLUMNS, find_actors
from corpus_tools.ner import find_entities
from corpus_tools.tokens import document_text, tokenize

TEXT = "Президенту Казахстана Касым-Жомарту Токаеву позвонил Дмитрий Песков. МИД России ответил из Москвы."


@pytest.fixture(scope="module")
def entities():
    return find_entities([TEXT])


def test_same_columns_and_dtypes_as_find_actors(entities):
    actors = find_actors(tokenize([TEXT]))
    assert list(entities.columns) == MENTION_COLUMNS
    pd.testing.assert_series_equal(entities.dtypes, actors.dtypes)


def test_mentions_are_normalised_to_the_nominative(entities):
    found = dict(zip(entities["text"], entities["actor"]))
    assert found["Касым-Жомарту Токаеву"] == "Касым-Жомарт Токаев"
    assert found["Москвы"] == "Москва"
    assert set(entities["type"]) <= {"person", "organisation", "place"}
    assert entities.loc[entities["text"] == "Дмитрий Песков", "type"].tolist() == ["person"]


def test_offsets_and_token_ids_point_into_the_document(entities):
    text = document_text([TEXT])[0]
    tokens = tokenize([TEXT])
    for row in entities.itertuples():
        assert text[row.start : row.stop] == row.text
        first = tokens[(tokens["sent_id"] == row.sent_id) & (tokens["token_id"] == row.token_id)]
        assert first["start"].item() == row.start


def test_sorted_by_document_then_start():
    docs = pd.DataFrame({"doc_id": ["b", "a"], "text": ["Москва и Париж.", "Песков в Берлине."]})
    table = find_entities(docs)
    assert table["doc_id"].tolist()[:2] == ["b", "b"]
    assert table.groupby("doc_id", sort=False)["start"].apply(lambda s: s.is_monotonic_increasing).all()


def test_types_filter_and_empty_input():
    assert set(find_entities([TEXT], types=["PER"])["alias"]) == {"PER"}
    empty = find_entities(["", "   "])
    assert empty.empty and list(empty.columns) == MENTION_COLUMNS
    with pytest.raises(ValueError, match="choose from"):
        find_entities([TEXT], types=["MISC"])


def test_missing_natasha_names_the_extra(monkeypatch):
    monkeypatch.setattr(ner, "_MODELS", None)
    monkeypatch.setitem(sys.modules, "natasha", None)
    with pytest.raises(ImportError, match=r"pip install 'corpus_tools\[natasha\]'"):
        find_entities([TEXT])


def test_factrueval_dev_floor(shared):
    lines = shared("data/gold/factrueval/dev.jsonl").read_text(encoding="utf-8").splitlines()[:15]
    documents = [json.loads(line) for line in lines]
    docs = pd.DataFrame({"doc_id": [d["id"] for d in documents], "text": [d["text"] for d in documents]})
    found = find_entities(docs, types=["PER", "LOC"])
    labels = {"person": "PER", "place": "LOC"}
    predicted = set(zip(found["doc_id"], found["type"].map(labels), found["start"], found["stop"]))
    gold = {(d["id"], e["type"], e["start"], e["end"]) for d in documents for e in d["entities"] if e["type"] != "ORG"}
    hits = len(predicted & gold)
    # measured on these 15 documents: precision 0.93, recall 0.92 (benchmarks/ner.py for the whole set)
    assert hits / len(predicted) >= 0.85 and hits / len(gold) >= 0.8
