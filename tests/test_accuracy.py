"""Regression floors on gold dev data (benchmarks/accuracy.py has the full figures and peers)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from corpus_tools.morphology import fold_yo, tag_words
from corpus_tools.tokens import tokenize

from .conftest import assert_tag_words_agree

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from accuracy import FILES, read_conllu  # noqa: E402

N_SENTENCES = 120
# (file, lemma floor, UPOS floor) for tag_words(context=True) on the first N_SENTENCES sentences:
# measured values minus a margin of about one point
FLOORS = [
    ("gsd", 0.96, 0.945),  # measured 0.971, 0.956
    ("taiga", 0.945, 0.855),  # measured 0.957, 0.868
    ("lenta", 0.975, 0.97),  # measured 0.988, 0.984
    ("syntagrus", 0.965, 0.965),  # measured 0.975, 0.976
]


def gold(shared, name):
    return read_conllu(shared("data/gold/" + FILES[name]))[:N_SENTENCES]


@pytest.mark.parametrize("name, lemma_floor, upos_floor", FLOORS)
def test_lemma_and_upos_floors(shared, name, lemma_floor, upos_floor):
    total = lemma = upos = 0
    for sentence in gold(shared, name):
        tagged = tag_words(sentence.words, context=True)
        total += len(sentence.words)
        lemma += sum(fold_yo(g.lower()) == p for g, p in zip(sentence.lemmas, tagged["lemma"]))
        upos += sum(g == p for g, p in zip(sentence.upos, tagged["upos"].astype(str)))
    assert lemma / total >= lemma_floor
    assert upos / total >= upos_floor


@pytest.mark.parametrize("name", ["gsd", "taiga"])
def test_tokenize_and_tag_words_agree_on_gold_sentences(shared, name):
    sentences = [s for s in gold(shared, name) if s.text]
    tokens = tokenize([s.text for s in sentences])
    assert assert_tag_words_agree(tokens) >= 0.7 * len(tokens)  # Taiga has many one- and two-word sentences
