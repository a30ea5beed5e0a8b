"""The fast tokenizer gives exactly razdel's tokens: tricky cases, generated strings, a real sample."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from razdel import sentenize
from razdel import tokenize as razdel_tokenize

from corpus_tools import segmentation
from corpus_tools.segmentation import JOIN_HINT, razdel_spans, sentenize_spans, tokenize_coded, tokenize_many, tokenize_spans


def razdel_reference(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.stop, t.text) for t in razdel_tokenize(text)]


def many_per_text(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """tokenize_many's result regrouped as one span list per text."""
    index, starts, stops, tokens = tokenize_many(texts)
    assert len(index) == len(starts) == len(stops) == len(tokens)
    grouped: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    for i, start, stop, token in zip(index.tolist(), starts.tolist(), stops.tolist(), tokens):
        grouped[i].append((start, stop, token))
    return grouped


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


def test_tokenize_many_matches_razdel_on_every_case_at_once():
    # spaced and glued cases, empty and blank texts, in one call: no rule may look across texts
    texts = [case.replace("|", " ") for case in CASES] + ["", "  "] + [case.replace("|", "") for case in CASES]
    assert many_per_text(texts) == [razdel_reference(text) for text in texts]
    index, starts, stops, tokens = tokenize_many([])
    assert (len(index), len(starts), len(stops), tokens) == (0, 0, 0, [])


ALPHABET = "аяЁzZ09.,-–—_/\\!?…*:;=()«»\"'©🙂№% \t\n"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_tokenize_spans_equals_razdel_on_generated_strings(text):
    assert tokenize_spans(text) == razdel_reference(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_tokenize_spans_equals_razdel_on_any_unicode(text):
    assert tokenize_spans(text) == razdel_reference(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET + "yahoYAHO", max_size=30), max_size=6))
def test_tokenize_many_equals_razdel_on_generated_batches(texts):
    assert many_per_text(texts) == [razdel_reference(text) for text in texts]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=4))
def test_tokenize_many_equals_razdel_on_any_unicode(texts):
    assert many_per_text(texts) == [razdel_reference(text) for text in texts]


def check_codes(texts):
    index, starts, stops, codes, uniques = tokenize_coded(texts)
    tokens = [uniques[code] for code in codes.tolist()]
    assert tokens == [texts[i][a:b] for i, a, b in zip(index.tolist(), starts.tolist(), stops.tolist())]
    assert len(set(uniques)) == len(uniques)
    assert uniques == list(dict.fromkeys(tokens))  # distinct tokens in order of first appearance
    return codes.tolist(), uniques


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="аб ab-:)1.,!", max_size=25), max_size=6))
def test_token_codes_are_exact(texts):
    check_codes(texts)


def test_token_codes_survive_a_hash_collision(monkeypatch):
    # with multiplier 1 the first hash is the sum of the code points: "ab" and "ba" collide
    monkeypatch.setattr(segmentation, "_HASH_BASES", (1, segmentation._HASH_BASES[1]))
    monkeypatch.setattr(segmentation, "_HASH_INVERSES", (1, segmentation._HASH_INVERSES[1]))
    assert check_codes(["ab ba ab", "ba :)"]) == ([0, 1, 0, 1, 2], ["ab", "ba", ":)"])


def test_plain_sentences_take_the_regex_path():
    assert JOIN_HINT.search("Президент подписал указ, сообщает ТАСС.") is None
    assert JOIN_HINT.search("Что-то") is not None


def test_identical_to_razdel_on_every_sentence_of_the_sample(shared):
    import corpus_tools as ct

    docs = ct.read_corpus(shared("data/corpora/ru_news_mix/sample"))
    sentences = [sentence.text for text in docs["text"] for line in text.splitlines() for sentence in sentenize(line)]
    assert len(sentences) > 10_000
    expected = [razdel_reference(text) for text in sentences]
    for text, reference in zip(sentences, expected):
        assert tokenize_spans(text) == reference, text
    assert many_per_text(sentences) == expected


def razdel_sentences(text: str) -> list[tuple[int, str]]:
    return [(s.start, s.text) for s in sentenize(text)]


SENTENCE_CASES = [
    "Д. Песков ответил. Это т. е. всё… «Да!» — сказал он.",
    "В 2020 г. рост составил 3.5%. Далее — спад; см. рис. 1) и т. д. Итог!",
    "1. Первый пункт. 2) Второй. а) третий. IV. Четвертый.",
    "Он сказал: «Мир!» И ушел. «Да?» — спросил он. (Шутка.) Конец",
    "Привет :) Как дела?! Отлично;-( Плохо... ну \"ладно\". Все",
    "   ",
    "",
    "т.е. ул. Ленина, д. 5. А. С. Пушкин и В.В. Путин. Yahoo! Inc.",
]


@pytest.mark.parametrize("case", SENTENCE_CASES)
def test_sentenize_spans_matches_razdel(case):
    assert sentenize_spans(case) == razdel_sentences(case)


SENTENCE_ALPHABET = "аАzZ19 .,;:!?…-—«»\"'„“”)]}(IVтегулсмДВ"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=SENTENCE_ALPHABET, max_size=50))
def test_sentenize_spans_equals_razdel_on_generated_strings(text):
    assert sentenize_spans(text) == razdel_sentences(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_sentenize_spans_equals_razdel_on_any_unicode(text):
    assert sentenize_spans(text) == razdel_sentences(text)


def test_sentenize_spans_identical_to_razdel_on_every_line_of_the_sample(shared):
    import corpus_tools as ct

    docs = ct.read_corpus(shared("data/corpora/ru_news_mix/sample"))
    lines = {line for text in docs["text"] for line in text.splitlines()}
    assert len(lines) > 5_000
    for line in lines:
        assert sentenize_spans(line) == razdel_sentences(line), line
