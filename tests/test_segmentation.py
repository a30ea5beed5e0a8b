"""The fast tokenizer gives exactly razdel's tokens: tricky cases, generated strings, a real sample."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from razdel import sentenize
from razdel import tokenize as razdel_tokenize

from corpus_tools.segmentation import JOIN_HINT, razdel_spans, tokenize_spans


def razdel_reference(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.stop, t.text) for t in razdel_tokenize(text)]


# one case per line; "|" stands for a space (and is dropped in the glued variant)
CASES = [
    "что-то|стоит|3,5|млн|руб|.?!",
    "а|-то|но|то-|то",  # a dash at a chunk edge looks across the space
    "1|/2|и|1/2|и|1|.5|и|1.|5",
    "(|-|5|)|--|**|жирный|**",
    ":)|;-|(|=(((|:-|)",
    "Yahoo!|yahoo!!|Яху|!",
    "Δσ|mβж|ab|©|2024|©|🙂|привет",
    "snake_case|_x|x_|__",
    "…|...|?!|.|,|;|«|Мир|»|.",
    "Т.|е.|и|т.|д.|США|—|в|2024-м",
]


@pytest.mark.parametrize("case", CASES)
def test_tokenize_spans_matches_razdel_on_tricky_cases(case):
    text = case.replace("|", " ")
    assert tokenize_spans(text) == razdel_reference(text)
    assert razdel_spans(text) == razdel_reference(text)


@pytest.mark.parametrize("case", CASES)
def test_glued_cases_match_razdel_too(case):
    # the same material without spaces exercises every join rule between touching atoms
    text = case.replace("|", "")
    assert tokenize_spans(text) == razdel_reference(text)


ALPHABET = "аяЁzZ09.,-–—_/\\!?…*:;=()«»\"'©🙂№% \t\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_tokenize_spans_equals_razdel_on_generated_strings(text):
    assert tokenize_spans(text) == razdel_reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_tokenize_spans_equals_razdel_on_any_unicode(text):
    assert tokenize_spans(text) == razdel_reference(text)


def test_plain_sentences_take_the_regex_path():
    assert JOIN_HINT.search("Президент подписал указ, сообщает ТАСС.") is None
    assert JOIN_HINT.search("Что-то") is not None


def test_identical_to_razdel_on_every_sentence_of_the_sample(shared):
    import corpus_tools as ct

    docs = ct.read_corpus(shared("data/corpora/ru_news_mix/sample"))
    checked = 0
    for text in docs["text"]:
        for line in text.splitlines():
            for sentence in sentenize(line):
                assert tokenize_spans(sentence.text) == razdel_reference(sentence.text), sentence.text
                checked += 1
    assert checked > 10_000
