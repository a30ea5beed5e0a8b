"""Tests for corpus_tools.kwic: hits by lemma, form, glob and regex, spans, contexts and errors."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpus_tools as ct
from corpus_tools.kwic import COLUMNS, kwic

WITH_DOCS = [*COLUMNS, "source", "date"]
LINE_BREAKS = re.compile(r"\s*\n\s*")


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    docs = ct.read_corpus(seeds_dir)
    return docs, ct.tokenize(docs)


@pytest.fixture(scope="module")
def texts(seeds):
    docs, _ = seeds
    return dict(zip(docs["doc_id"], ct.document_text(docs)))


def hit_lemmas(tokens, hits, k):
    """The lemmas of the k tokens of each hit, looked up by (doc_id, token_id)."""
    lemma = tokens.set_index(["doc_id", "token_id"])["lemma"]
    return [tuple(lemma[(d, t + j)] for j in range(k)) for d, t in zip(hits["doc_id"], hits["token_id"])]


# one small document; hits as "left|match|right" with window=2 and docs
TEXT = pd.DataFrame(
    {
        "doc_id": ["a"],
        "title": ["Токаев в Вашингтоне"],
        "text": ["Глава Белого дома принял Токаева. Токаев назвал Казахстан партнёром США,\nа Белый дом — партнером Астаны."],
    }
)
KWIC_CASES = [
    # lemma: every form, and the pattern itself is lemmatized
    ("Токаев", {}, ["|Токаев|в Вашингтоне", "дома принял|Токаева|. Токаев", "Токаева.|Токаев|назвал Казахстан"]),
    ("Токаева", {}, ["|Токаев|в Вашингтоне", "дома принял|Токаева|. Токаев", "Токаева.|Токаев|назвал Казахстан"]),
    ("Вашингтон", {}, ["Токаев в|Вашингтоне|Глава Белого"]),
    ("партнер", {}, ["назвал Казахстан|партнёром|США,", "дом —|партнером|Астаны."]),
    # multiword: adjacent tokens, punctuation counts; title and body are joined by one space
    ("Белый дом", {}, ["Вашингтоне Глава|Белого дома|принял Токаева", ", а|Белый дом|— партнером"]),
    ("Белого дома", {}, ["Вашингтоне Глава|Белого дома|принял Токаева", ", а|Белый дом|— партнером"]),
    ("дом —", {}, ["а Белый|дом —|партнером Астаны"]),
    ("Астана .", {}, ["— партнером|Астаны.|"]),
    ("США а", {}, []),
    # word forms: exact form, any case, ё = е
    ("белого дома", {"on": "token"}, ["Вашингтоне Глава|Белого дома|принял Токаева"]),
    ("партнером", {"on": "token"}, ["назвал Казахстан|партнёром|США,", "дом —|партнером|Астаны."]),
    ("токаев", {"on": "token", "ignore_case": False}, []),
    # globs and regexes
    ("казах*", {}, ["Токаев назвал|Казахстан|партнёром США"]),
    ("Т?каев", {"on": "token"}, ["|Токаев|в Вашингтоне", "Токаева.|Токаев|назвал Казахстан"]),
    ("глава *", {}, ["в Вашингтоне|Глава Белого|дома принял"]),
    ("т.*ева?", {"regex": True, "on": "token"}, ["|Токаев|в Вашингтоне", "дома принял|Токаева|. Токаев", "Токаева.|Токаев|назвал Казахстан"]),
    ("Т.*ев", {"regex": True, "on": "token", "ignore_case": False}, ["|Токаев|в Вашингтоне", "Токаева.|Токаев|назвал Казахстан"]),
    ("казах", {"regex": True}, []),
]


@pytest.fixture(scope="module")
def text_tokens():
    return ct.tokenize(TEXT)


@pytest.mark.parametrize("pattern, options, expected", KWIC_CASES)
def test_kwic_cases(text_tokens, pattern, options, expected):
    got = kwic(text_tokens, pattern, docs=TEXT, window=2, **options)
    assert ["|".join(row) for row in got[["left", "match", "right"]].itertuples(index=False)] == expected


@pytest.mark.parametrize("pattern, options, expected", KWIC_CASES)
def test_kwic_cases_without_docs_join_tokens(text_tokens, pattern, options, expected):
    got = kwic(text_tokens, pattern, window=2, **options)
    assert got["match"].tolist() == [" ".join(t.text for t in _razdel(e.split("|")[1])) for e in expected]


def _razdel(text):
    from razdel import tokenize

    return list(tokenize(text))


@pytest.mark.parametrize(
    "pattern, options, k",
    [("Токаев", {}, 1), ("Белый дом", {}, 2), ("казах*", {}, 1), ("путин|трамп", {"regex": True}, 1), ("Путину", {"on": "token"}, 1), ("в *", {}, 2)],
)
def test_every_hit_is_its_text_slice(seeds, texts, pattern, options, k):
    docs, tokens = seeds
    got = kwic(tokens, pattern, docs=docs, **options)
    assert len(got) > 0
    for doc_id, start, stop, match in got[["doc_id", "start", "stop", "match"]].itertuples(index=False):
        assert texts[doc_id][start:stop] == match
    assert all(len(lemmas) == k for lemmas in hit_lemmas(tokens, got, k))


def test_lemma_finds_every_form(seeds):
    docs, tokens = seeds
    got = kwic(tokens, "Токаев", docs=docs)
    assert len(got) == (tokens["lemma"] == "токаев").sum()
    assert {"Токаев", "Токаева", "Токаевым"} <= set(got["match"])
    assert set(hit_lemmas(tokens, got, 1)) == {("токаев",)}
    # an inflected pattern finds the same hits
    pd.testing.assert_frame_equal(kwic(tokens, "Токаевым", docs=docs), got)


def test_glob_finds_kazakhstan_and_kazakh(seeds):
    _, tokens = seeds
    got = kwic(tokens, "казах*")
    lemmas = {lemma for (lemma,) in hit_lemmas(tokens, got, 1)}
    assert {"казахстан", "казахский"} <= lemmas
    assert all(lemma.startswith("казах") for lemma in lemmas)
    assert len(got) == tokens["lemma"].str.startswith("казах").sum()


def test_regex_is_fullmatch_per_word(seeds):
    _, tokens = seeds
    got = kwic(tokens, "путин|трамп", regex=True)
    assert set(hit_lemmas(tokens, got, 1)) == {("путин",), ("трамп",)}
    assert len(got) == tokens["lemma"].isin(["путин", "трамп"]).sum()
    assert kwic(tokens, "путИ", regex=True).empty


def test_white_house_multiword_spans(seeds, texts):
    docs, tokens = seeds
    got = kwic(tokens, "Белый дом", docs=docs)
    assert {"Белом доме", "Белого дома"} <= set(got["match"])
    assert set(hit_lemmas(tokens, got, 2)) == {("белый", "дом")}
    lemma = tokens["lemma"].to_numpy()
    same_doc = tokens["doc_id"].to_numpy()[:-1] == tokens["doc_id"].to_numpy()[1:]
    assert len(got) == ((lemma[:-1] == "белый") & (lemma[1:] == "дом") & same_doc).sum()
    for doc_id, start, stop in got[["doc_id", "start", "stop"]].itertuples(index=False):
        first, last = texts[doc_id][start:stop].split(" ")
        assert first.startswith("Бел") and last.startswith("дом")


def test_token_matches_the_exact_form_only(seeds):
    _, tokens = seeds
    got = kwic(tokens, "Токаева", on="token")
    assert set(got["match"]) == {"Токаева"}
    assert len(got) == (tokens["token"] == "Токаева").sum()
    assert len(kwic(tokens, "Токаева", on="lemma")) > len(got)


def test_window_zero_gives_empty_contexts(seeds):
    docs, tokens = seeds
    got = kwic(tokens, "Путин", docs=docs, window=0)
    assert len(got) > 0
    assert (got["left"] == "").all() and (got["right"] == "").all()


def test_contexts_never_cross_documents(seeds, texts):
    docs, tokens = seeds
    window = 5
    got = kwic(tokens, "*", window=window)
    sizes = tokens.groupby("doc_id")["token_id"].transform("size").to_numpy()
    # razdel tokens have no spaces, so context tokens can be counted by splitting
    n_left = got["left"].str.split().str.len().fillna(0).to_numpy()
    n_right = got["right"].str.split().str.len().fillna(0).to_numpy()
    token_id = got["token_id"].to_numpy()
    np.testing.assert_array_equal(n_left, np.minimum(window, token_id))
    np.testing.assert_array_equal(n_right, np.minimum(window, sizes - 1 - token_id))
    with_docs = kwic(tokens, "*", docs=docs, window=window)
    for doc_id, left, start, stop, right in with_docs[["doc_id", "left", "start", "stop", "right"]].itertuples(index=False):
        assert left in LINE_BREAKS.sub(" ", texts[doc_id][:start])
        assert right in LINE_BREAKS.sub(" ", texts[doc_id][stop:])


def test_multiword_never_crosses_documents():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Это Белый", "дом устоял."]})
    tokens = ct.tokenize(docs)
    assert kwic(tokens, "Белый дом", docs=docs).empty
    assert kwic(tokens, "* *")["match"].tolist() == ["Это Белый", "дом устоял", "устоял ."]


def test_docs_add_source_and_date(seeds):
    docs, tokens = seeds
    got = kwic(tokens, "Путин", docs=docs)
    assert list(got.columns) == WITH_DOCS
    expected = docs.set_index("doc_id").loc[got["doc_id"], ["source", "date"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(got[["source", "date"]], expected)
    assert list(kwic(tokens, "Путин").columns) == COLUMNS
    # docs without the columns still give them, missing
    bare = kwic(tokens, "Путин", docs=docs[["doc_id", "title", "text"]])
    assert list(bare.columns) == WITH_DOCS and bare["source"].isna().all()


def test_order_follows_documents_then_token_id_and_inputs_are_kept(seeds):
    docs, tokens = seeds
    shuffled = tokens.sample(frac=1, random_state=0)
    before, docs_before = shuffled.copy(), docs.copy()
    got = kwic(shuffled, "Белый дом", docs=docs)
    pd.testing.assert_frame_equal(shuffled, before)
    pd.testing.assert_frame_equal(docs, docs_before)
    order = {d: i for i, d in enumerate(shuffled["doc_id"].unique())}
    keys = list(zip(got["doc_id"].map(order), got["token_id"]))
    assert keys == sorted(keys)
    expected = kwic(tokens, "Белый дом", docs=docs)
    key = ["doc_id", "token_id"]
    pd.testing.assert_frame_equal(got.sort_values(key).reset_index(drop=True), expected.sort_values(key).reset_index(drop=True))


@pytest.mark.parametrize(
    "options, message",
    [
        ({"window": -1}, "window = -1 is invalid; value must be >= 0"),
        ({"window": 1.5}, "window = 1.5 is invalid; value must be an int >= 0"),
        ({"window": True}, "window = True is invalid"),
        ({"on": "form"}, "on='form' is invalid; use 'lemma' or 'token'"),
        ({"pattern": ""}, "pattern is empty"),
        ({"pattern": "   "}, "pattern is empty"),
        ({"pattern": None}, "pattern=None is invalid"),
        ({"pattern": "(", "regex": True}, "pattern word '(' is not a valid regular expression"),
    ],
)
def test_bad_arguments_raise(text_tokens, options, message):
    options = {"pattern": "Токаев", **options}
    with pytest.raises(ValueError, match=re.escape(message)):
        kwic(text_tokens, **options)


def test_bad_tables_raise(text_tokens):
    with pytest.raises(ValueError, match=r"tokens lacks column\(s\) \['lemma'\]"):
        kwic(text_tokens.drop(columns="lemma"), "Токаев")
    with pytest.raises(ValueError, match="docs lacks 1 document"):
        kwic(text_tokens, "Токаев", docs=TEXT.assign(doc_id="b"))
    with pytest.raises(ValueError, match="docs do not match tokens"):
        kwic(text_tokens, "Токаев", docs=TEXT.assign(title=None))
    with pytest.raises(ValueError, match="'doc_id' and 'text'"):
        kwic(text_tokens, "Токаев", docs=TEXT.drop(columns="text"))


def test_no_hit_gives_an_empty_table(seeds, caplog):
    docs, tokens = seeds
    got = kwic(tokens, "несуществующееслово", docs=docs)
    assert got.empty and list(got.columns) == WITH_DOCS
    assert got["doc_id"].dtype == tokens["doc_id"].dtype
    assert got["token_id"].dtype == tokens["token_id"].dtype
    assert got["date"].dtype == docs["date"].dtype
    assert caplog.records == []
    empty = kwic(tokens.iloc[:0], "Путин")
    assert empty.empty and list(empty.columns) == COLUMNS


@settings(max_examples=30, deadline=None)
@given(window=st.integers(0, 12), pattern=st.sampled_from(["Путин", "Белый дом", "казах*", "* , *"]))
def test_windows_never_exceed_their_size(text_tokens, window, pattern):
    got = kwic(text_tokens, pattern, window=window)
    assert (got["left"].str.split().str.len() <= window).all()
    assert (got["right"].str.split().str.len() <= window).all()
    assert (got["stop"] > got["start"]).all()
