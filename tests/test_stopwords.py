"""Tests for corpus_tools.stopwords: the policy, the reviewed lists and agreement with tokenize."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_tools.resources import data_path, read_word_list
from corpus_tools.stopwords import STOP_UPOS, is_stopword, keep_lemmas, stop_lemmas, stopword_mask
from corpus_tools.tokens import tokenize

# (lemma, upos, is a stop word)
POLICY = [
    # framing words are never stop words, whatever their tag
    ("мир", "NOUN", False),
    ("против", "ADP", False),
    ("важный", "ADJ", False),
    ("возможно", "ADV", False),
    ("возможно", "SCONJ", False),
    ("заявить", "VERB", False),
    ("якобы", "SCONJ", False),
    ("нельзя", "ADV", False),
    # function classes
    ("и", "CCONJ", True),
    ("в", "ADP", True),
    ("что", "SCONJ", True),
    ("он", "PRON", True),
    ("не", "PART", True),
    ("этот", "DET", True),
    ("быть", "AUX", True),
    ("ах", "INTJ", True),
    (".", "PUNCT", True),
    ("$", "SYM", True),
    ("2024", "NUM", True),
    # function-like words tagged as content classes
    ("это", "NOUN", True),
    ("весь", "ADJ", True),
    ("который", "ADJ", True),
    ("также", "ADV", True),
    ("уже", "ADV", True),
    ("ещё", "ADV", True),
    ("еще", "ADV", True),
    ("являться", "VERB", True),
    # content words
    ("санкция", "NOUN", False),
    ("казахстан", "PROPN", False),
    ("подписать", "VERB", False),
    ("хорошо", "ADV", False),
]


@pytest.mark.parametrize("lemma, upos, expected", POLICY)
def test_is_stopword(lemma, upos, expected):
    assert is_stopword(lemma, upos) is expected


def test_stopword_mask_is_vectorised_is_stopword():
    lemmas, upos, expected = zip(*POLICY)
    mask = stopword_mask(list(lemmas), list(upos))
    assert mask.dtype == bool
    np.testing.assert_array_equal(mask, np.array(expected))


def test_stopword_mask_checks_lengths():
    with pytest.raises(ValueError, match="same length"):
        stopword_mask(["мир"], [])


def test_stop_upos():
    assert STOP_UPOS == {"ADP", "CCONJ", "SCONJ", "PART", "PRON", "DET", "AUX", "INTJ", "PUNCT", "SYM", "NUM"}


@pytest.mark.parametrize("name", ["stopwords_ru.txt", "stopwords_keep_ru.txt"])
def test_lists_are_documented_lowercase_and_folded(name):
    assert data_path(name).read_text(encoding="utf-8").startswith("#")
    words = read_word_list(name)
    assert words and all(w == w.lower() and "ё" not in w for w in words)
    assert len(words) == len(set(words))


def test_keep_list_holds_the_framing_words_and_wins():
    assert {"мир", "против", "важный", "возможно", "заявить"} <= keep_lemmas()
    assert not keep_lemmas() & stop_lemmas()


def test_policy_through_tokenize():
    tokens = tokenize(["Он заявил, что мир против войны и это важно, возможно."])
    stop = dict(zip(tokens["token"], tokens["is_stop"]))
    assert not any(stop[w] for w in ("заявил", "мир", "против", "войны", "важно", "возможно"))
    assert all(stop[w] for w in ("Он", "что", "и", "это", ",", "."))
